package analysis

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// HasTie reports whether persons u and v are tied.
func (g *Snapshot) HasTie(u, v int) bool {
	nb := g.Neighbors(u)
	if len(g.Neighbors(v)) < len(nb) {
		nb, v = g.Neighbors(v), u
	}
	_, found := slices.BinarySearch(nb, int32(v))
	return found
}

func TestBuilderMergesRepeatedTiesKeepingTheStrongest(t *testing.T) {
	b := NewBuilder(true)
	for _, tie := range []struct {
		a, b string
		w    float64
	}{{"c", "a", 2}, {"a", "b", 1}, {"a", "c", 5}, {"d", "a", 1}, {"b", "c", 3}} {
		if err := b.AddTie(tie.a, tie.b, tie.w); err != nil {
			t.Fatal(err)
		}
	}
	b.AddPerson("lonely")
	g := b.Build()
	if g.N() != 5 || g.M() != 4 {
		t.Fatalf("N, M = %d, %d; want 5, 4", g.N(), g.M())
	}
	a, _ := g.Index("a")
	c, _ := g.Index("c")
	for v := 0; v < g.N(); v++ {
		if !slices.IsSorted(g.Neighbors(v)) {
			t.Errorf("neighbours of %s not sorted: %v", g.ID(v), g.Neighbors(v))
		}
	}
	k := slices.Index(g.Neighbors(a), int32(c))
	if k < 0 || g.Strengths(a)[k] != 5 {
		t.Errorf("a–c strength: got index %d strengths %v; want 5", k, g.Strengths(a))
	}
	if !g.HasTie(a, c) || !g.HasTie(c, a) {
		t.Error("HasTie(a, c) = false")
	}
	lonely, _ := g.Index("lonely")
	if g.Degree(lonely) != 0 || g.HasTie(lonely, a) {
		t.Error("lonely should have no ties")
	}
}

func TestBuilderRejectsBadTies(t *testing.T) {
	b := NewBuilder(true)
	if err := b.AddTie("a", "a", 1); !errors.Is(err, ErrSelfTie) {
		t.Errorf("self tie: got %v", err)
	}
	for _, w := range []float64{0, -1, 1 / zero(), -1 / zero()} {
		if err := b.AddTie("a", "b", w); !errors.Is(err, ErrBadStrength) {
			t.Errorf("strength %v: got %v", w, err)
		}
	}
	if n := b.Build().N(); n != 0 {
		t.Errorf("rejected ties added %d people", n)
	}
}

func TestUnweightedBuilderIgnoresStrength(t *testing.T) {
	b := NewBuilder(false)
	if err := b.AddTie("a", "b", 7); err != nil {
		t.Fatal(err)
	}
	g := b.Build()
	if g.Weighted() || g.Strengths(0)[0] != 1 {
		t.Errorf("unweighted strengths = %v", g.Strengths(0))
	}
}

func zero() float64 { return 0 }

// TestBuilderCopiesIDs checks that a person's id does not keep alive the
// larger string it was sliced from, such as the CSV row it was read from.
func TestBuilderCopiesIDs(t *testing.T) {
	row := "alice,bob," + strings.Repeat("notes ", 1000)
	b := NewBuilder(false)
	b.AddPerson(row[:5])
	if err := b.AddTie(row[6:9], row[:5], 1); err != nil {
		t.Fatal(err)
	}
	g := b.Build()
	start := uintptr(unsafe.Pointer(unsafe.StringData(row)))
	for v := range g.N() {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(g.ID(v)))); p >= start && p < start+uintptr(len(row)) {
			t.Errorf("id %q points into the row it came from", g.ID(v))
		}
	}
	if g.ID(0) != "alice" || g.ID(1) != "bob" {
		t.Errorf("ids %q; want alice, bob", g.IDs())
	}
}
