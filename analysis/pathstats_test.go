package analysis

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
)

func TestPathStatsMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			got, err := PathStats(context.Background(), r.snapshot())
			if err != nil {
				t.Fatal(err)
			}
			assertClose(t, "average path length", got.AveragePathLength, r.GraphMetrics.AveragePathLength, 1e-6)
			assertClose(t, "diameter", got.Diameter, r.GraphMetrics.Diameter, 1e-6)
		})
	}
}

func TestPathStatsMatchesGonum(t *testing.T) {
	for _, c := range testGraphs() {
		t.Run(c.name, func(t *testing.T) {
			label, sizes := Components(c.g)
			_, dist := gonumDistances(c.g)
			var sum, diameter float64
			for u := range dist {
				for v, d := range dist[u] {
					if label[u] == 0 && label[v] == 0 {
						sum += d
						diameter = max(diameter, d)
					}
				}
			}
			size := float64(sizes[0])
			want := PathSummary{AveragePathLength: sum / (size * (size - 1)), Diameter: diameter}
			if sizes[0] == 1 {
				want = PathSummary{}
			}
			got, err := PathStats(context.Background(), c.g)
			if err != nil {
				t.Fatal(err)
			}
			assertClose(t, "average path length", got.AveragePathLength, want.AveragePathLength, 1e-12)
			assertClose(t, "diameter", got.Diameter, want.Diameter, 0)
		})
	}
}

func TestPathStatsEdgeCases(t *testing.T) {
	for _, c := range edgeCases() {
		t.Run(c.name, func(t *testing.T) {
			got, err := PathStats(context.Background(), c.g)
			if err != nil {
				t.Fatal(err)
			}
			want := PathSummary{}
			if c.g.M() > 0 {
				want = PathSummary{AveragePathLength: 1, Diameter: 1}
			}
			if got != want {
				t.Errorf("got %+v; want %+v", got, want)
			}
		})
	}
	// A path of n people: mean distance (n+1)/3, diameter n-1.
	got, err := PathStats(context.Background(), pathSnapshot(10))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.AveragePathLength-11.0/3) > 1e-12 || got.Diameter != 9 {
		t.Errorf("path of 10: got %+v; want {11/3, 9}", got)
	}
}

func TestPathStatsCancelled(t *testing.T) {
	_, err := PathStats(cancelled(), randomSnapshot(1, 50, 0.1, false))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}

func TestClosenessAndPathsAgreeWithSeparateCalls(t *testing.T) {
	for _, c := range append(testGraphs(), edgeCases()...) {
		closeness, harmonic, paths, err := closenessAndPaths(context.Background(), c.g)
		if err != nil {
			t.Fatal(err)
		}
		wantC, wantH, err := Closeness(context.Background(), c.g)
		if err != nil {
			t.Fatal(err)
		}
		wantP, err := PathStats(context.Background(), c.g)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(closeness, wantC) || !slices.Equal(harmonic, wantH) || paths != wantP {
			t.Errorf("%s: one pass gives %v %v %+v; separate calls %v %v %+v", c.name, closeness, harmonic, paths, wantC, wantH, wantP)
		}
	}
}
