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

// TestIntroductionScoreByHand works each part of the score (see
// Introductions). a and b, both with two ties, share the contacts z (2 ties)
// and w (3 ties), a sector but no organisation, a region (written
// differently), and one interest of three:
//
//	mutual contacts  RA = 1/2 + 1/3 = 5/6 → 60 × (5/6)/(11/6) = 300/11
//	organisation     a shared sector → 4
//	region           6
//	interests        6 × 1/3 = 2
//	bridge           different organisations and a mutual contact → 10
//	draw-in          both have two ties → 0
//	score            300/11 + 22
func TestIntroductionScoreByHand(t *testing.T) {
	g := buildNetwork(t, []testMember{
		{id: "a", orgs: []string{"X"}, sectors: []string{"NHS trust"}, region: "North", interests: []string{"diabetes", "falls"}},
		{id: "b", orgs: []string{"Y"}, sectors: []string{"nhs trust"}, region: "north ", interests: []string{"Diabetes", "asthma"}},
		{id: "z"}, {id: "w"}, {id: "x"},
	}, [][2]string{{"a", "z"}, {"b", "z"}, {"a", "w"}, {"b", "w"}, {"w", "x"}})
	in := introduction(t, g, "a", "b", nil)
	wantParts := []IntroductionPart{
		{PartMutualContacts, 300.0 / 11, "2 mutual contacts"},
		{PartOrganisation, 4, "both work in the NHS trust sector"},
		{PartRegion, 6, "both in the region North"},
		{PartInterests, 2, "shared interest: diabetes"},
		{PartBridge, 10, "links X and Y"},
	}
	checkParts(t, "a–b", in, wantParts, 300.0/11+22)

	// p has no tie; q, r and s have two each, h three, u one, so the
	// degrees are 0, 1, 2, 2, 2, 3 and q's percentile (mid-rank, 0 to 1) is
	// (2 below + (3 equal − 1)/2)/5 = 3/5, h's 1:
	//
	//	p–q  same organisation 8 + region 6 + draw-in 20 × 3/5 = 12 → 26
	//	p–h  draw-in 20 × 1 → 20
	//
	// and p is never offered u, who is cut off too, nor r, s or h's
	// contacts beyond these two.
	members := []testMember{
		{id: "p", orgs: []string{"X"}, region: "North"}, {id: "q", orgs: []string{"X"}, region: "North"},
		{id: "r"}, {id: "s"}, {id: "h"}, {id: "u", orgs: []string{"X"}, region: "North"},
	}
	ties := [][2]string{{"q", "r"}, {"q", "s"}, {"h", "r"}, {"h", "s"}, {"h", "u"}}
	g = buildNetwork(t, members, ties)
	checkParts(t, "p–q", introduction(t, g, "p", "q", nil), []IntroductionPart{
		{PartOrganisation, 8, "both at X"},
		{PartRegion, 6, "both in the region North"},
		{PartDrawIn, 12, "brings in p, who has no ties yet, through q, who has 2 ties (2 of the 6 people in scope have fewer)"},
	}, 26)
	checkParts(t, "p–h", introduction(t, g, "p", "h", nil), []IntroductionPart{
		{PartDrawIn, 20, "brings in p, who has no ties yet, through h, who has 3 ties (5 of the 6 people in scope have fewer)"},
	}, 20)
	for _, in := range Introductions(g, personIndex(t, g, "p"), nil, 0) {
		if g.Degree(in.B) <= 1 {
			t.Errorf("p, with no tie, is offered %s, with %d", g.ID(in.B), g.Degree(in.B))
		}
	}

	// With a tie to t, p hangs on by one: the degrees are 1, 1, 1, 2, 2, 2,
	// 3, q's percentile (3 + 1)/6 = 2/3, and the draw-in 2 × 2/3 = 4/3.
	g = buildNetwork(t, append(members, testMember{id: "t"}), append(ties, [2]string{"p", "t"}))
	checkParts(t, "p–q with one tie", introduction(t, g, "p", "q", nil), []IntroductionPart{
		{PartOrganisation, 8, "both at X"},
		{PartRegion, 6, "both in the region North"},
		{PartDrawIn, 4.0 / 3, "brings in p, who hangs on by a single tie, through q, who has 2 ties (3 of the 7 people in scope have fewer)"},
	}, 14+4.0/3)

	// The parts add up to at most 100.
	if got := total([6]float64{60, 8, 6, 6, 10, 20}); got != IntroductionScale || IntroductionScale != 100 {
		t.Errorf("60 + 8 + 6 + 6 + 10 + 20 = 110 totals %v; want it capped at 100", got)
	}
}

// checkParts compares an introduction's parts, reasons and score with what
// was worked by hand.
func checkParts(t *testing.T, pair string, in Introduction, want []IntroductionPart, score float64) {
	t.Helper()
	if len(in.Parts) != len(want) {
		t.Fatalf("%s: parts %+v; want %+v", pair, in.Parts, want)
	}
	sum := 0.0
	for i, p := range in.Parts {
		if p.Name != want[i].Name || !near(p.Points, want[i].Points) || p.Why != want[i].Why || in.Reasons[i] != p.Why {
			t.Errorf("%s: part %d is %+v; want %+v", pair, i, p, want[i])
		}
		sum += p.Points
	}
	if !near(in.Score, score) || !near(sum, score) {
		t.Errorf("%s: score %v (parts add up to %v); want %v", pair, in.Score, sum, score)
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
		{"schema", schema, fmt.Sprintf("scale of 0 to %d, the sum of these parts (capped at %d)", IntroductionScale, IntroductionScale)},
		{"schema", schema, fmt.Sprintf("mutual contacts: %d × RA/(RA + 1)", mutualContactsPoints)},
		{"schema", schema, fmt.Sprintf("organisation: %d if they share an organisation, else %d if they share a sector", sameOrganisationPoints, sameSectorPoints)},
		{"schema", schema, fmt.Sprintf("region: %d if they share a region", sameRegionPoints)},
		{"schema", schema, fmt.Sprintf("interests: %d × the Jaccard index", interestsPoints)},
		{"schema", schema, fmt.Sprintf("bridge: %d if they work at different organisations and have a mutual contact", bridgePoints)},
		{"schema", schema, fmt.Sprintf("%d × share for someone with no tie, %d × share for someone with one", drawInIsolatedPoints, drawInPeripheralPoints)},
		{"schema", schema, "betweenness × (1 + share of their ties leaving their community) × (1 + share of their ties to people of other organisations)"},
		{"README", readme, fmt.Sprintf("+ %g × organisations reached (capped)", sponsorReachWeight)},
		{"README", readme, fmt.Sprintf("a score from 0 to %d, the sum of named parts (capped at %d)", IntroductionScale, IntroductionScale)},
		{"README", readme, fmt.Sprintf("mutual contacts %d × RA/(RA + 1)", mutualContactsPoints)},
		{"README", readme, fmt.Sprintf("organisation %d for a shared organisation, else %d for a shared sector; region %d for a shared region; interests %d × Jaccard; bridge %d for people at different organisations with a mutual contact", sameOrganisationPoints, sameSectorPoints, sameRegionPoints, interestsPoints, bridgePoints)},
		{"README", readme, fmt.Sprintf("%d × share for someone with no tie, %d × share for someone with one", drawInIsolatedPoints, drawInPeripheralPoints)},
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
