package graph

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// recordingFetch returns a fetch that doubles its keys and records each batch.
type recordingFetch struct {
	mu      sync.Mutex
	batches [][]int
	err     error
	panics  bool
}

func (f *recordingFetch) fetch(_ context.Context, keys []int) ([]int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.batches = append(f.batches, slices.Clone(keys))
	if f.panics {
		panic("store exploded")
	}
	if f.err != nil {
		return nil, f.err
	}
	out := make([]int, len(keys))
	for i, k := range keys {
		out[i] = 2 * k
	}
	return out, nil
}

func (f *recordingFetch) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.batches)
}

func TestLoader(t *testing.T) {
	ctx := context.Background()

	t.Run("KeepsGatheringWhileKeysArrive", func(t *testing.T) {
		// Keys 60ms apart, each well inside the 500ms wait since the one
		// before (even on a loaded machine), but 540ms from first to last:
		// they go out together, where a timer started by the first key
		// alone would have split them.
		f := &recordingFetch{}
		l := newLoader(f.fetch)
		l.wait, l.maxWait = 500*time.Millisecond, 10*time.Second
		pending := make([]*result[int], 10)
		for k := range pending {
			pending[k] = l.enqueue(ctx, k)
			time.Sleep(60 * time.Millisecond)
		}
		for k, r := range pending {
			if v, err := r.get(ctx); err != nil || v != 2*k {
				t.Fatalf("key %d: %d, %v", k, v, err)
			}
		}
		if f.calls() != 1 {
			t.Errorf("%d batches, want 1: %v", f.calls(), f.batches)
		}
	})

	t.Run("GoesOutByItsLongestWait", func(t *testing.T) {
		// Keys that never stop arriving still go out: a batch waits at
		// most maxWait after its first key.
		f := &recordingFetch{}
		l := newLoader(f.fetch)
		l.wait, l.maxWait = 20*time.Millisecond, 30*time.Millisecond
		first := l.enqueue(ctx, 0)
		deadline := time.Now().Add(time.Second)
		for k := 1; time.Now().Before(deadline); k++ {
			select {
			case <-first.done:
				return
			default:
			}
			l.enqueue(ctx, k)
			time.Sleep(2 * time.Millisecond)
		}
		t.Errorf("the first key's batch was still gathering after a second of arrivals (%d batches)", f.calls())
	})

	t.Run("BatchesConcurrentLoads", func(t *testing.T) {
		f := &recordingFetch{}
		l := newLoader(f.fetch)
		l.wait = 500 * time.Millisecond // generous, so the test does not depend on scheduling
		var wg sync.WaitGroup
		for k := range 30 {
			wg.Go(func() {
				v, err := l.load(ctx, k%10) // ten distinct keys, each asked for three times
				if err != nil || v != 2*(k%10) {
					t.Errorf("load(%d) = %d, %v", k%10, v, err)
				}
			})
		}
		wg.Wait()
		if len(f.batches) != 1 || len(f.batches[0]) != 10 {
			t.Fatalf("batches = %v, want one batch of the ten distinct keys", f.batches)
		}
		// Cached: no further fetch.
		if v, _ := l.load(ctx, 3); v != 6 || f.calls() != 1 {
			t.Errorf("cached load = %d after %d fetches", v, f.calls())
		}
	})

	t.Run("DispatchesFullBatchAtOnce", func(t *testing.T) {
		f := &recordingFetch{}
		l := newLoader(f.fetch)
		l.wait = time.Hour // only a full batch can go out
		l.maxBatch = 4
		vals, err := l.loadAll(ctx, []int{1, 2, 3, 4})
		if err != nil || !slices.Equal(vals, []int{2, 4, 6, 8}) {
			t.Fatalf("loadAll = %v, %v", vals, err)
		}
		if f.calls() != 1 {
			t.Errorf("%d fetches, want 1", f.calls())
		}
	})

	t.Run("LoadAllKeepsOrderAndDuplicates", func(t *testing.T) {
		f := &recordingFetch{}
		l := newLoader(f.fetch)
		vals, err := l.loadAll(ctx, []int{5, 1, 5, 2})
		if err != nil || !slices.Equal(vals, []int{10, 2, 10, 4}) {
			t.Fatalf("loadAll = %v, %v", vals, err)
		}
		if !slices.Equal(f.batches[0], []int{5, 1, 2}) {
			t.Errorf("batch = %v, want each key once", f.batches[0])
		}
	})

	t.Run("ErrorsReachEveryWaiterAndAreNotCached", func(t *testing.T) {
		f := &recordingFetch{err: errors.New("store down")}
		l := newLoader(f.fetch)
		if _, err := l.loadAll(ctx, []int{1, 2}); err == nil || err.Error() != "store down" {
			t.Fatalf("err = %v", err)
		}
		f.err = nil
		if v, err := l.load(ctx, 1); err != nil || v != 2 {
			t.Errorf("retry = %d, %v", v, err)
		}
	})

	t.Run("WrongLengthIsAnError", func(t *testing.T) {
		l := newLoader(func(context.Context, []int) ([]int, error) { return []int{1}, nil })
		if _, err := l.loadAll(ctx, []int{1, 2}); err == nil {
			t.Fatal("no error for a misaligned batch result")
		}
	})

	t.Run("PanicBecomesError", func(t *testing.T) {
		f := &recordingFetch{panics: true}
		l := newLoader(f.fetch)
		_, err := l.load(ctx, 1)
		if err == nil || !strings.Contains(err.Error(), "store exploded") {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("ClearRefetches", func(t *testing.T) {
		f := &recordingFetch{}
		l := newLoader(f.fetch)
		_, _ = l.load(ctx, 1)
		l.clear()
		_, _ = l.load(ctx, 1)
		if f.calls() != 2 {
			t.Errorf("%d fetches, want 2", f.calls())
		}
	})

	t.Run("PrimeAvoidsFetch", func(t *testing.T) {
		f := &recordingFetch{}
		l := newLoader(f.fetch)
		l.prime(7, 99)
		if v, err := l.load(ctx, 7); err != nil || v != 99 || f.calls() != 0 {
			t.Errorf("load = %d, %v after %d fetches", v, err, f.calls())
		}
	})

	t.Run("CancelledWaiterReturns", func(t *testing.T) {
		l := newLoader(func(ctx context.Context, keys []int) ([]int, error) {
			time.Sleep(50 * time.Millisecond)
			return make([]int, len(keys)), nil
		})
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := l.load(cctx, 1); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

func TestTieCursorOrder(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"per_A:KNOWS", "per_A:KNOWS", 0},
		{"per_A:ADVISES", "per_A:KNOWS", -1},
		{"per_B:ADVISES", "per_A:KNOWS", 1},
		{"a:KNOWS", "ab:ADVISES", -1}, // by id first, even when one id prefixes another
		{"x:y:KNOWS", "x:y:ADVISES", 1},
	} {
		if got := compareTieCursorKeys(c.a, c.b); got != c.want {
			t.Errorf("compare(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	for _, k := range []string{"!!", "dGll", encodeCursor(personCursor, "per_1")} {
		if _, err := decodeCursor(tieCursor, &k); err == nil {
			t.Errorf("decodeCursor(tie, %q) accepted", k)
		}
	}
	k := encodeCursor(tieCursor, "per_1:KNOWS")
	if got, err := decodeCursor(tieCursor, &k); err != nil || got != "per_1:KNOWS" {
		t.Errorf("round trip = %q, %v", got, err)
	}
}
