package analysis

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	gonumnetwork "gonum.org/v1/gonum/graph/network"
	gonumsimple "gonum.org/v1/gonum/graph/simple"
)

func TestPageRankMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			pr, err := PageRank(context.Background(), g, 0.85)
			if err != nil {
				t.Fatal(err)
			}
			r.assertCloseEach(t, g, "pagerank", pr, 1e-9)
		})
	}
}

func TestPageRankMatchesGonum(t *testing.T) {
	for name, g := range map[string]*Snapshot{
		"clustered":              clusteredNetwork(400, 3, 0.3, 8),
		"weighted with isolates": weightedNetwork(300, 600, 8),
	} {
		t.Run(name, func(t *testing.T) {
			// gonum's PageRank is for directed graphs: give it each tie
			// both ways.
			d := gonumsimple.NewWeightedDirectedGraph(0, 0)
			for v := range g.N() {
				d.AddNode(gonumsimple.Node(v))
			}
			for v := range g.N() {
				for i, u := range g.Neighbors(v) {
					d.SetWeightedEdge(d.NewWeightedEdge(gonumsimple.Node(v), gonumsimple.Node(u), g.Strengths(v)[i]))
				}
			}
			want := gonumnetwork.PageRankSparse(d, 0.85, 1e-13)
			got, err := PageRank(context.Background(), g, 0.85)
			if err != nil {
				t.Fatal(err)
			}
			for v := range got {
				if math.Abs(got[v]-want[int64(v)]) > 1e-10 {
					t.Fatalf("person %d: %v; gonum %v", v, got[v], want[int64(v)])
				}
			}
		})
	}
}

func TestPageRankSumsToOneAndDoesNotDependOnWorkers(t *testing.T) {
	g := weightedNetwork(5000, 30000, 6)
	var one, two []float64
	var err1, err2 error
	withProcs(1, func() { one, err1 = PageRank(context.Background(), g, 0.85) })
	withProcs(2, func() { two, err2 = PageRank(context.Background(), g, 0.85) })
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !slices.Equal(one, two) {
		t.Error("GOMAXPROCS=1 and 2 give different results")
	}
	sum := 0.0
	for _, x := range one {
		sum += x
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("ranks sum to %v; want 1", sum)
	}
}

func TestPageRankEdgeCases(t *testing.T) {
	for _, tc := range structureEdgeCases() {
		t.Run(tc.name, func(t *testing.T) {
			pr, err := PageRank(context.Background(), tc.g, 0.85)
			if err != nil {
				t.Fatal(err)
			}
			if len(pr) != tc.g.N() {
				t.Fatalf("got %d values for %d people", len(pr), tc.g.N())
			}
			// Every edge case is symmetric: everyone ranks alike.
			for _, x := range pr {
				if want := 1 / float64(len(pr)); math.Abs(x-want) > 1e-12 {
					t.Errorf("got %v; want %v for everyone", pr, want)
					break
				}
			}
		})
	}
}

func TestPageRankRejectsBadDamping(t *testing.T) {
	g := twoTriangles()
	for _, d := range []float64{-0.1, 1, 1.5, math.NaN()} {
		if _, err := PageRank(context.Background(), g, d); err == nil {
			t.Errorf("damping %v: no error", d)
		}
	}
}

func TestPageRankCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := PageRank(ctx, clusteredNetwork(100, 2, 0.1, 1), 0.85); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}
