package graph

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/netgraph/netgraph/engine"
)

// TestAnalysisMemo checks the per-request analysis memo: one engine call per
// scope however many fields ask at once, errors kept, a fresh call after
// clear, and a waiter that gives up with its context.
func TestAnalysisMemo(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	m := &analysisMemo{dataVersion: func(context.Context) (uint64, error) { return 1, nil }, analyseAt: func(_ context.Context, s engine.Scope, _ uint64, _ engine.Need) (*engine.Analysis, error) {
		calls.Add(1)
		<-release
		if s.NetworkID == "bad" {
			return nil, errors.New("no such network")
		}
		return &engine.Analysis{Scope: s}, nil
	}}
	ctx := context.Background()
	whole, network := engine.Scope{}, engine.Scope{NetworkID: "net_1"}

	var wg sync.WaitGroup
	got := make([]*engine.Analysis, 50)
	for i := range got {
		wg.Go(func() {
			scope := whole
			if i%2 == 1 {
				scope = network
			}
			a, err := m.get(ctx, scope)
			if err != nil {
				t.Error(err)
			}
			got[i] = a
		})
	}
	// A waiter that gives up: the others are unaffected.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	waiting := make(chan error)
	go func() {
		for calls.Load() < 2 { // both scopes under way
			runtime.Gosched()
		}
		_, err := m.get(cctx, whole)
		waiting <- err
	}()
	if err := <-waiting; !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled waiter got %v", err)
	}
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 2 {
		t.Errorf("%d engine calls for 50 fields over two scopes, want 2", n)
	}
	for i, a := range got {
		if a != got[i%2] {
			t.Fatalf("field %d got another analysis than field %d", i, i%2)
		}
	}

	bad := engine.Scope{NetworkID: "bad"}
	if _, err := m.get(ctx, bad); err == nil {
		t.Error("no error for a bad scope")
	}
	if _, err := m.get(ctx, bad); err == nil || calls.Load() != 3 {
		t.Errorf("second ask for a bad scope: %v, %d calls in all; want the kept error and 3 calls", err, calls.Load())
	}

	m.clear()
	if a, err := m.get(ctx, whole); err != nil || a == got[0] || calls.Load() != 4 {
		t.Errorf("after clear: %p (was %p), %v, %d calls; want a new analysis from a fourth call", a, got[0], err, calls.Load())
	}
}
