package analysis

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Introductions propose ties that do not exist yet: between people with
// mutual contacts (weighed by the resource-allocation index, Zhou, Lü and
// Zhang, "Predicting missing links via local information", 2009), people
// close to each other (an organisation, a sector, a region, interests),
// people whose tie would link two organisations, and a member cut off from
// the network with someone well inside it. Each is scored on a scale of 0 to
// IntroductionScale made of named parts, each shown with its points and why
// (IntroductionPart). Nobody who has declined to be suggested
// (Profile.Declined) is ever proposed, nor offered anyone; two members who
// are both cut off (at most one tie each) and have no mutual contact are
// never paired, since the tie would leave them both outside.
//
// The score of introducing u and v is the sum of these parts, capped at 100:
//
//	mutual contacts  60 × RA/(RA + 1), RA = Σ over mutual contacts z of 1/degree(z)
//	organisation     8 if they share an organisation, else 4 if they share a sector
//	region           6 if they share a region
//	interests        6 × Jaccard index of their interests
//	bridge           10 if both work at organisations, they share none, and they
//	                 have a mutual contact (the tie would link two organisations)
//	draw-in          when exactly one of them has at most one tie and the other
//	                 has two or more: 20 × share for someone with no tie, 2 × share
//	                 for someone with one, share being the other's degree
//	                 percentile in scope (0 the fewest ties, 1 the most)
//
// The weights were chosen by measurement (bench/introductions: hiding ties of
// real networks and of the demo, and ranking them back).

// Introduction is a suggested tie between persons A and B (snapshot indexes),
// with its score, the parts that make it, and why.
type Introduction struct {
	A, B int
	// Score is the sum of the parts' points, capped at IntroductionScale.
	Score float64
	// Parts are the parts of the score that earned points, in the order of
	// the table in the package documentation.
	Parts []IntroductionPart
	// MutualContacts are the people tied to both, ascending.
	MutualContacts []int
	// SharedInterests are the interests both declare (as A wrote them),
	// sorted case-insensitively.
	SharedInterests []string
	// Bridges are the organisations the tie would link, such as
	// "University of Leeds and Leeds Central Library".
	Bridges []string
	// Reasons are the parts' Why, in the same order.
	Reasons []string
}

// IntroductionPart is one named part of an introduction's score.
type IntroductionPart struct {
	// Name is one of the Part… names.
	Name string
	// Points are what the part adds to the score.
	Points float64
	// Why says in plain words what earned the points.
	Why string
}

// The names of the parts of an introduction's score.
const (
	PartMutualContacts = "mutual contacts"
	PartOrganisation   = "organisation"
	PartRegion         = "region"
	PartInterests      = "interests"
	PartBridge         = "bridge"
	PartDrawIn         = "draw-in"
)

// IntroductionScale is the highest score an introduction can have.
const IntroductionScale = 100

// The weights of the parts of an introduction's score (see Introductions).
const (
	mutualContactsPoints   = 60 // × RA/(RA + 1)
	sameOrganisationPoints = 8
	sameSectorPoints       = 4
	sameRegionPoints       = 6
	interestsPoints        = 6 // × Jaccard
	bridgePoints           = 10
	drawInIsolatedPoints   = 20 // × the other's degree percentile
	drawInPeripheralPoints = 2  // × the other's degree percentile
)

// ResourceAllocation returns the resource-allocation index of persons u and
// v: the sum over their mutual contacts z of 1/degree(z), as
// networkx.resource_allocation_index. A mutual contact of few ties says more
// than one who knows everybody. It is 0 for an index out of range.
func ResourceAllocation(g *Snapshot, u, v int) float64 {
	if !inRange(g, u) || !inRange(g, v) {
		return 0
	}
	sum := 0.0
	forCommon(g.Neighbors(u), g.Neighbors(v), func(z int32) { sum += 1 / float64(g.Degree(int(z))) })
	return sum
}

// Introductions returns up to top suggested introductions for person
// (top ≤ 0: every candidate), best first: score descending, then the id of
// the person suggested. Each has A = person. communities (from Louvain, or
// nil) offers a member with one tie the best-connected people of their
// community; it is ignored unless it has one entry per person. There are
// none for a person who has declined, or an index out of range, and none
// with a person whose introduction to them was dismissed (Profile.Dismissed).
//
// Candidates are friends of friends and people sharing an interest (at most
// maxProfileCandidates of these), and, for a person with at most one tie,
// colleagues in the same organisation and the best-connected people of
// their community and of the network. Each call indexes the profiles of the
// whole network once.
func Introductions(g *Snapshot, person int, communities []int32, top int) []Introduction {
	if !inRange(g, person) || g.Profile(person).Declined {
		return nil
	}
	return newIntroducer(g, communities).suggest(person, top, 0, true)
}

// EdgeIntroductions returns, for each isolated or peripheral member who has
// not declined, their best introduction (A = the member) as
// suggestIntroductions finds it, in the same order.
func EdgeIntroductions(g *Snapshot, communities []int32) []Introduction {
	out, _ := suggestIntroductions(context.Background(), g, communities, 0, false)
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

// suggestIntroductions returns the best limit introductions across the
// network (limit ≤ 0: all of them), in one order: score descending, then
// the ids of A and of B, so that the first 10 are the first 10 of the best
// 50. The introductions considered are, for each isolated or peripheral
// member who has not declined, their best partner (A = the member), and for
// each other consenting person, their best friend of a friend (A the lesser
// id of the two, unless B has at most one tie, when the introduction draws B
// in and B is A). A pair is considered once.
//
// To bound the work on large networks, a mutual contact with more than
// networkHubCap ties is not used to find candidates here (its share of the
// resource-allocation index still counts in the score).
//
// Without friends it considers only the isolated and peripheral members'
// partners (EdgeIntroductions). It returns ctx's error when it is cancelled.
func suggestIntroductions(ctx context.Context, g *Snapshot, communities []int32, limit int, friends bool) ([]Introduction, error) {
	in := newIntroducer(g, communities)
	seen := map[[2]int]bool{}
	var out []Introduction
	// Draw in the isolated and peripheral members.
	for v := range g.N() {
		if v%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if g.Degree(v) > 1 || in.declined[v] {
			continue
		}
		// Two peripheral members may be each other's best partner: offer
		// the second one someone else.
		for _, s := range in.suggest(v, 3, networkHubCap, true) {
			if key := pairKey(s.A, s.B); !seen[key] {
				seen[key] = true
				out = append(out, s)
				break
			}
		}
	}
	// Each well-tied person's best friend of a friend.
	for u := range g.N() {
		if !friends {
			break
		}
		if u%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if g.Degree(u) < 2 || in.declined[u] {
			continue
		}
		for _, s := range in.suggest(u, 1, networkHubCap, false) {
			if g.Degree(s.B) > 1 && g.ID(s.B) < g.ID(s.A) || g.Degree(s.B) <= 1 {
				s = in.describe(s.B, s.A)
			}
			if key := pairKey(s.A, s.B); !seen[key] {
				seen[key] = true
				out = append(out, s)
			}
		}
	}
	sortIntroductions(g, out)
	if limit > 0 {
		out = out[:min(len(out), limit)]
	}
	return out, nil
}

// introducer finds and scores introductions in one snapshot. It is not safe
// for concurrent use.
type introducer struct {
	g         *Snapshot
	community []int32 // nil when unknown
	degrees   ranks   // everyone's degree, for the draw-in's share
	declined  []bool
	interests [][]interest // per person: distinct, sorted by key
	orgs      [][]Group    // per person: distinct, sorted by key
	sectors   [][]interest // per person: distinct, sorted by key
	regions   []interest   // per person; key "" when unknown
	// dismissed holds the pairs (pairKey) whose introduction was
	// dismissed (Profile.Dismissed); nil when there are none.
	dismissed map[[2]int]bool
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
	ra        []float64
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
		sectors: make([][]interest, n), regions: make([]interest, n),
		byInterest: map[string][]int32{}, byOrg: map[string][]int32{},
		candidate: make([]int32, n), contact: make([]int32, n), ra: make([]float64, n),
	}
	degrees := make([]float64, n)
	for v := range n {
		degrees[v] = float64(g.Degree(v))
		p := g.Profile(v)
		in.interests[v] = distinctInterests(p.Interests)
		in.sectors[v] = distinctInterests(p.Sectors)
		if r := strings.TrimSpace(p.Region); r != "" {
			in.regions[v] = interest{strings.ToLower(r), r}
		}
		orgs := distinctGroups(p.Organisations)
		slices.SortFunc(orgs, func(a, b Group) int { return strings.Compare(groupKey(a), groupKey(b)) })
		in.orgs[v] = orgs
		for _, id := range p.Dismissed {
			if w, ok := g.Index(id); ok && w != v {
				if in.dismissed == nil {
					in.dismissed = map[[2]int]bool{}
				}
				in.dismissed[pairKey(v, w)] = true
			}
		}
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
	in.degrees = newRanks(degrees)
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
		ra := in.ra[v]
		if hubCap > 0 {
			// The search may have skipped hubs: count every mutual contact.
			ra = ResourceAllocation(g, u, int(v))
		}
		all[i] = scored{v, in.score(u, int(v), ra)}
	}
	slices.SortFunc(all, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(g.ID(int(a.v)), g.ID(int(b.v))))
	})
	if top > 0 {
		all = all[:min(len(all), top)]
	}
	out := make([]Introduction, len(all))
	for i, s := range all {
		out[i] = in.describe(u, int(s.v))
	}
	return out
}

// search collects u's candidates in in.found, with the resource-allocation
// index over the mutual contacts it went through in in.ra.
func (in *introducer) search(u, hubCap int, profiles bool) {
	g := in.g
	in.stamp++
	stamp := in.stamp
	in.found = in.found[:0]
	for _, w := range g.Neighbors(u) {
		in.contact[w] = stamp
	}
	add := func(v int32) bool {
		if int(v) == u || in.contact[v] == stamp || in.declined[v] ||
			in.dismissed != nil && in.dismissed[pairKey(u, int(v))] {
			return false
		}
		if in.candidate[v] != stamp {
			in.candidate[v] = stamp
			in.ra[v] = 0
			in.found = append(in.found, v)
		}
		return true
	}
	// Friends of friends, through mutual contacts in ascending order so that
	// each sum adds up exactly as ResourceAllocation does.
	for _, z := range g.Neighbors(u) {
		d := g.Degree(int(z))
		if d < 2 || hubCap > 0 && d > hubCap {
			continue
		}
		share := 1 / float64(d)
		for _, v := range g.Neighbors(int(z)) {
			if add(v) {
				in.ra[v] += share
			}
		}
	}
	if !profiles {
		return
	}
	// Beyond friends of friends, nobody cut off is offered to someone cut
	// off: the tie would leave both outside.
	outside := g.Degree(u) <= 1
	addAll := func(lists [][]int32) {
		added := 0
		for _, list := range lists {
			for _, v := range list {
				if added == maxProfileCandidates {
					return
				}
				if in.candidate[v] != stamp && !(outside && g.Degree(int(v)) <= 1) && add(v) {
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
	if !outside {
		return
	}
	lists = lists[:0]
	for _, o := range in.orgs[u] {
		lists = append(lists, in.byOrg[groupKey(o)])
	}
	addAll(lists)
	if in.community != nil && g.Degree(u) > 0 {
		addAll([][]int32{in.hubs(in.community[u])})
	}
	addAll([][]int32{in.hubs(-1)})
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

// points are the points of each part of introducing u and v, whose mutual
// contacts give a resource-allocation index of ra, in the order of the
// Part… names, with the member drawn in (-1 when none).
func (in *introducer) points(u, v int, ra float64) (p [6]float64, drawnIn int) {
	g := in.g
	p[0] = mutualContactsPoints * ra / (ra + 1)
	sharedOrgs := len(inBoth(in.orgs[u], in.orgs[v], groupKey)) > 0
	switch {
	case sharedOrgs:
		p[1] = sameOrganisationPoints
	case len(inBoth(in.sectors[u], in.sectors[v], interestKey)) > 0:
		p[1] = sameSectorPoints
	}
	if in.regions[u].key != "" && in.regions[u].key == in.regions[v].key {
		p[2] = sameRegionPoints
	}
	if shared := len(inBoth(in.interests[u], in.interests[v], interestKey)); shared > 0 {
		p[3] = interestsPoints * float64(shared) / float64(len(in.interests[u])+len(in.interests[v])-shared) // Jaccard
	}
	if ra > 0 && !sharedOrgs && len(in.orgs[u]) > 0 && len(in.orgs[v]) > 0 {
		p[4] = bridgePoints
	}
	drawnIn = -1
	switch du, dv := g.Degree(u), g.Degree(v); {
	case du <= 1 && dv > 1:
		drawnIn = u
	case dv <= 1 && du > 1:
		drawnIn = v
	}
	if drawnIn >= 0 {
		weight := float64(drawInPeripheralPoints)
		if g.Degree(drawnIn) == 0 {
			weight = drawInIsolatedPoints
		}
		p[5] = weight * in.degrees.percentile(float64(g.Degree(u+v-drawnIn)))
	}
	return p, drawnIn
}

// score is the score of introducing u and v, whose mutual contacts give a
// resource-allocation index of ra (see Introductions).
func (in *introducer) score(u, v int, ra float64) float64 {
	p, _ := in.points(u, v, ra)
	return total(p)
}

// total adds up the parts, capped at IntroductionScale.
func total(p [6]float64) float64 {
	s := 0.0
	for _, x := range p {
		s += x
	}
	return min(s, IntroductionScale)
}

// describe builds the introduction of u to v: its score, parts and reasons.
func (in *introducer) describe(u, v int) Introduction {
	g := in.g
	intro := Introduction{A: u, B: v}
	forCommon(g.Neighbors(u), g.Neighbors(v), func(z int32) { intro.MutualContacts = append(intro.MutualContacts, int(z)) })
	p, drawnIn := in.points(u, v, ResourceAllocation(g, u, v))
	intro.Score = total(p)
	sharedOrgs := inBoth(in.orgs[u], in.orgs[v], groupKey)
	for _, i := range inBoth(in.interests[u], in.interests[v], interestKey) {
		intro.SharedInterests = append(intro.SharedInterests, i.display)
	}
	if p[4] > 0 {
		intro.Bridges = []string{groupNames(in.orgs[u]) + " and " + groupNames(in.orgs[v])}
	}
	for i, name := range []string{PartMutualContacts, PartOrganisation, PartRegion, PartInterests, PartBridge, PartDrawIn} {
		if p[i] == 0 {
			continue
		}
		var why string
		switch name {
		case PartMutualContacts:
			why = mutualContactsReason(len(intro.MutualContacts))
		case PartOrganisation:
			if len(sharedOrgs) > 0 {
				why = sameOrganisationReason(groupNames(sharedOrgs))
			} else {
				why = sameSectorReason(inBoth(in.sectors[u], in.sectors[v], interestKey)[0].display)
			}
		case PartRegion:
			why = sameRegionReason(in.regions[u].display)
		case PartInterests:
			why = sharedInterestsReason(intro.SharedInterests)
		case PartBridge:
			why = bridgeReason(intro.Bridges[0])
		case PartDrawIn:
			other := u + v - drawnIn
			below, _ := in.degrees.count(float64(g.Degree(other)))
			why = drawInReason(personName(g, drawnIn), g.Degree(drawnIn), personName(g, other), g.Degree(other), below, g.N())
		}
		intro.Parts = append(intro.Parts, IntroductionPart{Name: name, Points: p[i], Why: why})
		intro.Reasons = append(intro.Reasons, why)
	}
	return intro
}

// personName is how reasons name person v: their name, or their id.
func personName(g *Snapshot, v int) string {
	if name := strings.TrimSpace(g.Profile(v).Name); name != "" {
		return name
	}
	return g.ID(v)
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

// sortIntroductions orders introductions by score descending, then by the
// ids of A and of B: the one order of every list of introductions.
func sortIntroductions(g *Snapshot, x []Introduction) {
	slices.SortFunc(x, func(a, b Introduction) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(g.ID(a.A), g.ID(b.A)), strings.Compare(g.ID(a.B), g.ID(b.B)))
	})
}

// pairKey identifies an unordered pair.
func pairKey(a, b int) [2]int { return [2]int{min(a, b), max(a, b)} }

func inRange(g *Snapshot, v int) bool { return v >= 0 && v < g.N() }

// IntroductionScorer scores the introduction of any two people of one
// snapshot as Introductions does, without looking for candidates: for
// measuring the score against other link predictors (bench/introductions),
// which rank every pair. It is not safe for concurrent use.
type IntroductionScorer struct{ in *introducer }

// NewIntroductionScorer indexes g's profiles once for Score.
func NewIntroductionScorer(g *Snapshot) *IntroductionScorer {
	return &IntroductionScorer{newIntroducer(g, nil)}
}

// Score returns the score of introducing persons u and v (0 to
// IntroductionScale), whether or not they are tied or candidates.
func (s *IntroductionScorer) Score(u, v int) float64 {
	return s.in.score(u, v, ResourceAllocation(s.in.g, u, v))
}
