package analysis

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
)

// TestEgoNetworkMatchesNetworkX compares ego networks with NetworkX's
// ego_graph on testdata/ego.json (written by testdata/ego.py): the same
// people and ties, people in breadth-first order.
func TestEgoNetworkMatchesNetworkX(t *testing.T) {
	data, err := os.ReadFile("testdata/ego.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Graphs []struct {
			keyPlayerReference
			Egos []struct {
				Person string      `json:"person"`
				Radius int         `json:"radius"`
				People []string    `json:"people"`
				Ties   [][2]string `json:"ties"`
			} `json:"egos"`
		} `json:"graphs"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Graphs) < 3 {
		t.Fatalf("fixture holds %d graphs", len(file.Graphs))
	}
	for _, r := range file.Graphs {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot(t)
			for _, want := range r.Egos {
				v, _ := g.Index(want.Person)
				e := EgoNetwork(g, v, want.Radius, 0)
				if e.People[0] != v || e.Truncated {
					t.Errorf("%s radius %d: starts with %d, truncated %v", want.Person, want.Radius, e.People[0], e.Truncated)
				}
				for i := 1; i < len(e.Distance); i++ {
					if d := e.Distance[i]; d < e.Distance[i-1] || d < 1 || d > want.Radius {
						t.Errorf("%s radius %d: distances %v not breadth-first", want.Person, want.Radius, e.Distance)
						break
					}
				}
				people := slices.Clone(e.People)
				slices.Sort(people)
				if got := names(g, people); !slices.Equal(got, want.People) {
					t.Errorf("%s radius %d: people %v; NetworkX %v", want.Person, want.Radius, got, want.People)
				}
				var ties [][2]string
				for _, tie := range e.Ties {
					a, b := min(tie.From, tie.To), max(tie.From, tie.To)
					ties = append(ties, [2]string{g.ID(a), g.ID(b)})
				}
				byIDs := func(x, y [2]string) int { return slices.Compare(x[:], y[:]) }
				slices.SortFunc(ties, byIDs)
				slices.SortFunc(want.Ties, byIDs)
				if !slices.Equal(ties, want.Ties) {
					t.Errorf("%s radius %d: %d ties %v; NetworkX %d %v", want.Person, want.Radius, len(ties), ties, len(want.Ties), want.Ties)
				}
			}
		})
	}
}

// TestEgoNetworkTruncated cuts karate's person 0 at radius 2 (everyone but
// a few) at 5 people: 0 and their first 4 contacts, the ties among them.
func TestEgoNetworkTruncated(t *testing.T) {
	g := karate(t)
	e := EgoNetwork(g, 0, 2, 5)
	if !e.Truncated || len(e.People) != 5 {
		t.Fatalf("truncated %v, %d people", e.Truncated, len(e.People))
	}
	if want := append([]int{0}, toInts(g.Neighbors(0)[:4])...); !slices.Equal(e.People, want) {
		t.Errorf("people %v; want %v", e.People, want)
	}
	for _, tie := range e.Ties {
		if !slices.Contains(e.People, tie.From) || !slices.Contains(e.People, tie.To) {
			t.Errorf("tie %v leaves the people kept", tie)
		}
	}
	// 0 is tied to 1, 2, 3 and 4; 1–2, 1–3, 2–3 are tied too.
	if len(e.Ties) != 7 {
		t.Errorf("%d ties: %v; want 7", len(e.Ties), e.Ties)
	}
}

func toInts(s []int32) []int {
	out := make([]int, len(s))
	for i, v := range s {
		out[i] = int(v)
	}
	return out
}

func karate(t *testing.T) *Snapshot {
	t.Helper()
	for _, r := range loadKeyPlayerReference(t) {
		if r.Name == "karate" {
			return r.snapshot(t)
		}
	}
	t.Fatal("no karate graph in testdata/keyplayer.json")
	return nil
}

// bridgeWorld is ego's contacts worked by hand: a1 and a2 at A, tied to each
// other; b1 at B tied to c1 at C; d1 at D, tied to no other contact; n1 at
// no organisation, tied to x (at B), who is no contact of ego and is tied to
// a1 as well. Communities: a1, a2 in 0; b1, c1, d1 in 1;
// n1 in 2.
func bridgeWorld(t *testing.T) (*Snapshot, func(int) int) {
	t.Helper()
	b := NewBuilder(false)
	org := func(id string) []Group { return []Group{{ID: id, Name: "Org " + id}} }
	for _, p := range []struct{ id, org string }{{"ego", "A"}, {"a1", "A"}, {"a2", "A"}, {"b1", "B"}, {"c1", "C"}, {"d1", "D"}, {"n1", ""}, {"x", "B"}} {
		b.AddPerson(p.id)
		if p.org != "" {
			b.SetProfile(p.id, Profile{Organisations: org(p.org)})
		}
	}
	for _, tie := range [][2]string{{"ego", "a1"}, {"ego", "a2"}, {"ego", "b1"}, {"ego", "c1"}, {"ego", "d1"}, {"ego", "n1"},
		{"a1", "a2"}, {"b1", "c1"}, {"n1", "x"}, {"x", "a1"}} {
		if err := b.AddTie(tie[0], tie[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	g := b.Build()
	community := map[string]int{"ego": 0, "a1": 0, "a2": 0, "b1": 1, "c1": 1, "d1": 1, "n1": 2, "x": 2}
	return g, func(v int) int { return community[g.ID(v)] }
}

// TestBridgedGroups: among ego's contacts, A's (a1, a2) and D's (d1) are
// tied to no contact outside their organisation, so ego bridges them; B's
// and C's are tied to each other, so ego does not. a1's tie to x does not
// count: x is not ego's contact. Communities 0 (a1, a2), 1 (b1, c1, d1) and
// 2 (n1) are tied to no other among ego's contacts: all bridged.
func TestBridgedGroups(t *testing.T) {
	g, community := bridgeWorld(t)
	ego, _ := g.Index("ego")
	name := func(c int) string { return CommunityNumber(c) }
	got := BridgedGroups(g, ego, community, name)
	want := []BridgedGroup{
		{"organisation", "A", "Org A", 2}, {"organisation", "D", "Org D", 1},
		{"community", "1", "community 1", 3}, {"community", "0", "community 0", 2}, {"community", "2", "community 2", 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("bridged %+v;\nwant %+v", got, want)
	}
	t.Run("NoCommunities", func(t *testing.T) {
		if got := BridgedGroups(g, ego, nil, nil); !slices.Equal(got, want[:2]) {
			t.Errorf("bridged %+v; want %+v", got, want[:2])
		}
	})
	t.Run("OneGroupBridgesNothing", func(t *testing.T) {
		// a1's contacts: ego and a2 at A, x at B; a2 and ego are tied, x
		// is tied to neither, so ego and a2 (A) and x (B) are apart.
		a1, _ := g.Index("a1")
		got := BridgedGroups(g, a1, nil, nil)
		want := []BridgedGroup{{"organisation", "A", "Org A", 2}, {"organisation", "B", "Org B", 1}}
		if !slices.Equal(got, want) {
			t.Errorf("a1 bridges %+v; want %+v", got, want)
		}
		// c1's contacts, ego (A) and b1 (B), are tied: nothing bridged.
		c1, _ := g.Index("c1")
		if got := BridgedGroups(g, c1, nil, nil); len(got) != 0 {
			t.Errorf("c1 bridges %+v; want nothing", got)
		}
		// x's contacts n1 (none) and a1 (A) are apart: A bridged.
		x, _ := g.Index("x")
		if got := BridgedGroups(g, x, nil, nil); !slices.Equal(got, []BridgedGroup{{"organisation", "A", "Org A", 1}}) {
			t.Errorf("x bridges %+v; want Org A", got)
		}
	})
}

// TestBrokerageOfMatchesComputeBrokerage: one person's brokerage is what
// ComputeBrokerage finds for them, on karate in three groups, both ways and
// directed.
func TestBrokerageOfMatchesComputeBrokerage(t *testing.T) {
	g := karate(t)
	group := make([]int32, g.N())
	for v := range group {
		group[v] = int32(v % 3)
	}
	groups := []string{"zero", "one", "two"}
	for _, d := range []*Digraph{BothWays(g), DirectedTies(g)} {
		all, err := ComputeBrokerage(context.Background(), d, group, groups)
		if err != nil {
			t.Fatal(err)
		}
		for v := range g.N() {
			p, err := BrokerageOf(d, group, groups, v)
			if err != nil {
				t.Fatal(err)
			}
			same := func(a, b BrokerageScores) bool {
				x, y := a.roles(), b.roles()
				for i := range x {
					if *x[i] != *y[i] && !(math.IsNaN(*x[i]) && math.IsNaN(*y[i])) {
						return false
					}
				}
				return true
			}
			if !same(p.Raw, all.Raw[v]) || !same(p.Expected, all.Expected[v]) || !same(p.SD, all.SD[v]) ||
				!same(p.Z, all.Z[v]) || !slices.Equal(p.Reasons, all.Reasons[v]) || p.Group != groups[group[v]] ||
				p.Directed != d.Directed() {
				t.Errorf("person %d: %+v; ComputeBrokerage %+v %+v %v", v, p, all.Raw[v], all.Z[v], all.Reasons[v])
			}
		}
	}
	if _, err := BrokerageOf(BothWays(g), group[:3], groups, 0); err == nil {
		t.Error("BrokerageOf takes too few labels")
	}
}

// TestViewEgo: the view's ego network carries the person's figures from the
// analysis (not computed again), their brokerage and the groups they bridge.
func TestViewEgo(t *testing.T) {
	g, _ := bridgeWorld(t)
	r, err := Analyse(context.Background(), g, Options{Metrics: MetricConstraint | MetricCommunity | MetricDegree, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	w := NewView(g, r)
	e, ok := w.Ego("ego", 1)
	if !ok {
		t.Fatal("ego not found")
	}
	v, _ := g.Index("ego")
	if e.PersonID != "ego" || e.Radius != 1 || e.Degree != 6 || len(e.People) != 7 || e.People[0] != (EgoPerson{"ego", 0}) || e.Truncated {
		t.Errorf("ego %+v", e)
	}
	// Six ties to ego, a1–a2 and b1–c1 among the contacts.
	if len(e.Ties) != 8 {
		t.Errorf("%d ties %+v; want 8", len(e.Ties), e.Ties)
	}
	if e.Constraint != r.People[v].Constraint || e.EffectiveSize != r.People[v].EffectiveSize || math.IsNaN(e.Constraint) {
		t.Errorf("constraint %v, effective size %v; analysis %+v", e.Constraint, e.EffectiveSize, r.People[v])
	}
	group, groups := OrganisationGroups(g)
	want, _ := BrokerageOf(BothWays(g), group, groups, v)
	if e.Brokerage.Raw != want.Raw || e.Brokerage.Group != "Org A" || e.Brokerage.Raw.Total == 0 {
		t.Errorf("brokerage %+v; want %+v", e.Brokerage, want)
	}
	if len(e.Bridges) < 2 || e.Bridges[0].Name != "Org A" || e.Bridges[1].Name != "Org D" {
		t.Errorf("bridges %+v", e.Bridges)
	}
	for _, b := range e.Bridges {
		if b.Kind == "community" && b.Name == "" {
			t.Errorf("community %s has no name", b.ID)
		}
	}
	if b, ok := w.Brokerage("ego"); !ok || b.Raw != e.Brokerage.Raw {
		t.Errorf("Brokerage %+v, %v; Ego's %+v", b, ok, e.Brokerage)
	}
	if _, ok := w.Brokerage("nobody"); ok {
		t.Error("Brokerage found nobody")
	}
	if _, ok := w.Ego("nobody", 1); ok {
		t.Error("Ego found nobody")
	}
	if e, _ := w.Ego("x", 2); len(e.People) != 5 || e.People[len(e.People)-1].Distance != 2 {
		t.Errorf("x at radius 2: %+v", e.People)
	}
}
