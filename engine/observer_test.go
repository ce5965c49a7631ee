package engine_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// recordingObserver keeps what the engine tells it.
type recordingObserver struct {
	mu       sync.Mutex
	lookups  []engine.Lookup
	computed []error
	took     []time.Duration
}

func (o *recordingObserver) Looked(_ engine.Scope, r engine.Lookup) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.lookups = append(o.lookups, r)
}

func (o *recordingObserver) Computed(_ engine.Scope, took time.Duration, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.computed, o.took = append(o.computed, err), append(o.took, took)
}

// TestObserver checks that the observer hears a miss and one computation for
// a scope's first analysis, a hit for the second, and a miss again after a
// write.
func TestObserver(t *testing.T) {
	w := newWorld(t, embeddedtest.MustOpenTemp(t))
	obs := &recordingObserver{}
	e := engine.New(w.store, engine.Options{Observer: obs})
	ctx := t.Context()
	scope := engine.Scope{NetworkID: w.learning}
	for range 2 {
		if _, err := e.Analyse(ctx, scope); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Analyse(ctx, engine.Scope{NetworkID: "net_unknown"}); err == nil {
		t.Fatal("analysis of an unknown network succeeded")
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if want := []engine.Lookup{engine.LookupMiss, engine.LookupHit, engine.LookupMiss}; !slices.Equal(obs.lookups, want) {
		t.Errorf("lookups %v, want %v", obs.lookups, want)
	}
	if len(obs.computed) != 2 || obs.computed[0] != nil || obs.computed[1] == nil {
		t.Fatalf("computations ended with %v, want one success then the unknown network's error", obs.computed)
	}
	if obs.took[0] <= 0 {
		t.Errorf("computation took %v, want a positive duration", obs.took[0])
	}
}
