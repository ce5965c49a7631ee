package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
)

// Closeness returns closenessAndPaths' closeness and harmonic centrality:
// the kernel on its own, as these tests check it.
func Closeness(ctx context.Context, g *Snapshot) (closeness, harmonic []float64, err error) {
	closeness, harmonic, _, err = closenessAndPaths(ctx, g)
	return closeness, harmonic, err
}

func TestClosenessMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			closeness, harmonic, err := Closeness(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			r.assertCloseEach(t, g, "closeness", closeness, 1e-6)
			r.assertCloseEach(t, g, "harmonic", harmonic, 1e-6)
		})
	}
}

// The expected values are computed here from gonum's all-pairs distances,
// with the definitions written out.
func TestClosenessMatchesGonum(t *testing.T) {
	for _, c := range testGraphs() {
		t.Run(c.name, func(t *testing.T) {
			n := c.g.N()
			_, dist := gonumDistances(c.g)
			closeness, harmonic, err := Closeness(context.Background(), c.g)
			if err != nil {
				t.Fatal(err)
			}
			for v := range n {
				reached, sum, inverse := 1, 0.0, 0.0
				for u, d := range dist[v] {
					if u != v && !math.IsInf(d, 1) {
						reached++
						sum += d
						inverse += 1 / d
					}
				}
				want := 0.0
				if sum > 0 {
					want = float64(reached-1) / sum * float64(reached-1) / float64(n-1)
				}
				assertClose(t, fmt.Sprintf("closeness of %d", v), closeness[v], want, 1e-12)
				assertClose(t, fmt.Sprintf("harmonic of %d", v), harmonic[v], inverse, 1e-12)
			}
		})
	}
}

func TestClosenessEdgeCases(t *testing.T) {
	for _, c := range edgeCases() {
		t.Run(c.name, func(t *testing.T) {
			closeness, harmonic, err := Closeness(context.Background(), c.g)
			if err != nil {
				t.Fatal(err)
			}
			// Two tied people are at distance 1 from each other.
			want := 0.0
			if c.g.M() > 0 {
				want = 1
			}
			for _, got := range [][]float64{closeness, harmonic} {
				if len(got) != c.g.N() || slices.ContainsFunc(got, func(x float64) bool { return x != want }) {
					t.Errorf("got %v; want %d × %v", got, c.g.N(), want)
				}
			}
		})
	}
}

func TestClosenessCancelled(t *testing.T) {
	_, _, err := Closeness(cancelled(), randomSnapshot(1, 50, 0.1, true))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}
