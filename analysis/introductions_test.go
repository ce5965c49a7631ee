package analysis

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// SuggestedIntroductions is suggestIntroductions with friends of friends,
// as Analyse runs it, without a context.
func SuggestedIntroductions(g *Snapshot, communities []int32, limit int) []Introduction {
	out, _ := suggestIntroductions(context.Background(), g, communities, limit, true)
	return out
}

// AdamicAdar returns the Adamic–Adar index of persons u and v: the sum over
// their mutual contacts z of 1/ln(degree(z)), as networkx.adamic_adar_index.
// It is 0 for an index out of range. The score uses ResourceAllocation; this
// stays beside it, pinned against NetworkX, as the index it was compared with
// (see bench/introductions).
func AdamicAdar(g *Snapshot, u, v int) float64 {
	if !inRange(g, u) || !inRange(g, v) {
		return 0
	}
	sum := 0.0
	forCommon(g.Neighbors(u), g.Neighbors(v), func(z int32) {
		if d := g.Degree(int(z)); d > 1 {
			sum += 1 / math.Log(float64(d))
		}
	})
	return sum
}

// TestAdamicAdarMatchesNetworkX compares AdamicAdar with
// networkx.adamic_adar_index (NetworkX 2.8.8) on every pair of Zachary's
// karate club, from testdata/adamic_adar.json (made by
// testdata/adamic_adar.py).
func TestAdamicAdarMatchesNetworkX(t *testing.T) {
	data, err := os.ReadFile("testdata/adamic_adar.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixture struct {
		Nodes []string             `json:"nodes"`
		Edges [][2]string          `json:"edges"`
		Pairs [][3]json.RawMessage `json:"pairs"`
	}
	if err := json.Unmarshal(data, &fixture); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(false)
	for _, id := range fixture.Nodes {
		b.AddPerson(id)
	}
	for _, e := range fixture.Edges {
		if err := b.AddTie(e[0], e[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	g := b.Build()
	if len(fixture.Pairs) != g.N()*(g.N()-1)/2 {
		t.Fatalf("%d pairs in the fixture; want every pair of %d people", len(fixture.Pairs), g.N())
	}
	for _, p := range fixture.Pairs {
		var a, c string
		var want float64
		for i, dst := range []any{&a, &c, &want} {
			if err := json.Unmarshal(p[i], dst); err != nil {
				t.Fatal(err)
			}
		}
		u, v := personIndex(t, g, a), personIndex(t, g, c)
		if got := AdamicAdar(g, u, v); math.Abs(got-want) > 1e-9 {
			t.Errorf("AdamicAdar(%s, %s) = %v; want %v", a, c, got, want)
		}
		if AdamicAdar(g, u, v) != AdamicAdar(g, v, u) {
			t.Errorf("AdamicAdar(%s, %s) is not symmetric", a, c)
		}
	}
	if got := AdamicAdar(g, -1, 0) + AdamicAdar(g, 0, g.N()); got != 0 {
		t.Errorf("AdamicAdar out of range = %v; want 0", got)
	}
}

// circleNetwork is person u with contacts m1, m2 and e; c1 knows m1 and m2,
// c2 knows m1 (and k1), d (who declined) knows m1 and m2, e knows m1 and m2
// too, and h, in a triangle with k1 and k2, shares an interest with u.
func circleNetwork(t testing.TB) *Snapshot {
	return buildNetwork(t, []testMember{
		{id: "u", orgs: []string{"Leeds City Council"}, interests: []string{"Open Data", "health"}},
		{id: "m1"}, {id: "m2"}, {id: "c1"}, {id: "c2"},
		{id: "d", declined: true},
		{id: "e"},
		{id: "h", orgs: []string{uni}, interests: []string{"open data "}},
		{id: "k1"}, {id: "k2"},
	}, [][2]string{
		{"h", "k1"}, {"h", "k2"}, {"k1", "k2"},
		{"u", "m1"}, {"u", "m2"}, {"u", "e"},
		{"c1", "m1"}, {"c1", "m2"}, {"c2", "m1"}, {"c2", "k1"},
		{"d", "m1"}, {"d", "m2"}, {"e", "m1"}, {"e", "m2"},
	})
}

func TestIntroductionsFriendOfFriendFirst(t *testing.T) {
	g := circleNetwork(t)
	u := personIndex(t, g, "u")
	got := Introductions(g, u, nil, 0)
	var ids []string
	for _, in := range got {
		if in.A != u {
			t.Errorf("introduction %+v: A is not the person", in)
		}
		ids = append(ids, g.ID(in.B))
	}
	if want := []string{"c1", "c2", "h"}; !slices.Equal(ids, want) {
		t.Fatalf("introduced to %q; want %q", ids, want)
	}

	c1 := got[0]
	if want := []int{personIndex(t, g, "m1"), personIndex(t, g, "m2")}; !slices.Equal(c1.MutualContacts, want) {
		t.Errorf("c1 mutual contacts %v; want %v", c1.MutualContacts, want)
	}
	// Nothing but mutual contacts speaks for c1: RA = 1/5 + 1/4 = 9/20 (m1
	// has five ties, m2 four), and 60 × (9/20)/(29/20) = 540/29.
	if want := 540.0 / 29; math.Abs(c1.Score-want) > 1e-12 || math.Abs(ResourceAllocation(g, u, c1.B)-0.45) > 1e-15 {
		t.Errorf("c1 score %v; want %v", c1.Score, want)
	}
	if !slices.Equal(c1.Reasons, []string{"2 mutual contacts"}) {
		t.Errorf("c1 reasons %q", c1.Reasons)
	}

	h := got[2]
	if !slices.Equal(h.SharedInterests, []string{"Open Data"}) || h.MutualContacts != nil {
		t.Errorf("h: shared interests %q, mutual contacts %v", h.SharedInterests, h.MutualContacts)
	}
	// 6 × Jaccard 1/2 for the interests; no mutual contact, so no bridge
	// between the two organisations.
	wantReasons := []string{"shared interest: Open Data"}
	if h.Score != 3 || !slices.Equal(h.Reasons, wantReasons) || h.Bridges != nil {
		t.Errorf("h: score %v, reasons %q, bridges %q; want 3, %q", h.Score, h.Reasons, h.Bridges, wantReasons)
	}

	if got := Introductions(g, u, nil, 1); len(got) != 1 || got[0].B != c1.B {
		t.Errorf("top 1 = %+v; want c1 only", got)
	}
	if got := Introductions(g, personIndex(t, g, "d"), nil, 0); got != nil {
		t.Errorf("introductions for a person who declined = %+v; want none", got)
	}
	if got := Introductions(g, g.N(), nil, 0); got != nil {
		t.Errorf("introductions for an index out of range = %+v; want none", got)
	}
}

// TestIntroductionsNeverSuggestDeclinedOrExistingTies checks every person of
// the karate club, a third of whom declined.
func TestIntroductionsNeverSuggestDeclinedOrExistingTies(t *testing.T) {
	r := loadReference(t)[0]
	b := NewBuilder(false)
	for i, id := range r.Nodes {
		b.SetProfile(id, Profile{Declined: i%3 == 0, Interests: []string{[]string{"karate", "judo"}[i%2]}})
	}
	for _, e := range r.Edges {
		_ = b.AddTie(e.A, e.B, 1)
	}
	g := b.Build()
	communities, err := Louvain(context.Background(), g, 1)
	if err != nil {
		t.Fatal(err)
	}
	for u := range g.N() {
		got := Introductions(g, u, communities, 0)
		if g.Profile(u).Declined {
			if got != nil {
				t.Errorf("%s declined but was offered %d introductions", g.ID(u), len(got))
			}
			continue
		}
		if len(got) == 0 {
			t.Errorf("%s: no introductions", g.ID(u))
		}
		for i, in := range got {
			switch {
			case in.A != u || in.B == u:
				t.Errorf("%s: introduction %d is %d–%d", g.ID(u), i, in.A, in.B)
			case g.HasTie(u, in.B):
				t.Errorf("%s: introduced to %s, already a contact", g.ID(u), g.ID(in.B))
			case g.Profile(in.B).Declined:
				t.Errorf("%s: introduced to %s, who declined", g.ID(u), g.ID(in.B))
			case i > 0 && (in.Score > got[i-1].Score || in.Score == got[i-1].Score && g.ID(in.B) < g.ID(got[i-1].B)):
				t.Errorf("%s: introductions out of order at %d", g.ID(u), i)
			case in.Score < 60*ResourceAllocation(g, u, in.B)/(ResourceAllocation(g, u, in.B)+1)-1e-12 || in.Score > IntroductionScale:
				t.Errorf("%s–%s: score %v below its mutual contacts' part or above 100", g.ID(u), g.ID(in.B), in.Score)
			}
		}
	}
}

func TestIntroductionsForANewcomer(t *testing.T) {
	g := brokerNetwork(t)
	b := NewBuilder(false)
	for v := range g.N() {
		b.SetProfile(g.ID(v), g.Profile(v))
		for _, w := range g.Neighbors(v) {
			_ = b.AddTie(g.ID(v), g.ID(int(w)), 1)
		}
	}
	b.SetProfile("new", Profile{Organisations: []Group{{ID: "org:" + uni, Name: uni}}})
	g = b.Build()
	got := Introductions(g, personIndex(t, g, "new"), nil, 3)
	if len(got) == 0 {
		t.Fatal("no introductions for a newcomer")
	}
	// b1, b2 and b3 have five ties each, more than 13 of the 16 people: the
	// draw-in is 20 × (13 + 1)/15, the shared organisation 8, and the lowest
	// id wins the tie.
	best := got[0]
	want := []string{"both at " + uni, "brings in new, who has no ties yet, through b1, who has 5 ties (13 of the 16 people in scope have fewer)"}
	if g.ID(best.B) != "b1" || !slices.Equal(best.Reasons, want) || math.Abs(best.Score-(8+20*14.0/15)) > 1e-12 {
		t.Errorf("best introduction to %s, score %v, reasons %q; want b1, %v, %q", g.ID(best.B), best.Score, best.Reasons, 8+20*14.0/15, want)
	}
}

func TestSuggestedIntroductionsDrawMembersIn(t *testing.T) {
	base := brokerNetwork(t)
	b := NewBuilder(false)
	for v := range base.N() {
		b.SetProfile(base.ID(v), base.Profile(v))
		for _, w := range base.Neighbors(v) {
			_ = b.AddTie(base.ID(v), base.ID(int(w)), 1)
		}
	}
	b.SetProfile("z", Profile{Declined: true}) // isolated, but declined
	g := b.Build()
	communities, err := Louvain(context.Background(), g, 1)
	if err != nil {
		t.Fatal(err)
	}
	edge := []string{"i", "p", "q1", "q2", "s"} // everyone with at most one tie who consents

	check := func(t *testing.T, got []Introduction) map[string]bool {
		t.Helper()
		drawnIn := map[string]bool{}
		seen := map[[2]int]bool{}
		for i, in := range got {
			if in.A == in.B || g.HasTie(in.A, in.B) || g.Profile(in.A).Declined || g.Profile(in.B).Declined {
				t.Errorf("introduction %s–%s should never be made", g.ID(in.A), g.ID(in.B))
			}
			if seen[pairKey(in.A, in.B)] {
				t.Errorf("introduction %s–%s suggested twice", g.ID(in.A), g.ID(in.B))
			}
			seen[pairKey(in.A, in.B)] = true
			if i > 0 && in.Score > got[i-1].Score {
				t.Errorf("introductions out of order at %d", i)
			}
			if g.Degree(in.A) <= 1 {
				drawnIn[g.ID(in.A)] = true
			}
		}
		return drawnIn
	}

	t.Run("draw-in only", func(t *testing.T) {
		got := EdgeIntroductions(g, communities)
		drawnIn := check(t, got)
		if len(got) != len(edge) {
			t.Errorf("%d introductions; want one for each of %q", len(got), edge)
		}
		for _, id := range edge {
			if !drawnIn[id] {
				t.Errorf("no introduction draws %s in", id)
			}
		}
		for _, in := range got {
			if g.Degree(in.B) <= 1 && len(in.MutualContacts) == 0 {
				t.Errorf("%s, cut off, is offered %s, also cut off", g.ID(in.A), g.ID(in.B))
			}
			if g.ID(in.A) == "i" && !strings.HasPrefix(in.Reasons[len(in.Reasons)-1], "brings in i, who has no ties yet, through ") {
				t.Errorf("i's introduction reasons %q", in.Reasons)
			}
		}
		if again := EdgeIntroductions(g, communities); !introductionsEqual(again, got) {
			t.Error("a second run suggested differently")
		}
	})
	t.Run("filled with friends of friends", func(t *testing.T) {
		got := SuggestedIntroductions(g, communities, 8)
		check(t, got)
		if len(got) != 8 {
			t.Fatalf("%d introductions; want 8", len(got))
		}
		all := SuggestedIntroductions(g, communities, 0)
		if !introductionsEqual(got, all[:8]) {
			t.Errorf("the best 8 are not the first 8 of all %d", len(all))
		}
		for _, in := range all {
			if g.Degree(in.A) > 1 && g.Degree(in.B) > 1 && (g.ID(in.A) > g.ID(in.B) || len(in.MutualContacts) == 0) {
				t.Errorf("friend-of-friend introduction %+v", in)
			}
		}
		for _, in := range EdgeIntroductions(g, communities) {
			if !slices.ContainsFunc(all, func(x Introduction) bool { return x.A == in.A && x.B == in.B }) {
				t.Errorf("draw-in %s–%s is missing from the whole list", g.ID(in.A), g.ID(in.B))
			}
		}
	})
	t.Run("limited", func(t *testing.T) {
		if got := SuggestedIntroductions(g, communities, 2); len(got) != 2 || !introductionsEqual(got, SuggestedIntroductions(g, communities, 0)[:2]) {
			t.Errorf("limit 2 gave %+v; want the first two of them all", got)
		}
	})
}

func introductionsEqual(a, b []Introduction) bool {
	return slices.EqualFunc(a, b, func(x, y Introduction) bool {
		return x.A == y.A && x.B == y.B && x.Score == y.Score && slices.Equal(x.Reasons, y.Reasons)
	})
}

func TestForCommonOfListsOfUnequalLength(t *testing.T) {
	long := make([]int32, 0, 1000)
	for v := int32(0); v < 3000; v += 3 {
		long = append(long, v)
	}
	for _, short := range [][]int32{{}, {0}, {1}, {2999}, {2997}, {3, 4, 5, 6}, {-1, 0, 1500, 1501, 2997, 5000}} {
		var want []int32
		for _, v := range short {
			if _, ok := slices.BinarySearch(long, v); ok {
				want = append(want, v)
			}
		}
		for _, lists := range [][2][]int32{{short, long}, {long, short}} {
			var got []int32
			forCommon(lists[0], lists[1], func(z int32) { got = append(got, z) })
			if !slices.Equal(got, want) {
				t.Errorf("forCommon(%v, …) = %v; want %v", short, got, want)
			}
		}
	}
}

// TestSuggestedIntroductionsBesideAHub draws in the many peripheral members
// of one hub, each of whom is offered another hub: finding their mutual
// contacts must cost about their own one tie, not the other hub's thousands
// (a merge of the two lists made this quadratic: 12 s for 100,000 members).
func TestSuggestedIntroductionsBesideAHub(t *testing.T) {
	// Two hubs of k contacts each: hub-2's contacts form a ring, hub-1's are
	// leaves to draw in. Finding mutual contacts by merging the two lists
	// made this quadratic in the hubs' degrees (12 s at k = 100,000). The
	// check is a ratio, not a deadline, so that it holds on a slow or loaded
	// machine: eight times the people must take well under 64 times as long
	// (quadratic), here under 32 (linear is about eight, up to twenty with
	// the larger graph out of cache); the best of five runs of each, so that
	// a pause of the machine's does not count.
	hubs := func(k int) *Snapshot {
		b := NewBuilder(false)
		b.Grow(2*k+2, 3*k)
		b.AddPerson("hub-2") // first, so that the first hub is near the end of its list
		for i := range k {
			b.AddPerson("x" + strconv.Itoa(i))
		}
		for i := range k {
			b.AddPerson("leaf" + strconv.Itoa(i))
		}
		for i := range k {
			x := "x" + strconv.Itoa(i)
			for _, err := range []error{
				b.AddTie("hub-2", x, 1), b.AddTie(x, "x"+strconv.Itoa((i+1)%k), 1), b.AddTie("hub-1", "leaf"+strconv.Itoa(i), 1),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		return b.Build()
	}
	// fastest times SuggestedIntroductions on g, best of five runs.
	fastest := func(g *Snapshot) time.Duration {
		best := time.Duration(math.MaxInt64)
		for range 5 {
			start := time.Now()
			if got := SuggestedIntroductions(g, nil, 10); len(got) != 10 {
				t.Fatalf("%d introductions; want 10", len(got))
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	small, large := fastest(hubs(10_000)), fastest(hubs(80_000))
	ratio := float64(large) / float64(max(small, time.Microsecond))
	t.Logf("10,000 contacts per hub: %v; 80,000: %v; ratio %.1f", small, large, ratio)
	if ratio > 32 {
		t.Errorf("eight times the contacts took %.1f times as long: drawing in a hub's peripheral members is quadratic in the hubs' degrees", ratio)
	}
}

// TestIntroductionsLeaveOutDismissedPairs dismisses, in the karate club,
// each person's best introduction (listed at one end only) and checks that
// neither end is offered the other again, per person or network-wide.
func TestIntroductionsLeaveOutDismissedPairs(t *testing.T) {
	r := loadReference(t)[0]
	build := func(dismissed map[string][]string) *Snapshot {
		b := NewBuilder(false)
		for _, id := range r.Nodes {
			b.SetProfile(id, Profile{Interests: []string{"karate"}, Dismissed: dismissed[id]})
		}
		for _, e := range r.Edges {
			_ = b.AddTie(e.A, e.B, 1)
		}
		return b.Build()
	}
	g := build(nil)
	dismissed := map[string][]string{}
	pairs := map[[2]string]bool{}
	for u := range g.N() {
		if got := Introductions(g, u, nil, 1); len(got) == 1 {
			a, b := g.ID(u), g.ID(got[0].B)
			dismissed[a] = append(dismissed[a], b)
			pairs[[2]string{min(a, b), max(a, b)}] = true
		}
	}
	if len(pairs) == 0 {
		t.Fatal("no introductions to dismiss")
	}
	g = build(dismissed)
	check := func(what string, in []Introduction) {
		for _, s := range in {
			a, b := g.ID(s.A), g.ID(s.B)
			if pairs[[2]string{min(a, b), max(a, b)}] {
				t.Errorf("%s: %s–%s was dismissed", what, a, b)
			}
		}
	}
	for u := range g.N() {
		check("Introductions("+g.ID(u)+")", Introductions(g, u, nil, 0))
	}
	all, err := suggestIntroductions(context.Background(), g, nil, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Error("no network-wide introductions left")
	}
	check("suggestIntroductions", all)
}
