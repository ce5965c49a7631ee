package analysis

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	gonumcommunity "gonum.org/v1/gonum/graph/community"
)

// TestLouvainMatchesNetworkX asks for modularity at least as high as the
// best of NetworkX's Louvain over ten seeds, for each of a few seeds, and
// checks Modularity against gonum's community.Q on the result.
func TestLouvainMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			for seed := range uint64(5) {
				labels, err := Louvain(context.Background(), g, seed)
				if err != nil {
					t.Fatal(err)
				}
				checkLabels(t, labels)
				q := Modularity(g, labels)
				if want := r.GraphMetrics.LouvainModularity; q < want-1e-3 {
					t.Errorf("seed %d: modularity %.6f; NetworkX reaches %.6f", seed, q, want)
				}
				assertClose(t, "Modularity vs gonum", q, gonumModularity(g, labels), 1e-9)
			}
		})
	}
}

// checkLabels checks that communities are numbered 0..k−1 by size, largest
// first, ties broken by the smallest member.
func checkLabels(t *testing.T, labels []int32) {
	t.Helper()
	if len(labels) == 0 {
		return
	}
	k := int(slices.Max(labels)) + 1
	size, first := make([]int, k), make([]int, k)
	for v := len(labels) - 1; v >= 0; v-- {
		c := labels[v]
		if c < 0 {
			t.Fatalf("person %d has label %d", v, c)
		}
		size[c]++
		first[c] = v
	}
	for c := range k {
		if size[c] == 0 {
			t.Fatalf("label %d of 0..%d is unused", c, k-1)
		}
		if c > 0 && (size[c] > size[c-1] || size[c] == size[c-1] && first[c] < first[c-1]) {
			t.Fatalf("community %d (size %d, first member %d) ranks after community %d (size %d, first member %d)",
				c, size[c], first[c], c-1, size[c-1], first[c-1])
		}
	}
}

func TestLouvainIsDeterministic(t *testing.T) {
	for name, g := range map[string]*Snapshot{
		"one run, parallel aggregation": clusteredNetwork(20000, 5, 0.3, 4),
		"parallel runs":                 clusteredNetwork(300, 3, 0.3, 4),
	} {
		t.Run(name, func(t *testing.T) {
			run := func(procs int, seed uint64) []int32 {
				var labels []int32
				var err error
				withProcs(procs, func() { labels, err = Louvain(context.Background(), g, seed) })
				if err != nil {
					t.Fatal(err)
				}
				return labels
			}
			a := run(2, 7)
			if b := run(2, 7); !slices.Equal(a, b) {
				t.Error("two runs with the same seed differ")
			}
			if b := run(1, 7); !slices.Equal(a, b) {
				t.Error("GOMAXPROCS=1 and 2 differ")
			}
			if b := run(2, 8); slices.Equal(a, b) && name != "parallel runs" {
				t.Error("seeds 7 and 8 give the same division (is the seed used?)")
			}
		})
	}
}

// TestLouvainWeighted compares with gonum's community.Modularize on a
// weighted network.
func TestLouvainWeighted(t *testing.T) {
	g := weightedNetwork(2000, 8000, 12)
	labels, err := Louvain(context.Background(), g, 1)
	if err != nil {
		t.Fatal(err)
	}
	checkLabels(t, labels)
	q := Modularity(g, labels)
	assertClose(t, "Modularity vs gonum", q, gonumModularity(g, labels), 1e-9)
	gg := toGonumUndirected(g)
	reduced := gonumcommunity.Modularize(gg, 1, rand.NewPCG(1, 1))
	if want := gonumcommunity.Q(gg, reduced.Communities(), 1); q < want-1e-3 {
		t.Errorf("modularity %.6f; gonum's Louvain reaches %.6f", q, want)
	}
}

func TestLouvainEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    *Snapshot
		want []int32
	}{
		{"empty", snapshotOf(0), []int32{}},
		{"one person", snapshotOf(1), []int32{0}},
		{"all isolates", snapshotOf(4), []int32{0, 1, 2, 3}},
		{"two triangles", twoTriangles(), []int32{0, 0, 0, 1, 1, 1}},
		{"triangle and isolate", snapshotOf(4, [2]int{1, 2}, [2]int{2, 3}, [2]int{1, 3}), []int32{1, 0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Louvain(context.Background(), tc.g, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v; want %v", got, tc.want)
			}
		})
	}
}

func TestLouvainCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Louvain(ctx, clusteredNetwork(100, 2, 0.1, 1), 1); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}
