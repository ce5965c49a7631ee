package analysis

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// weightedNetwork returns a weighted network of n people and up to m random
// ties with strengths in [0.5, 5), deterministic for a seed.
func weightedNetwork(n, m int, seed uint64) *Snapshot {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := NewBuilder(true)
	for v := range n {
		b.AddPerson(strconv.Itoa(v))
	}
	for range m {
		u, v := rng.IntN(n), rng.IntN(n)
		if u == v {
			continue
		}
		if err := b.AddTie(strconv.Itoa(u), strconv.Itoa(v), 0.5+4.5*rng.Float64()); err != nil {
			panic(err)
		}
	}
	return b.Build()
}

// twoTriangles is two separate triangles, 0-1-2 and 3-4-5.
func twoTriangles() *Snapshot {
	return snapshotOf(6, [2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2}, [2]int{3, 4}, [2]int{4, 5}, [2]int{3, 5})
}

// star is person 0 tied to each of 1..n−1.
func starNetwork(n int) *Snapshot {
	var ties [][2]int
	for v := 1; v < n; v++ {
		ties = append(ties, [2]int{0, v})
	}
	return snapshotOf(n, ties...)
}

// cycle is people 0..n−1 in a ring.
func ringNetwork(n int) *Snapshot {
	var ties [][2]int
	for v := range n {
		ties = append(ties, [2]int{v, (v + 1) % n})
	}
	return snapshotOf(n, ties...)
}

func TestDegreesAndStrengthsAddUp(t *testing.T) {
	for name, g := range map[string]*Snapshot{
		"unweighted": clusteredNetwork(500, 4, 0.3, 7),
		"weighted":   weightedNetwork(300, 2000, 7),
	} {
		t.Run(name, func(t *testing.T) {
			deg, str := Degrees(g), TotalStrengths(g)
			sumDeg, sumStr, sumW := 0, 0.0, 0.0
			for v := range g.N() {
				if deg[v] != len(g.Neighbors(v)) {
					t.Fatalf("Degrees[%d] = %d; has %d neighbours", v, deg[v], len(g.Neighbors(v)))
				}
				sumDeg += deg[v]
				sumStr += str[v]
				for _, w := range g.Strengths(v) {
					sumW += w
				}
				if !g.Weighted() && str[v] != float64(deg[v]) {
					t.Fatalf("unweighted strength %v ≠ degree %d", str[v], deg[v])
				}
			}
			if sumDeg != 2*g.M() {
				t.Errorf("degrees sum to %d; want 2M = %d", sumDeg, 2*g.M())
			}
			if d := sumStr - sumW; d > 1e-9 || d < -1e-9 {
				t.Errorf("strengths sum to %v; tie ends sum to %v", sumStr, sumW)
			}
		})
	}
}

func TestDegreeCentralizationExtremes(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    *Snapshot
		want float64
	}{
		{"star is maximal", starNetwork(8), 1},
		{"ring is minimal", ringNetwork(8), 0},
		{"two triangles", twoTriangles(), 0},
		{"isolates", snapshotOf(5), 0},
		{"pair", snapshotOf(2, [2]int{0, 1}), 0},
		{"empty", snapshotOf(0), 0},
	} {
		if got := DegreeCentralization(tc.g); got != tc.want {
			t.Errorf("%s: DegreeCentralization = %v; want %v", tc.name, got, tc.want)
		}
	}
}

func TestDegreesMatchNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			deg := Degrees(g)
			asFloat := make([]float64, len(deg))
			for v, d := range deg {
				asFloat[v] = float64(d)
			}
			r.assertCloseEach(t, g, "degree", asFloat, 0)
			r.assertCloseEach(t, g, "strength", TotalStrengths(g), 1e-12)
			assertClose(t, "DegreeCentralization", DegreeCentralization(g), r.GraphMetrics.DegreeCentralization, 1e-12)
		})
	}
}

// structureEdgeCases are small networks in which, by symmetry, everyone has
// the same centrality.
func structureEdgeCases() []namedNetwork {
	return []namedNetwork{
		{"empty", snapshotOf(0)},
		{"one person", snapshotOf(1)},
		{"all isolates", snapshotOf(5)},
		{"two triangles", twoTriangles()},
	}
}

// TestStructureEdgeCases runs the kernels without a context on the edge
// cases, checking one value per person and what symmetry and the
// definitions force.
func TestStructureEdgeCases(t *testing.T) {
	for _, tc := range structureEdgeCases() {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.g
			n := g.N()
			deg, str, core := Degrees(g), TotalStrengths(g), CoreNumbers(g)
			local, constraint, effective := Clustering(g), Constraint(g), EffectiveSize(g)
			for name, length := range map[string]int{
				"Degrees": len(deg), "TotalStrengths": len(str), "CoreNumbers": len(core),
				"Clustering": len(local), "Constraint": len(constraint), "EffectiveSize": len(effective),
			} {
				if length != n {
					t.Errorf("%s gives %d values for %d people", name, length, n)
				}
			}
			for v := range n {
				isolated := deg[v] == 0
				if isolated != math.IsNaN(constraint[v]) || isolated != math.IsNaN(effective[v]) {
					t.Errorf("person %d (degree %d): constraint %v, effective size %v; NaN exactly for isolates",
						v, deg[v], constraint[v], effective[v])
				}
				if core[v] > deg[v] || float64(deg[v]) != str[v] {
					t.Errorf("person %d: degree %d, strength %v, core %d", v, deg[v], str[v], core[v])
				}
			}
			if q := Modularity(g, singletons(n)); n > 0 && g.M() == 0 && !math.IsNaN(q) {
				t.Errorf("Modularity without ties = %v; want NaN", q)
			}
			// Everyone is alike, so there is no centralization, and the mean
			// clustering and transitivity are anyone's clustering.
			if d := DegreeCentralization(g); d != 0 {
				t.Errorf("DegreeCentralization = %v; want 0", d)
			}
			avg, tr := AverageClustering(local), Transitivity(g)
			if n > 0 && (avg != local[0] || tr != local[0]) {
				t.Errorf("AverageClustering %v, Transitivity %v; want both %v", avg, tr, local[0])
			}
		})
	}
}
