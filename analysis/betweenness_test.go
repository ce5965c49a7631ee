package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
)

func TestBetweennessMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			b, err := Betweenness(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			r.assertCloseEach(t, g, "betweenness", b, 1e-6)
			assertClose(t, r.Name+" betweenness centralization", BetweennessCentralization(b), r.GraphMetrics.BetweennessCentralization, 1e-6)
		})
	}
}

// gonum counts every pair from both ends and does not normalise:
// NetworkX's normalised value is gonum's divided by (n-1)(n-2).
func TestBetweennessMatchesGonum(t *testing.T) {
	for _, c := range testGraphs() {
		t.Run(c.name, func(t *testing.T) {
			n := c.g.N()
			var want map[int64]float64
			if gg := gonumGraph(c.g); c.g.Weighted() {
				want = network.BetweennessWeighted(gg.(graph.Weighted), path.DijkstraAllPaths(gg))
			} else {
				want = network.Betweenness(gg)
			}
			got, err := Betweenness(context.Background(), c.g)
			if err != nil {
				t.Fatal(err)
			}
			for v := range n {
				w := want[int64(v)] / float64((n-1)*(n-2))
				assertClose(t, fmt.Sprintf("betweenness of %d", v), got[v], w, 1e-12)
			}
		})
	}
}

func TestBetweennessEdgeCases(t *testing.T) {
	for _, c := range edgeCases() {
		t.Run(c.name, func(t *testing.T) {
			b, err := Betweenness(context.Background(), c.g)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) != c.g.N() || slices.ContainsFunc(b, func(x float64) bool { return x != 0 }) {
				t.Errorf("got %v; want %d zeros", b, c.g.N())
			}
			if bc := BetweennessCentralization(b); bc != 0 {
				t.Errorf("centralization %v; want 0", bc)
			}
		})
	}
	// The middle of a path of three lies on the one path between the others;
	// an isolate counts in n: 2/((4-1)(4-2)) = 1/3.
	b, err := Betweenness(context.Background(), snapshotOf(4, [2]int{0, 1}, [2]int{1, 2}))
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{0, 1.0 / 3, 0, 0}; !slices.Equal(b, want) {
		t.Errorf("path of three and an isolate: got %v; want %v", b, want)
	}
}

func TestBetweennessCentralizationOfAStarIsOne(t *testing.T) {
	star := snapshotOf(6, [2]int{0, 1}, [2]int{0, 2}, [2]int{0, 3}, [2]int{0, 4}, [2]int{0, 5})
	b, err := Betweenness(context.Background(), star)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, "star centre", b[0], 1, 1e-15)
	assertClose(t, "star centralization", BetweennessCentralization(b), 1, 1e-15)
}

func TestBetweennessDoesNotDependOnWorkers(t *testing.T) {
	for _, c := range testGraphs() {
		var one, many []float64
		var err1, err2 error
		withProcs(1, func() { one, err1 = Betweenness(context.Background(), c.g) })
		withProcs(4, func() { many, err2 = Betweenness(context.Background(), c.g) })
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(one, many) {
			t.Errorf("%s: 1 worker %v; 4 workers %v", c.name, one, many)
		}
	}
}

func TestBetweennessCancelled(t *testing.T) {
	_, err := Betweenness(cancelled(), randomSnapshot(1, 50, 0.1, false))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}

func TestFixedPointScaleLeavesHeadroom(t *testing.T) {
	for _, n := range []int{3, 10, 1000, 1 << 20, math.MaxInt32} {
		scale := fixedPointScale(n)
		// Every source may round up by half a unit.
		if top := float64(n-1)*float64(n-2)*scale + float64(n)/2; top >= math.Ldexp(1, 63) {
			t.Errorf("n = %d: scale %v lets sums reach %v", n, scale, top)
		}
		// Half a unit per source after normalisation: n·2⁻⁶² for large n.
		pairs := float64(n-1) * float64(n-2)
		bound := float64(n) * math.Ldexp(1, -62) * float64(n) * float64(n) / pairs * (1 + 1e-12)
		if err := float64(n) / (2 * scale * pairs); err > bound {
			t.Errorf("n = %d: rounding error %v after normalisation", n, err)
		}
	}
}
