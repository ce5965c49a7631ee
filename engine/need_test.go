package engine_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestAnalyseFor_ComputesWhatIsAsked checks that a caller gets what it needs
// and no more, and that a later, larger need reuses what is cached: the
// same snapshot, the metrics already computed.
func TestAnalyseFor_ComputesWhatIsAsked(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	cs := &countingStore{Store: w.store}
	var mu sync.Mutex
	var stages []string
	e := engine.New(cs, engine.Options{Progress: func(_ engine.Scope, s analysis.Step) {
		mu.Lock()
		defer mu.Unlock()
		if s.Stage != "" {
			stages = append(stages, s.Stage)
		}
	}})
	ctx := t.Context()

	pr, err := e.AnalyseFor(ctx, engine.Scope{}, engine.Need{Metrics: analysis.MetricPageRank})
	if err != nil {
		t.Fatal(err)
	}
	if m := pr.Result.Metrics; !m.Has(analysis.MetricPageRank) || m.Has(analysis.MetricBetweenness) || pr.Result.Connectors != nil {
		t.Errorf("PageRank alone computed %v (connectors %v)", m, pr.Result.Connectors)
	}
	if pr.Health().AveragePathLength != nil {
		t.Error("path statistics computed though not asked for")
	}

	roles, err := e.AnalyseFor(ctx, engine.Scope{}, engine.Need{Roles: true})
	if err != nil {
		t.Fatal(err)
	}
	if roles.Snapshot != pr.Snapshot || !roles.Result.Metrics.Has(analysis.MetricPageRank|analysis.MetricBetweenness) || roles.Result.Sponsors == nil {
		t.Errorf("roles after PageRank: same snapshot %v, metrics %v", roles.Snapshot == pr.Snapshot, roles.Result.Metrics)
	}
	mu.Lock()
	runs := 0
	for _, s := range stages {
		if s == "pagerank" {
			runs++
		}
	}
	mu.Unlock()
	if runs != 1 {
		t.Errorf("PageRank ran %d times for two needs; want once (stages %v)", runs, stages)
	}
	// PageRank is now served from the larger analysis.
	again, err := e.AnalyseFor(ctx, engine.Scope{}, engine.Need{Metrics: analysis.MetricPageRank})
	if err != nil || again != roles {
		t.Errorf("PageRank again: %v; want the analysis with roles", err)
	}
	if n := cs.graphReads.Load(); n != 1 {
		t.Errorf("%d graph reads, want 1", n)
	}
}

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestAnalyse_RemembersFailure checks that a failed computation is not
// started again by every request: callers get the remembered error until the
// retry is due, the wait doubles after each failure, and the status says so.
func TestAnalyse_RemembersFailure(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	cs := &countingStore{Store: w.store, gate: make(chan struct{})} // every read is held: every analysis times out
	defer close(cs.gate)
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	e := engine.New(cs, engine.Options{Timeout: 10 * time.Millisecond, RetryAfter: time.Minute, Clock: clock.Now})
	ctx := t.Context()
	analyse := func() error {
		t.Helper()
		_, err := e.Analyse(ctx, engine.Scope{})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v; want the timeout", err)
		}
		return err
	}

	analyse()
	for range 5 {
		analyse() // remembered: no new computation
	}
	if n := cs.graphReads.Load(); n != 1 {
		t.Errorf("%d computations for 6 requests within the retry wait, want 1", n)
	}
	s := e.Status(engine.Scope{})
	if s.State != engine.StateFailed || s.Failures != 1 || !s.RetryAt.Equal(clock.Now().Add(time.Minute)) || s.LastError == "" {
		t.Errorf("status %+v; want FAILED once, retry in a minute, with the reason", s)
	}

	clock.Advance(time.Minute)
	analyse() // due: tried again, and failed again
	if n := cs.graphReads.Load(); n != 2 {
		t.Errorf("%d computations after the retry was due, want 2", n)
	}
	clock.Advance(time.Minute)
	analyse() // the wait has doubled to two minutes
	if n := cs.graphReads.Load(); n != 2 {
		t.Errorf("%d computations a minute after the second failure, want still 2 (backoff doubles)", n)
	}
	if s := e.Status(engine.Scope{}); s.Failures != 2 {
		t.Errorf("%d failures in a row, want 2", s.Failures)
	}

	// A different need is its own computation.
	if _, err := e.AnalyseFor(ctx, engine.Scope{}, engine.Need{Metrics: analysis.MetricDegree}); err == nil {
		t.Error("degree alone succeeded though every read is held")
	}
	if n := cs.graphReads.Load(); n != 3 {
		t.Errorf("%d computations, want 3 (one for the new need)", n)
	}
	// Purge forgets failures with everything else.
	e.Purge()
	analyse()
	if n := cs.graphReads.Load(); n != 4 {
		t.Errorf("%d computations after Purge, want 4", n)
	}
}

// TestAnalyse_ServeStale checks that with ServeStale a write never makes a
// caller wait: the last analysis is served, marked stale, while a new one is
// computed in the background, once for a burst of writes; and that Purge
// (erasure) leaves nothing stale to serve.
func TestAnalyse_ServeStale(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	cs := &countingStore{Store: w.store}
	// The debounce is long beside the burst below, so that a loaded machine
	// does not split it (50 ms did).
	e := engine.New(cs, engine.Options{ServeStale: true, Debounce: time.Second})
	ctx := t.Context()
	first, err := e.Analyse(ctx, engine.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	// A burst of writes, each followed by a request.
	for _, pair := range [][2]string{{w.ann, w.dan}, {w.ann, w.eve}, {w.bob, w.fay}} {
		if _, err := w.store.Connect(ctx, netgraph.TieCreate{From: pair[0], To: pair[1]}); err != nil {
			t.Fatal(err)
		}
		a, err := e.Analyse(ctx, engine.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Stale || a.Version() != first.Version() || a.LatestVersion <= first.Version() {
			t.Fatalf("after a write: stale %v, version %d (latest %d); want the last analysis (%d), marked stale",
				a.Stale, a.Version(), a.LatestVersion, first.Version())
		}
	}
	if s := e.Status(engine.Scope{}); s.State != engine.StateStale && s.State != engine.StateCurrent {
		t.Errorf("status %s during the refresh", s.State)
	}
	// The background recomputation lands.
	deadline := time.Now().Add(30 * time.Second)
	var fresh *engine.Analysis
	for time.Now().Before(deadline) {
		if fresh, err = e.Analyse(ctx, engine.Scope{}); err != nil {
			t.Fatal(err)
		}
		if !fresh.Stale {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if fresh.Stale || fresh.Snapshot.M() != 9 {
		t.Fatalf("after the refresh: stale %v, %d ties; want a current analysis with 9 ties", fresh.Stale, fresh.Snapshot.M())
	}
	if n := cs.graphReads.Load(); n != 2 {
		t.Errorf("%d graph reads for a burst of 3 writes, want 2 (the first analysis and one refresh)", n)
	}
	if s := e.Status(engine.Scope{}); s.State != engine.StateCurrent || s.Version != fresh.Version() {
		t.Errorf("status %+v; want CURRENT at %d", s, fresh.Version())
	}

	// Erasure: after Purge nothing stale is served.
	if err := w.store.DeletePerson(ctx, w.cat); err != nil {
		t.Fatal(err)
	}
	e.Purge()
	a, err := e.Analyse(ctx, engine.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Stale || appears(a, w.cat) {
		t.Errorf("after erasure and Purge: stale %v, erased person appears %v", a.Stale, appears(a, w.cat))
	}
}
