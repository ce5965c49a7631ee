package analysis

import (
	"context"
	"slices"
	"testing"
)

// TestDirectedDegrees checks in- and out-degree on ties worked by hand:
// a→b, b→a, a→c twice (two tie kinds) and d→a. Distinct directed pairs:
// a→b, b→a, a→c, d→a, so a has in-degree 2 (b, d) and out-degree 2 (b, c),
// b 1 and 1, c 1 and 0, d 0 and 1; their sums are both 4, the number of
// distinct directed pairs, while the undirected degree of a is 3.
func TestDirectedDegrees(t *testing.T) {
	b := NewBuilder(true)
	for _, tie := range [][2]string{{"a", "b"}, {"b", "a"}, {"a", "c"}, {"a", "c"}, {"d", "a"}} {
		if err := b.AddTie(tie[0], tie[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	g := b.Build()
	in, out := InDegrees(g), OutDegrees(g)
	if want := []int{2, 1, 1, 0}; !slices.Equal(in, want) {
		t.Errorf("InDegrees = %v; want %v", in, want)
	}
	if want := []int{2, 1, 0, 1}; !slices.Equal(out, want) {
		t.Errorf("OutDegrees = %v; want %v", out, want)
	}
	if d := Degrees(g); !slices.Equal(d, []int{3, 1, 1, 1}) {
		t.Errorf("Degrees = %v; want the undirected 3, 1, 1, 1", d)
	}
	// Each tie's direction is seen reversed from its other end.
	for v := range g.N() {
		for i, w := range g.Neighbors(v) {
			j, _ := slices.BinarySearch(g.Neighbors(int(w)), int32(v))
			if got, back := g.Directions(v)[i], g.Directions(int(w))[j]; back != got.reverse() {
				t.Errorf("tie %d–%d: direction %b from one end, %b from the other", v, w, got, back)
			}
		}
	}

	r, err := Analyse(context.Background(), g, Options{Metrics: MetricInDegree | MetricOutDegree})
	if err != nil {
		t.Fatal(err)
	}
	if p := r.People[0]; p.InDegree != 2 || p.OutDegree != 2 {
		t.Errorf("Analyse: a has in-degree %d, out-degree %d; want 2 and 2", p.InDegree, p.OutDegree)
	}
}
