package analysis

import "testing"

func TestCoreNumbersMatchNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			core := CoreNumbers(g)
			asFloat := make([]float64, len(core))
			for v, c := range core {
				asFloat[v] = float64(c)
			}
			r.assertCloseEach(t, g, "core", asFloat, 0)
		})
	}
}

// TestCoreNumbersMatchPeeling compares with the definition on a larger
// network: the k-core is what is left after repeatedly removing people with
// fewer than k ties to those left, and a person's core number is the largest
// k whose core holds them.
func TestCoreNumbersMatchPeeling(t *testing.T) {
	g := clusteredNetwork(2000, 4, 0.5, 3)
	got := CoreNumbers(g)
	want := make([]int, g.N())
	alive := make([]bool, g.N())
	for v := range alive {
		alive[v] = true
	}
	for k, left := 1, g.N(); left > 0; k++ {
		for changed := true; changed; {
			changed = false
			for v := range alive {
				if !alive[v] {
					continue
				}
				d := 0
				for _, u := range g.Neighbors(v) {
					if alive[u] {
						d++
					}
				}
				if d < k {
					alive[v], changed = false, true
					want[v] = k - 1
					left--
				}
			}
		}
	}
	for v := range want {
		if got[v] != want[v] {
			t.Fatalf("core number of %d = %d; peeling gives %d", v, got[v], want[v])
		}
	}
}
