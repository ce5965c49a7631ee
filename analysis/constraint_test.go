package analysis

import (
	"math"
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
	g := tiesSnapshot(4, [2]int{0, 1})
	c, es := Constraint(g), EffectiveSize(g)
	for v := range 4 {
		if isolated := v >= 2; isolated != math.IsNaN(c[v]) || isolated != math.IsNaN(es[v]) {
			t.Errorf("person %d: constraint %v, effective size %v; want NaN exactly for isolates", v, c[v], es[v])
		}
	}
}
