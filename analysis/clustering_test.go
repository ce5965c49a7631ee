package analysis

import "testing"

func TestClusteringMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			local := Clustering(g)
			r.assertCloseEach(t, g, "clustering", local, 1e-12)
			assertClose(t, "AverageClustering", AverageClustering(local), r.GraphMetrics.AverageClustering, 1e-12)
			assertClose(t, "Transitivity", Transitivity(g), r.GraphMetrics.Transitivity, 1e-12)
		})
	}
}

// TestTriangleCountsMatchBruteForce checks the oriented merge count against
// testing every pair of each person's contacts, on networks with hubs and
// with GOMAXPROCS 1 and 2.
func TestTriangleCountsMatchBruteForce(t *testing.T) {
	for name, g := range map[string]*Snapshot{
		"clustered": clusteredNetwork(1500, 5, 0.6, 9),
		"weighted":  weightedNetwork(400, 3000, 9),
		"star":      starNetwork(50),
	} {
		t.Run(name, func(t *testing.T) {
			want := make([]int64, g.N())
			for v := range g.N() {
				nb := g.Neighbors(v)
				for i := range nb {
					for j := i + 1; j < len(nb); j++ {
						if g.HasTie(int(nb[i]), int(nb[j])) {
							want[v]++
						}
					}
				}
			}
			for _, procs := range []int{1, 2} {
				var got []int64
				withProcs(procs, func() { got = triangleCounts(g) })
				for v := range want {
					if got[v] != want[v] {
						t.Fatalf("GOMAXPROCS=%d: person %d has %d triangles; brute force finds %d", procs, v, got[v], want[v])
					}
				}
			}
		})
	}
}

func TestClusteringOfSimpleShapes(t *testing.T) {
	for _, tc := range []struct {
		name         string
		g            *Snapshot
		local        float64 // everyone's
		transitivity float64
	}{
		{"two triangles", twoTriangles(), 1, 1},
		{"star", starNetwork(6), 0, 0},
		{"ring", ringNetwork(6), 0, 0},
		{"isolates", snapshotOf(3), 0, 0},
	} {
		for v, c := range Clustering(tc.g) {
			if c != tc.local {
				t.Errorf("%s: clustering of %d = %v; want %v", tc.name, v, c, tc.local)
			}
		}
		if got := Transitivity(tc.g); got != tc.transitivity {
			t.Errorf("%s: Transitivity = %v; want %v", tc.name, got, tc.transitivity)
		}
	}
	if got := AverageClustering(nil); got != 0 {
		t.Errorf("AverageClustering(nil) = %v; want 0", got)
	}
}
