package analysis

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// The product's own formulas, worked by hand from their documentation on
// graphs small enough to follow (too small for anyone to pass the roles'
// thresholds, which reasons_test.go works by hand), so that changing a weight fails here: the
// connector and sponsor scores, the introduction score with its bridge value
// and draw-in, and the damping Analyse gives PageRank. The last test checks
// that what the schema and README say about scoring names the constants.

// near reports whether got is want to 12 significant digits.
func near(got, want float64) bool { return math.Abs(got-want) <= 1e-12*math.Max(1, math.Abs(want)) }

// candidate returns the candidate for person id, failing if there is none.
func candidate(t *testing.T, g *Snapshot, cands []RoleCandidate, id string) RoleCandidate {
	t.Helper()
	v := personIndex(t, g, id)
	for _, c := range cands {
		if c.Person == v {
			return c
		}
	}
	t.Fatalf("%s is not a candidate: %+v", id, cands)
	return RoleCandidate{}
}

// TestConnectorScoreByHand: b is tied to a (community 0, organisation X,
// like b), c (community 1, organisation Y) and d (community 1, no
// organisation recorded).
//
//	share of b's ties leaving community 0:        c, d of a, c, d = 2/3
//	share of ties to other organisations, among
//	those whose both ends have one:               c of a, c      = 1/2
//	score = betweenness × (1 + 2/3) × (1 + 1/2) = 1.2 × 5/3 × 3/2 = 3
func TestConnectorScoreByHand(t *testing.T) {
	g := buildNetwork(t, []testMember{
		{id: "a", orgs: []string{"X"}}, {id: "b", orgs: []string{"X"}}, {id: "c", orgs: []string{"Y"}}, {id: "d"},
	}, [][2]string{{"b", "a"}, {"b", "c"}, {"b", "d"}})
	m := RoleMetrics{Betweenness: []float64{0, 1.2, 0, 0}, Community: []int32{0, 0, 1, 1}}
	if got := candidate(t, g, connectorCandidates(g, m.complete(g.N())), "b").Score; !near(got, 3) {
		t.Errorf("connector score %v, want 1.2 × (1 + 2/3) × (1 + 1/2) = 3", got)
	}
}

// TestSponsorScoreByHand: percentiles are mid-ranks scaled to 0..1 (with 4
// people, 0, 1/3, 2/3, 1).
//
//	b: eigenvector and PageRank highest → (1 + 1)/2; contacts work at
//	   X, Y, Z: 3 organisations → + 0.25 × min(3 − 1, 4)/4 = 0.125 → 1.125
//	d: eigenvector 2/3, PageRank 1/3 → 0.5; contacts at X only → + 0   → 0.5
//
// and in a star whose centre's 6 contacts work at 6 organisations, the reach
// is capped: 1 + 0.25 × min(6 − 1, 4)/4 = 1.25.
func TestSponsorScoreByHand(t *testing.T) {
	g := buildNetwork(t, []testMember{
		{id: "a", orgs: []string{"X"}}, {id: "b", orgs: []string{"X"}}, {id: "c", orgs: []string{"Y"}}, {id: "d", orgs: []string{"Z"}},
	}, [][2]string{{"b", "a"}, {"b", "c"}, {"b", "d"}})
	m := RoleMetrics{Eigenvector: []float64{0.1, 0.4, 0.2, 0.3}, PageRank: []float64{0.1, 0.4, 0.3, 0.2}}
	cands, _ := sponsorCandidates(g, m)
	if got := candidate(t, g, cands, "b").Score; !near(got, 1.125) {
		t.Errorf("b's sponsor score %v, want (1 + 1)/2 + 0.25 × 2/4 = 1.125", got)
	}
	if got := candidate(t, g, cands, "d").Score; !near(got, 0.5) {
		t.Errorf("d's sponsor score %v, want (2/3 + 1/3)/2 + 0 = 0.5", got)
	}

	members := []testMember{{id: "hub"}}
	var ties [][2]string
	for i := range 6 {
		id := fmt.Sprint("leaf", i)
		members = append(members, testMember{id: id, orgs: []string{fmt.Sprint("org", i)}})
		ties = append(ties, [2]string{"hub", id})
	}
	star := buildNetwork(t, members, ties)
	m = RoleMetrics{Eigenvector: []float64{1, 0, 0, 0, 0, 0, 0}, PageRank: []float64{1, 0, 0, 0, 0, 0, 0}}
	cands, _ = sponsorCandidates(star, m)
	if got := candidate(t, star, cands, "hub").Score; !near(got, 1.25) {
		t.Errorf("hub's sponsor score %v, want 1 + 0.25 × min(5, 4)/4 = 1.25", got)
	}
}

// introduction returns the suggestion of b to a, failing if there is none.
func introduction(t *testing.T, g *Snapshot, a, b string, communities []int32) Introduction {
	t.Helper()
	for _, in := range Introductions(g, personIndex(t, g, a), communities, 0) {
		if in.B == personIndex(t, g, b) {
			return in
		}
	}
	t.Fatalf("%s is not suggested to %s", b, a)
	return Introduction{}
}

// TestIntroductionScoreByHand: a and b, both with two ties, share the
// contact z (who has 2 ties), one interest of three, and neither community
// nor organisation:
//
//	Adamic–Adar 1/ln 2 + Jaccard 1/3 + 0.25 (communities 0 and 1) + 0.25 (X and Y)
//
// Then p, with no tie, and q, with 2 ties (the most anyone has), work at X:
//
//	draw-in 1 (p has no tie) + 0 (q has two) + 0.5 × 2/2 + 0.25 (a shared organisation) = 1.75
//
// and when p has one tie, 0.5 + 0 + 0.5 × 2/2 + 0.25 = 1.25.
func TestIntroductionScoreByHand(t *testing.T) {
	g := buildNetwork(t, []testMember{
		{id: "a", orgs: []string{"X"}, interests: []string{"diabetes", "falls"}},
		{id: "b", orgs: []string{"Y"}, interests: []string{"Diabetes", "asthma"}},
		{id: "z"}, {id: "y"}, {id: "x"},
	}, [][2]string{{"a", "z"}, {"b", "z"}, {"a", "y"}, {"b", "x"}})
	want := 1/math.Log(2) + 1.0/3 + 0.25 + 0.25
	if got := introduction(t, g, "a", "b", []int32{0, 1, 0, 0, 1}).Score; !near(got, want) {
		t.Errorf("introduction score %v, want 1/ln 2 + 1/3 + 0.25 + 0.25 = %v", got, want)
	}

	g = buildNetwork(t, []testMember{
		{id: "p", orgs: []string{"X"}}, {id: "q", orgs: []string{"X"}}, {id: "r"}, {id: "s"},
	}, [][2]string{{"q", "r"}, {"q", "s"}})
	if got := introduction(t, g, "p", "q", nil).Score; !near(got, 1.75) {
		t.Errorf("draw-in score %v, want 1 + 0 + 0.5 × 2/2 + 0.25 = 1.75", got)
	}

	g = buildNetwork(t, []testMember{
		{id: "p", orgs: []string{"X"}}, {id: "q", orgs: []string{"X"}}, {id: "r"}, {id: "s"}, {id: "t"},
	}, [][2]string{{"q", "r"}, {"q", "s"}, {"p", "t"}})
	if got := introduction(t, g, "p", "q", nil).Score; !near(got, 1.25) {
		t.Errorf("draw-in score %v, want 0.5 (p has one tie) + 0 + 0.5 × 2/2 + 0.25 = 1.25", got)
	}
}

// TestAnalysePageRankDamping: on the path a – b – c with damping d, by
// symmetry PR(a) = PR(c) = x and PR(b) = 1 − 2x, and
//
//	x = (1 − d)/3 + d·PR(b)/2  ⇒  x = ((1 − d)/3 + d/2) / (1 + d)
//
// so with d = 0.85, x = 0.475/1.85 = 9.5/37 and PR(b) = 18/37.
func TestAnalysePageRankDamping(t *testing.T) {
	g := buildNetwork(t, []testMember{{id: "a"}, {id: "b"}, {id: "c"}}, [][2]string{{"a", "b"}, {"b", "c"}})
	r, err := Analyse(context.Background(), g, Options{Metrics: MetricPageRank})
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-9 // the power iteration stops at an L1 change of n·1e-12
	if a, b := r.People[0].PageRank, r.People[1].PageRank; math.Abs(a-9.5/37) > tol || math.Abs(b-18.0/37) > tol {
		t.Errorf("PageRank a %v, b %v; want 9.5/37 = %v and 18/37 = %v (damping 0.85)", a, b, 9.5/37, 18.0/37)
	}
}

// TestScoringTextMatchesConstants checks that the schema's and the README's
// account of scoring states the weights the code uses.
func TestScoringTextMatchesConstants(t *testing.T) {
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(b)), " ") // line breaks and indents as single spaces
	}
	schema, readme := read("../schema.graphqls"), read("../README.md")
	for _, c := range []struct{ doc, text, want string }{
		{"schema", schema, fmt.Sprintf("+ %g × min(organisations their contacts work at − 1, %d) / %d", sponsorReachWeight, sponsorReachCap, sponsorReachCap)},
		{"schema", schema, fmt.Sprintf("+ %g if they are in different communities", bridgeValue)},
		{"schema", schema, fmt.Sprintf("+ %g if they work at different organisations", bridgeValue)},
		{"schema", schema, "betweenness × (1 + share of their ties leaving their community) × (1 + share of their ties to people of other organisations)"},
		{"README", readme, fmt.Sprintf("+ %g × organisations reached (capped)", sponsorReachWeight)},
		{"README", readme, fmt.Sprintf("+ %g for bridging communities + %g for bridging organisations", bridgeValue, bridgeValue)},
		{"README", readme, fmt.Sprintf("PageRank with damping %g", pageRankDamping)},
		{"README", readme, "betweenness × (1 + share of ties leaving the person's community) × (1 + share of ties to other organisations)"},
		{"README", readme, fmt.Sprintf("within the top %d%% of the people in scope (so a scope of fewer than %d people has none", rolePercent, 100/rolePercent)},
		{"README", readme, fmt.Sprintf("a score above %g, and to be, with everyone scoring at least as much, within the top %d%%", sponsorMinScore, rolePercent)},
		{"README", readme, fmt.Sprintf("in the bottom %d%% of the scope (or no ties), well placed in the top %d%%", poorlyPlacedPercent, poorlyPlacedPercent)},
		{"README", readme, fmt.Sprintf("in a scope of fewer than %d people, as a place", rankInWordsBelow)},
		{"schema", schema, fmt.Sprintf("at most %d%% of the people in scope (so people who tie are named together or not at all, and a scope of fewer than %d people has no connectors)", rolePercent, 100/rolePercent)},
		{"schema", schema, fmt.Sprintf("A sponsor scores above %g, and they and everyone scoring at least as much are at most %d%% of the people in scope", sponsorMinScore, rolePercent)},
		{"schema", schema, fmt.Sprintf("in the bottom %d%% of the scope (or no ties), well placed in the top %d%%", poorlyPlacedPercent, poorlyPlacedPercent)},
		{"schema", schema, fmt.Sprintf("in a scope of fewer than %d people, as a place", rankInWordsBelow)},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("the %s does not say %q", c.doc, c.want)
		}
	}
}
