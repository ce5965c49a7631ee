package analysis

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
)

func TestEigenvectorMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			x, err := Eigenvector(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			r.assertCloseEach(t, g, "eigenvector", x, 1e-10)
		})
	}
}

func TestEigenvectorHasUnitNormAndDoesNotDependOnWorkers(t *testing.T) {
	g := weightedNetwork(3000, 20000, 4)
	var one, two []float64
	var err1, err2 error
	withProcs(1, func() { one, err1 = Eigenvector(context.Background(), g) })
	withProcs(2, func() { two, err2 = Eigenvector(context.Background(), g) })
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !slices.Equal(one, two) {
		t.Error("GOMAXPROCS=1 and 2 give different results")
	}
	sq := 0.0
	for _, x := range one {
		sq += x * x
	}
	if math.Abs(sq-1) > 1e-12 {
		t.Errorf("squared norm %v; want 1", sq)
	}
}

func TestEigenvectorEdgeCases(t *testing.T) {
	for _, tc := range structureEdgeCases() {
		t.Run(tc.name, func(t *testing.T) {
			x, err := Eigenvector(context.Background(), tc.g)
			if err != nil {
				t.Fatal(err)
			}
			if len(x) != tc.g.N() {
				t.Fatalf("got %d values for %d people", len(x), tc.g.N())
			}
			// Every edge case is symmetric: everyone scores alike.
			for _, v := range x {
				if want := 1 / math.Sqrt(float64(len(x))); math.Abs(v-want) > 1e-12 {
					t.Errorf("got %v; want %v for everyone", x, want)
					break
				}
			}
		})
	}
}

func TestEigenvectorCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Eigenvector(ctx, clusteredNetwork(100, 2, 0.1, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}

// TestIsolatesScoreExactlyZero: on the fixture graph with three isolates,
// every centrality whose value for someone without ties is 0 by definition
// (or, for eigenvector centrality, in the limit the power iteration
// approaches; NetworkX stops at 1.9e-88) is exactly 0 for them, while
// PageRank gives them the teleport share NetworkX gives.
func TestIsolatesScoreExactlyZero(t *testing.T) {
	var ref referenceGraph
	for _, r := range loadReference(t) {
		if r.Name == "disconnected" {
			ref = r
		}
	}
	g := ref.snapshot()
	r, err := Analyse(context.Background(), g, Options{Metrics: AllMetrics})
	if err != nil {
		t.Fatal(err)
	}
	pagerank := ref.want(t, g, "pagerank")
	isolates := 0
	for v := range g.N() {
		if g.Degree(v) != 0 {
			continue
		}
		isolates++
		p := &r.People[v]
		for _, m := range Metrics {
			if !m.Ranked || m.Name == "pagerank" || m.Name == "constraint" || m.Name == "effectiveSize" {
				continue
			}
			if x := m.Value(p); x != 0 {
				t.Errorf("isolate %s: %s %v, want exactly 0", g.ID(v), m.Name, x)
			}
		}
		if math.Abs(p.PageRank-pagerank[v]) > 1e-12 || p.PageRank <= 0 {
			t.Errorf("isolate %s: PageRank %v, want NetworkX's %v", g.ID(v), p.PageRank, pagerank[v])
		}
	}
	if isolates != 3 {
		t.Fatalf("%d isolates in the fixture graph, want 3", isolates)
	}
}
