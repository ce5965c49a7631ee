package analysis

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Introductions propose ties that do not exist yet: between people with
// mutual contacts (scored by the Adamic–Adar index, Adamic and Adar, "Friends
// and neighbors on the Web", 2003), people who share interests, and people
// whose tie would link two groups or draw a member in from the edge. Nobody
// who has declined to be suggested (Profile.Declined) is ever proposed, nor
// offered anyone.

// Introduction is a suggested tie between persons A and B (snapshot indexes),
// with a score (higher is better) and why.
type Introduction struct {
	A, B  int
	Score float64
	// MutualContacts are the people tied to both, ascending.
	MutualContacts []int
	// SharedInterests are the interests both declare (as A wrote them),
	// sorted case-insensitively.
	SharedInterests []string
	// Bridges are the groups the tie would link, such as "communities 2 and
	// 5" or "University of Leeds and Leeds Central Library".
	Bridges []string
	Reasons []string
}

// AdamicAdar returns the Adamic–Adar index of persons u and v: the sum over
// their mutual contacts z of 1/ln(degree(z)), as networkx.adamic_adar_index.
// A mutual contact of few ties says more than one who knows everybody. It is
// 0 for an index out of range.
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

// Introductions returns up to top suggested introductions for person
// (top ≤ 0: every candidate), best first: score descending, then index.
// Each has A = person. communities (from Louvain, or nil) lets a tie between
// communities count; it is ignored unless it has one entry per person. There
// are none for a person who has declined, or an index out of range.
//
// Candidates are friends of friends and people sharing an interest (at most
// maxProfileCandidates of these), and, for a person with at most one tie,
// colleagues in the same organisation and the best-connected people of
// their community and of the network. The score is
//
//	Adamic–Adar + interest Jaccard + bridgeValue·[different communities] + bridgeValue·[different organisations] + draw-in
//
// where the interest Jaccard is shared/combined distinct interests (compared
// case-insensitively); the community and organisation terms, which value
// linking groups already in the network, count only between people who both
// have ties, the latter when both have an organisation and they share none.
// bridgeValue is deliberately below what one mutual contact adds (1/ln d,
// 0.43 for a contact with 10 ties): most pairs of strangers are in different
// groups, so bridging orders otherwise similar candidates rather than
// outranking people someone could actually introduce;
// and the draw-in term, when either end has at most one tie, is
// 1 per end with no tie and 0.5 per end with one, plus 0.5 × the better
// connected end's degree / the largest degree, plus 0.25 if they share an
// organisation. Each call indexes the profiles of the whole network once.
func Introductions(g *Snapshot, person int, communities []int32, top int) []Introduction {
	if !inRange(g, person) || g.Profile(person).Declined {
		return nil
	}
	return newIntroducer(g, communities).suggest(person, top, 0, true)
}

// SuggestedIntroductions returns the introductions that would bring isolated
// and peripheral members in: for each such member who has not declined, their
// best consenting partner (see Introductions), best first. When limit > 0 it
// keeps at most limit of them and fills any room left with the best
// friend-of-friend introductions across the network; limit ≤ 0 keeps every
// draw-in introduction and adds no others. The order is score descending,
// then A, then B; draw-in introductions have A = the member drawn in,
// others A < B.
//
// To bound the work on large networks, a mutual contact with more than
// networkHubCap ties is not used to find candidates here (its share of the
// Adamic–Adar index, under 1/ln(networkHubCap), still counts in the score).
func SuggestedIntroductions(g *Snapshot, communities []int32, limit int) []Introduction {
	out, _ := suggestIntroductions(context.Background(), g, communities, limit)
	return out
}

// Bounds on the candidates considered for one person.
const (
	// maxProfileCandidates bounds the candidates found through each of
	// shared interests and shared organisations.
	maxProfileCandidates = 200
	// networkHubCap is the largest degree of a mutual contact through whom
	// the network-wide pass looks for friends of friends.
	networkHubCap = 100
	// wellConnectedShown is how many best-connected people of a community
	// are offered to a member with at most one tie.
	wellConnectedShown = 5
)

// suggestIntroductions is SuggestedIntroductions, returning ctx's error when
// it is cancelled.
func suggestIntroductions(ctx context.Context, g *Snapshot, communities []int32, limit int) ([]Introduction, error) {
	in := newIntroducer(g, communities)
	seen := map[[2]int]bool{}
	var out []Introduction
	// Draw in the isolated and peripheral members first.
	for v := range g.N() {
		if v%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if g.Degree(v) > 1 || in.declined[v] {
			continue
		}
		// Two isolated members may be each other's best partner: offer the
		// second one someone else.
		for _, s := range in.suggest(v, 3, networkHubCap, true) {
			if key := pairKey(s.A, s.B); !seen[key] {
				seen[key] = true
				out = append(out, s)
				break
			}
		}
	}
	sortIntroductions(out)
	if limit <= 0 {
		return out, nil
	}
	out = out[:min(len(out), limit)]
	if len(out) == limit {
		return out, nil
	}
	// Fill the room left with each well-tied person's best friend of a friend.
	var more []Introduction
	for u := range g.N() {
		if u%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if g.Degree(u) < 2 || in.declined[u] {
			continue
		}
		for _, s := range in.suggest(u, 1, networkHubCap, false) {
			if s.A > s.B {
				s = in.describe(s.B, s.A, s.Score)
			}
			if key := pairKey(s.A, s.B); !seen[key] {
				seen[key] = true
				more = append(more, s)
			}
		}
	}
	sortIntroductions(more)
	out = append(out, more[:min(len(more), limit-len(out))]...)
	sortIntroductions(out)
	return out, nil
}

// introducer finds and scores introductions in one snapshot. It is not safe
// for concurrent use.
type introducer struct {
	g         *Snapshot
	community []int32 // nil when unknown
	maxDegree int
	declined  []bool
	interests [][]interest // per person: distinct, sorted by key
	orgs      [][]Group    // per person: distinct, sorted by key
	// consenting people (not declined) by interest key and by organisation
	// key, ascending
	byInterest map[string][]int32
	byOrg      map[string][]int32
	// wellConnected are, per community (-1: the whole network), the
	// consenting people with the most ties; built on first use.
	wellConnected map[int32][]int32

	// scratch for one candidate search
	stamp     int32
	candidate []int32 // candidate[v] == stamp: v is a candidate
	contact   []int32 // contact[v] == stamp: v is tied to the person
	aa        []float64
	found     []int32
}

func newIntroducer(g *Snapshot, communities []int32) *introducer {
	n := g.N()
	if len(communities) != n {
		communities = nil
	}
	in := &introducer{
		g: g, community: communities,
		declined: make([]bool, n), interests: make([][]interest, n), orgs: make([][]Group, n),
		byInterest: map[string][]int32{}, byOrg: map[string][]int32{},
		candidate: make([]int32, n), contact: make([]int32, n), aa: make([]float64, n),
	}
	for v := range n {
		in.maxDegree = max(in.maxDegree, g.Degree(v))
		p := g.Profile(v)
		in.interests[v] = distinctInterests(p.Interests)
		orgs := distinctGroups(p.Organisations)
		slices.SortFunc(orgs, func(a, b Group) int { return strings.Compare(groupKey(a), groupKey(b)) })
		in.orgs[v] = orgs
		if in.declined[v] = p.Declined; p.Declined {
			continue
		}
		for _, i := range in.interests[v] {
			in.byInterest[i.key] = append(in.byInterest[i.key], int32(v))
		}
		for _, o := range orgs {
			in.byOrg[groupKey(o)] = append(in.byOrg[groupKey(o)], int32(v))
		}
	}
	return in
}

// suggest returns person u's best top introductions (top ≤ 0: all), best
// first. hubCap > 0 skips mutual contacts with more ties when looking for
// friends of friends; profiles false looks for friends of friends only.
func (in *introducer) suggest(u, top, hubCap int, profiles bool) []Introduction {
	g := in.g
	in.search(u, hubCap, profiles)
	type scored struct {
		v     int32
		score float64
	}
	all := make([]scored, len(in.found))
	for i, v := range in.found {
		all[i] = scored{v, in.score(u, int(v), in.aa[v])}
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.v, b.v)) })
	if top > 0 {
		all = all[:min(len(all), top)]
	}
	out := make([]Introduction, len(all))
	for i, s := range all {
		score := s.score
		if hubCap > 0 {
			// The search may have skipped hubs: count every mutual contact.
			score += AdamicAdar(g, u, int(s.v)) - in.aa[s.v]
		}
		out[i] = in.describe(u, int(s.v), score)
	}
	sortIntroductions(out)
	return out
}

// search collects u's candidates in in.found, with the Adamic–Adar index
// over the mutual contacts it went through in in.aa.
func (in *introducer) search(u, hubCap int, profiles bool) {
	g := in.g
	in.stamp++
	stamp := in.stamp
	in.found = in.found[:0]
	for _, w := range g.Neighbors(u) {
		in.contact[w] = stamp
	}
	add := func(v int32) bool {
		if int(v) == u || in.contact[v] == stamp || in.declined[v] {
			return false
		}
		if in.candidate[v] != stamp {
			in.candidate[v] = stamp
			in.aa[v] = 0
			in.found = append(in.found, v)
		}
		return true
	}
	// Friends of friends, through mutual contacts in ascending order so that
	// each sum adds up exactly as AdamicAdar does.
	for _, z := range g.Neighbors(u) {
		d := g.Degree(int(z))
		if d < 2 || hubCap > 0 && d > hubCap {
			continue
		}
		share := 1 / math.Log(float64(d))
		for _, v := range g.Neighbors(int(z)) {
			if add(v) {
				in.aa[v] += share
			}
		}
	}
	if !profiles {
		return
	}
	addAll := func(lists [][]int32) {
		added := 0
		for _, list := range lists {
			for _, v := range list {
				if added == maxProfileCandidates {
					return
				}
				if in.candidate[v] != stamp && add(v) {
					added++
				}
			}
		}
	}
	var lists [][]int32
	for _, i := range in.interests[u] {
		lists = append(lists, in.byInterest[i.key])
	}
	addAll(lists)
	if g.Degree(u) > 1 {
		return
	}
	lists = lists[:0]
	for _, o := range in.orgs[u] {
		lists = append(lists, in.byOrg[groupKey(o)])
	}
	addAll(lists)
	if in.community != nil && g.Degree(u) > 0 {
		for _, v := range in.hubs(in.community[u]) {
			add(v)
		}
	}
	for _, v := range in.hubs(-1) {
		add(v)
	}
}

// hubs returns the best-connected consenting people of community c (-1: of
// the network), most ties first, then by index.
func (in *introducer) hubs(c int32) []int32 {
	if in.wellConnected == nil {
		in.wellConnected = map[int32][]int32{}
		g := in.g
		better := func(a, b int32) bool {
			da, db := g.Degree(int(a)), g.Degree(int(b))
			return da > db || da == db && a < b
		}
		insert := func(key int32, v int32) {
			list := in.wellConnected[key]
			i := len(list)
			for i > 0 && better(v, list[i-1]) {
				i--
			}
			if i < wellConnectedShown {
				list = slices.Insert(list, i, v)
				in.wellConnected[key] = list[:min(len(list), wellConnectedShown)]
			}
		}
		for v := range int32(g.N()) {
			if g.Degree(int(v)) == 0 || in.declined[v] {
				continue
			}
			insert(-1, v)
			if in.community != nil {
				insert(in.community[v], v)
			}
		}
	}
	return in.wellConnected[c]
}

// bridgeValue is what an introduction adds for linking two communities, and
// again for linking two organisations (see Introductions).
const bridgeValue = 0.25

// The draw-in term of an introduction where either end has at most one tie
// (see Introductions): drawInIsolated per end with no tie, drawInPeripheral
// per end with one, drawInReach × the better connected end's degree / the
// largest degree, and drawInColleague if the two share an organisation.
const (
	drawInIsolated   = 1.0
	drawInPeripheral = 0.5
	drawInReach      = 0.5
	drawInColleague  = 0.25
)

// drawIn is the value of tying in a person with d ties.
func drawIn(d int) float64 {
	switch d {
	case 0:
		return drawInIsolated
	case 1:
		return drawInPeripheral
	}
	return 0
}

// score is the value of introducing u and v, whose mutual contacts give an
// Adamic–Adar index of aa (see Introductions).
func (in *introducer) score(u, v int, aa float64) float64 {
	du, dv := in.g.Degree(u), in.g.Degree(v)
	s := aa
	if shared := len(inBoth(in.interests[u], in.interests[v], interestKey)); shared > 0 {
		s += float64(shared) / float64(len(in.interests[u])+len(in.interests[v])-shared) // Jaccard
	}
	if in.community != nil && du > 0 && dv > 0 && in.community[u] != in.community[v] {
		s += bridgeValue
	}
	sharedOrgs := inBoth(in.orgs[u], in.orgs[v], groupKey)
	if du > 0 && dv > 0 && len(in.orgs[u]) > 0 && len(in.orgs[v]) > 0 && len(sharedOrgs) == 0 {
		s += bridgeValue
	}
	if d := drawIn(du) + drawIn(dv); d > 0 {
		s += d
		if in.maxDegree > 0 {
			s += drawInReach * float64(max(du, dv)) / float64(in.maxDegree)
		}
		if len(sharedOrgs) > 0 {
			s += drawInColleague
		}
	}
	return s
}

// describe builds the introduction of u to v with the given score.
func (in *introducer) describe(u, v int, score float64) Introduction {
	g := in.g
	du, dv := g.Degree(u), g.Degree(v)
	intro := Introduction{A: u, B: v, Score: score}
	forCommon(g.Neighbors(u), g.Neighbors(v), func(z int32) { intro.MutualContacts = append(intro.MutualContacts, int(z)) })
	if k := len(intro.MutualContacts); k > 0 {
		intro.Reasons = append(intro.Reasons, plural(k, "mutual contact", "mutual contacts"))
	}
	shared := inBoth(in.interests[u], in.interests[v], interestKey)
	for _, i := range shared {
		intro.SharedInterests = append(intro.SharedInterests, i.display)
	}
	switch len(shared) {
	case 0:
	case 1:
		intro.Reasons = append(intro.Reasons, "shared interest: "+intro.SharedInterests[0])
	default:
		intro.Reasons = append(intro.Reasons, "shared interests: "+strings.Join(intro.SharedInterests, ", "))
	}
	if in.community != nil && du > 0 && dv > 0 && in.community[u] != in.community[v] {
		b := fmt.Sprintf("communities %d and %d", min(in.community[u], in.community[v]), max(in.community[u], in.community[v]))
		intro.Bridges = append(intro.Bridges, b)
		intro.Reasons = append(intro.Reasons, "links "+b)
	}
	sharedOrgs := inBoth(in.orgs[u], in.orgs[v], groupKey)
	if du > 0 && dv > 0 && len(in.orgs[u]) > 0 && len(in.orgs[v]) > 0 && len(sharedOrgs) == 0 {
		b := groupNames(in.orgs[u]) + " and " + groupNames(in.orgs[v])
		intro.Bridges = append(intro.Bridges, b)
		intro.Reasons = append(intro.Reasons, "links "+b)
	}
	if drawIn(du)+drawIn(dv) > 0 {
		intro.Reasons = append(intro.Reasons, "brings in "+edgeMembers(du, dv))
		if best := max(du, dv); best > 1 {
			intro.Reasons = append(intro.Reasons, fmt.Sprintf("the other is well connected: %d ties", best))
		}
		if len(sharedOrgs) > 0 {
			intro.Reasons = append(intro.Reasons, "both at "+groupNames(sharedOrgs))
		}
	}
	return intro
}

// edgeMembers describes the ends of a tie that have at most one tie.
func edgeMembers(du, dv int) string {
	describe := func(d int) string {
		switch d {
		case 0:
			return "a member with no ties yet"
		case 1:
			return "a member who hangs on by a single tie"
		}
		return ""
	}
	a, b := describe(du), describe(dv)
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case du == dv && du == 0:
		return "two members with no ties yet"
	case du == dv:
		return "two members who each hang on by a single tie"
	}
	return a + " and " + b
}

// inBoth returns the items of a whose key is also the key of an item of b
// (as a has them); a and b are sorted by key.
func inBoth[T any](a, b []T, key func(T) string) []T {
	var out []T
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(key(a[i]), key(b[j])); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// interestKey is what interests are sorted and compared by.
func interestKey(i interest) string { return i.key }

// groupNames names groups for a reason: "A" or "A / B".
func groupNames(groups []Group) string {
	names := make([]string, len(groups))
	for i, o := range groups {
		names[i] = groupName(o)
	}
	return strings.Join(names, " / ")
}

// forCommon calls fn for every index in both sorted lists, ascending. When
// one list is much longer than the other (a hub's contacts against a
// newcomer's), each item of the shorter is looked up in the longer by binary
// search, so that drawing in thousands of members next to a hub does not pay
// for the hub's whole list each time.
func forCommon(a, b []int32, fn func(int32)) {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b) > 32*len(a) {
		for _, x := range a {
			k, found := slices.BinarySearch(b, x)
			if found {
				fn(x)
				k++
			}
			b = b[k:]
		}
		return
	}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			fn(a[i])
			i++
			j++
		}
	}
}

// sortIntroductions orders introductions by score descending, then A, then B.
func sortIntroductions(x []Introduction) {
	slices.SortFunc(x, func(a, b Introduction) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B))
	})
}

// pairKey identifies an unordered pair.
func pairKey(a, b int) [2]int { return [2]int{min(a, b), max(a, b)} }

func inRange(g *Snapshot, v int) bool { return v >= 0 && v < g.N() }
