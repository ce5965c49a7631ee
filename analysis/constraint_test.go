package analysis

import (
	"math"
	"slices"
	"testing"
)

func TestConstraintMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			r.assertCloseEach(t, g, "constraint", Constraint(g), 1e-10)
			r.assertCloseEach(t, g, "effectiveSize", EffectiveSize(g), 1e-10)
		})
	}
}

// TestEffectiveSizeFormulasAgree checks that the general (weighted) formula
// reduces to Borgatti's n − 2t/n, used for unweighted snapshots, when every
// strength is the same.
func TestEffectiveSizeFormulasAgree(t *testing.T) {
	plain := clusteredNetwork(800, 4, 0.5, 5)
	b := NewBuilder(true)
	for v := range plain.N() {
		b.AddPerson(plain.ID(v))
	}
	for v := range plain.N() {
		for _, u := range plain.Neighbors(v) {
			if err := b.AddTie(plain.ID(v), plain.ID(int(u)), 2.5); err != nil {
				t.Fatal(err)
			}
		}
	}
	uniform := b.Build()
	want, got := EffectiveSize(plain), EffectiveSize(uniform)
	for v := range want {
		if math.Abs(got[v]-want[v]) > 1e-9 {
			t.Fatalf("person %d: weighted formula %v; Borgatti's %v", v, got[v], want[v])
		}
	}
}

func TestConstraintOfIsolatesIsNaN(t *testing.T) {
	g := snapshotOf(4, [2]int{0, 1})
	c, es := Constraint(g), EffectiveSize(g)
	for v := range 4 {
		if isolated := v >= 2; isolated != math.IsNaN(c[v]) || isolated != math.IsNaN(es[v]) {
			t.Errorf("person %d: constraint %v, effective size %v; want NaN exactly for isolates", v, c[v], es[v])
		}
	}
}

// TestBurtMeasuresMatchDefinitionAroundHubs checks Constraint and
// EffectiveSize against their definitions, computed naively, on a weighted
// network with hubs, where the kernels look contacts up by binary search.
func TestBurtMeasuresMatchDefinitionAroundHubs(t *testing.T) {
	base := weightedNetwork(400, 1200, 21)
	b := NewBuilder(true)
	for v := range base.N() {
		for i, u := range base.Neighbors(v) {
			if err := b.AddTie(base.ID(v), base.ID(int(u)), base.Strengths(v)[i]); err != nil {
				t.Fatal(err)
			}
		}
		// Two hubs: "0" tied to everyone, "1" to every third person.
		for _, hub := range []int{0, 1} {
			if v != hub && v%(2*hub+1) == 0 {
				if err := b.AddTie(base.ID(hub), base.ID(v), 1+float64(v%7)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	g := b.Build()
	strength := TotalStrengths(g)
	w := func(a, c int) float64 {
		for i, u := range g.Neighbors(a) {
			if int(u) == c {
				return g.Strengths(a)[i]
			}
		}
		return 0
	}
	p := func(a, c int) float64 { return w(a, c) / strength[a] }
	strongest := func(a int) float64 { return slices.Max(g.Strengths(a)) }
	constraint, effective := Constraint(g), EffectiveSize(g)
	for v := range g.N() {
		if g.Degree(v) == 0 {
			continue
		}
		c, es := 0.0, 0.0
		for _, j := range g.Neighbors(v) {
			indirect, redundancy := 0.0, 0.0
			for _, q := range g.Neighbors(v) {
				indirect += p(v, int(q)) * p(int(q), int(j))
				redundancy += p(v, int(q)) * w(int(j), int(q)) / strongest(int(j))
			}
			c += (p(v, int(j)) + indirect) * (p(v, int(j)) + indirect)
			es += 1 - redundancy
		}
		if math.Abs(constraint[v]-c) > 1e-12 || math.Abs(effective[v]-es) > 1e-9 {
			t.Fatalf("person %s (degree %d): constraint %v, effective size %v; definition gives %v, %v",
				g.ID(v), g.Degree(v), constraint[v], effective[v], c, es)
		}
	}
}
