package engine_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/internal/holmekim"
	"github.com/netgraph/netgraph/store/embedded"
)

// The service-scale store of issue 11: 20,000 people and about 100,000 ties
// of a Holme–Kim network (like networkx.powerlaw_cluster_graph(20000, 5, 0.3,
// seed=42)), with strengths 1 to 9.
const (
	scalePeople = 20_000
	scaleTiesM  = 5
)

var scaleStore struct {
	once sync.Once
	path string
	err  error
}

// scaleStorePath returns the store file, built once and kept in the
// temporary directory between runs (delete it to rebuild).
func scaleStorePath(b *testing.B) string {
	b.Helper()
	scaleStore.once.Do(func() {
		scaleStore.path = filepath.Join(os.TempDir(), fmt.Sprintf("netgraph-engine-bench-v1-%dpeople-hk%d.db", scalePeople, scaleTiesM))
		if _, err := os.Stat(scaleStore.path); err == nil {
			return
		}
		scaleStore.err = buildScaleStore(b.Context(), scaleStore.path)
	})
	if scaleStore.err != nil {
		b.Fatal(scaleStore.err)
	}
	return scaleStore.path
}

func buildScaleStore(ctx context.Context, path string) error {
	tmp := path + ".building"
	os.Remove(tmp)
	s, err := embedded.Open(tmp)
	if err != nil {
		return err
	}
	defer s.Close()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	id := func(i int32) string { return fmt.Sprintf("per_%08d", i) }
	records := make([]netgraph.Record, 0, scalePeople*(1+scaleTiesM))
	for i := range int32(scalePeople) {
		records = append(records, netgraph.Record{Person: &netgraph.Person{ID: id(i), Name: fmt.Sprintf("Person %d", i),
			Consent: true, CreatedAt: now, UpdatedAt: now}})
	}
	rng := rand.New(rand.NewPCG(42, 1))
	for _, t := range holmekim.Ties(scalePeople, scaleTiesM, 0.3, 42) {
		records = append(records, netgraph.Record{Tie: &netgraph.Tie{From: id(t[0]), To: id(t[1]), Kind: netgraph.TieKnows,
			Strength: 1 + float64(rng.IntN(9)), Since: now}})
	}
	if err := s.Import(ctx, records); err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// BenchmarkService20k times the first answer of a fresh engine (nothing
// cached) to three dashboard queries on the 20,000-person store, each
// computing what it needs: networkHealth (the structure), centrality
// (PAGERANK) and connectors (roles: betweenness, eigenvector, PageRank,
// communities); and, for comparison, the full analysis (engine.Everything),
// which is what every one of them computed before the engine computed per
// need. Run with -benchtime=1x: one full analysis takes tens of seconds.
//
//	go test ./engine -run '^$' -bench Service20k -benchtime 1x
func BenchmarkService20k(b *testing.B) {
	store, err := embedded.Open(scaleStorePath(b))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	for _, q := range []struct {
		name string
		need engine.Need
	}{
		{"networkHealth", engine.Need{}},
		{"centrality-PAGERANK", engine.Need{Metrics: analysis.MetricPageRank}},
		{"connectors", engine.Need{Roles: true}},
		{"everything", engine.Everything},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e := engine.New(store, engine.Options{Timeout: 30 * time.Minute})
				a, err := e.AnalyseFor(b.Context(), engine.Scope{}, q.need)
				if err != nil {
					b.Fatal(err)
				}
				if a.Snapshot.N() != scalePeople {
					b.Fatalf("%d people", a.Snapshot.N())
				}
			}
		})
	}
	b.Run("cached-connectors", func(b *testing.B) {
		e := engine.New(store, engine.Options{Timeout: 30 * time.Minute})
		if _, err := e.AnalyseFor(b.Context(), engine.Scope{}, engine.Need{Roles: true}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := e.AnalyseFor(b.Context(), engine.Scope{}, engine.Need{Roles: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
