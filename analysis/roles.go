package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Roles name the people a facilitator should know about: connectors, who
// broker between groups (Burt's structural holes, measured by betweenness);
// sponsors, whose ties give them influence and reach (eigenvector centrality
// and PageRank), and the holders of the SPONSOR membership role with a
// verdict on how well placed they are; and the isolated and peripheral members, who have no tie or
// hang on by one. Every candidate comes with reasons in plain English and
// the figures behind them.

// SponsorRole is the membership role of people expected to sponsor; they are
// listed by SponsorRoleHolders, with a verdict on how well placed they are.
const SponsorRole = "SPONSOR"

// A sponsor's reach, the organisations their contacts work at beyond the
// first, adds up to sponsorReachWeight to their score, in full at
// sponsorReachCap more organisations (see Sponsors).
const (
	sponsorReachWeight = 0.25
	sponsorReachCap    = 4
)

// RoleMetrics are the per-person figures roles are judged by, indexed like the
// snapshot. Connectors need Betweenness, sponsors Eigenvector and PageRank;
// a slice without one value per person counts as missing.
type RoleMetrics struct {
	Betweenness []float64
	Eigenvector []float64
	PageRank    []float64
	// Community is the Louvain community of each person; without it, ties
	// are judged by the organisations they reach only.
	Community []int32
	// CommunityNames are the communities' names by number (see
	// Community.Name); reasons fall back to "community N" without them.
	CommunityNames []string
	// BetweennessSampled says that Betweenness holds sampled estimates; the
	// reasons then say so.
	BetweennessSampled bool
}

// RoleCandidate is a person proposed for a role, with a score (higher is
// better; comparable only within one role and one network) and why.
type RoleCandidate struct {
	Person   int
	Score    float64
	Reasons  []string
	Evidence RoleEvidence
}

// RoleEvidence are the figures behind a role candidate.
type RoleEvidence struct {
	Betweenness float64
	Eigenvector float64
	PageRank    float64
	// Communities are those of the person's contacts, ascending.
	Communities []int
	// Organisations are the names of the organisations of the person's
	// contacts, those with the most ties first.
	Organisations []string
	// BridgesCut is the number of the person's ties that are bridges.
	BridgesCut int
	// Articulation is true when removing the person would split their
	// component; CutOff is then the number of people who would lose touch
	// with the largest remaining part of it.
	Articulation   bool
	CutOff         int
	HasSponsorRole bool
}

// Connectors and sponsors are few by design: a role most of a group holds
// tells a facilitator nothing. A person is named only when they and
// everyone with a figure at least theirs make up at most rolePercent% of the
// people in scope (so people who tie are named together or not at all, and
// a scope of fewer than 100 / rolePercent = 10 people has none: there
// everyone sees who links whom), and only when they are clearly above the
// rest: a connector's betweenness above the scope's mean, a sponsor's score
// above sponsorMinScore (a network where everyone is alike has neither).
const (
	rolePercent     = 10
	sponsorMinScore = 0.75
)

// inTopRolePercent reports whether atLeast people (those with a figure at
// least someone's, them included) are within rolePercent% of n.
func inTopRolePercent(atLeast, n int) bool { return 100*atLeast <= rolePercent*n }

// Connectors returns up to top people who broker between groups, best first
// (score descending, then index). A connector has ties into at least two
// communities or two organisations, and a betweenness above the mean of the
// people in scope and in its top 10% (see rolePercent). The score is
//
//	betweenness × (1 + share of ties leaving the person's community) × (1 + share of ties to other organisations)
//
// where the second share counts, among the ties whose both ends have an
// organisation recorded, those whose ends share none. It is at most four
// times the betweenness, so betweenness ranks first and the span of the ties
// breaks near-ties. There are none without betweenness.
func Connectors(g *Snapshot, m RoleMetrics, top int) []RoleCandidate {
	m = m.complete(g.N())
	if m.Betweenness == nil {
		return nil
	}
	between := newRanks(m.Betweenness)
	mean := 0.0
	for _, b := range m.Betweenness {
		mean += b / float64(g.N())
	}
	cands := []RoleCandidate{} // computed, even if nobody qualifies
	for _, c := range connectorCandidates(g, m) {
		if c.Evidence.Betweenness > mean && inTopRolePercent(between.atLeast(c.Evidence.Betweenness), g.N()) {
			cands = append(cands, c)
		}
	}
	cands = cands[:min(len(cands), max(top, 0))]
	for i := range cands {
		c := &cands[i]
		ev := c.Evidence
		if len(ev.Organisations) >= 2 {
			c.Reasons = append(c.Reasons, "links "+joinList(ev.Organisations, listShown, "organisations"))
		}
		if len(ev.Communities) >= 2 {
			c.Reasons = append(c.Reasons, "ties reach "+joinList(communitiesNamed(ev.Communities, m.CommunityNames), listShown, "communities"))
		}
		if ev.Articulation {
			c.Reasons = append(c.Reasons, fmt.Sprintf("articulation point: %s would be cut off without them",
				plural(ev.CutOff, "person", "people")))
		}
		switch {
		case ev.BridgesCut == 1:
			c.Reasons = append(c.Reasons, "one of their ties is a bridge, the only link between two parts of the network")
		case ev.BridgesCut > 1:
			c.Reasons = append(c.Reasons, fmt.Sprintf("%d of their ties are bridges, the only links between parts of the network", ev.BridgesCut))
		}
		estimated := ""
		if m.BetweennessSampled {
			estimated = " (estimated)"
		}
		c.Reasons = append(c.Reasons, between.standing("betweenness", estimated, ev.Betweenness))
	}
	return cands
}

// connectorCandidates returns everyone with positive betweenness and ties
// into two communities or organisations, scored as Connectors says, best
// first; m is complete.
func connectorCandidates(g *Snapshot, m RoleMetrics) []RoleCandidate {
	rc := newRoleContext(g, m)
	var cands []RoleCandidate
	for v := range g.N() {
		if m.Betweenness[v] <= 0 {
			continue
		}
		ev, span := rc.evidence(v)
		if len(ev.Communities) < 2 && len(ev.Organisations) < 2 {
			continue
		}
		score := ev.Betweenness * (1 + span.outsideCommunity) * (1 + span.outsideOrganisation)
		cands = append(cands, RoleCandidate{Person: v, Score: score, Evidence: ev})
	}
	sortCandidates(cands)
	return cands
}

// Sponsors returns up to top people with the influence and reach to sponsor,
// best first (score descending, then index). The score is
//
//	(eigenvector percentile + PageRank percentile) / 2 + 0.25 × min(organisations reached − 1, 4) / 4
//
// with percentiles in 0..1 (mid-rank for ties) and organisations reached
// counted over the person's contacts; people without ties score 0 and are
// never sponsors. A sponsor's score is above 0.75 and in the top 10% of the
// scope's (see rolePercent). There are none without eigenvector centrality
// and PageRank. The holders of the SPONSOR membership role, however well
// placed, are SponsorRoleHolders.
func Sponsors(g *Snapshot, m RoleMetrics, top int) []RoleCandidate {
	all, s := sponsorCandidates(g, m)
	if all == nil {
		return nil
	}
	scores := make([]float64, 0, g.N())
	for _, c := range all {
		scores = append(scores, c.Score)
	}
	placed := newRanks(scores)
	cands := []RoleCandidate{} // computed, even if nobody qualifies
	for _, c := range all {
		if len(cands) < top && g.Degree(c.Person) > 0 && c.Score > sponsorMinScore && inTopRolePercent(placed.atLeast(c.Score), g.N()) {
			cands = append(cands, c)
		}
	}
	for i := range cands {
		s.explain(&cands[i])
	}
	return cands
}

// SponsorRoleHolders returns everyone holding the SPONSOR membership role,
// scored as Sponsors scores people, best first, each with a verdict on how
// well placed they are to sponsor: poorly in the bottom 30% by eigenvector
// centrality (or without ties), well in the top 30%, fairly between. Nil
// without eigenvector centrality and PageRank.
func SponsorRoleHolders(g *Snapshot, m RoleMetrics) []RoleCandidate {
	all, s := sponsorCandidates(g, m)
	if all == nil {
		return nil
	}
	holders := []RoleCandidate{}
	for _, c := range all {
		if c.Evidence.HasSponsorRole {
			s.explain(&c)
			holders = append(holders, c)
		}
	}
	return holders
}

// sponsorScoring is what sponsor scores and reasons are worked out from.
type sponsorScoring struct {
	g       *Snapshot
	eig, pr ranks
}

// sponsorCandidates returns everyone in scope scored as Sponsors says, best
// first, without reasons; nil when m lacks eigenvector centrality or
// PageRank.
func sponsorCandidates(g *Snapshot, m RoleMetrics) ([]RoleCandidate, sponsorScoring) {
	m = m.complete(g.N())
	if m.Eigenvector == nil || m.PageRank == nil {
		return nil, sponsorScoring{}
	}
	rc := newRoleContext(g, m)
	s := sponsorScoring{g: g, eig: newRanks(m.Eigenvector), pr: newRanks(m.PageRank)}
	all := make([]RoleCandidate, 0, g.N())
	for v := range g.N() {
		ev, _ := rc.evidence(v)
		score := 0.0
		if g.Degree(v) > 0 {
			span := float64(min(max(len(ev.Organisations)-1, 0), sponsorReachCap)) / sponsorReachCap
			score = (s.eig.percentile(ev.Eigenvector)+s.pr.percentile(ev.PageRank))/2 + sponsorReachWeight*span
		}
		all = append(all, RoleCandidate{Person: v, Score: score, Evidence: ev})
	}
	sortCandidates(all)
	return all, s
}

// explain gives a sponsor or role holder their reasons: for a holder of the
// SPONSOR role the verdict first, which says where their eigenvector
// centrality stands; then, for anyone with ties, the standing of their
// eigenvector centrality (unless the verdict said it) and PageRank, and the
// organisations their ties reach.
func (s sponsorScoring) explain(c *RoleCandidate) {
	ev := c.Evidence
	degree := s.g.Degree(c.Person)
	eigStanding := s.eig.standing("eigenvector", "", ev.Eigenvector)
	if ev.HasSponsorRole {
		c.Reasons = append(c.Reasons, sponsorVerdict(degree, eigStanding, ev.Eigenvector, s.eig))
	}
	if degree == 0 {
		return
	}
	if !ev.HasSponsorRole {
		if s.eig.topPercent(ev.Eigenvector) <= wellConnectedPercent {
			eigStanding += ": tied to well-connected people"
		}
		c.Reasons = append(c.Reasons, eigStanding)
	}
	c.Reasons = append(c.Reasons, s.pr.standing("PageRank", "", ev.PageRank))
	if len(ev.Organisations) >= 2 {
		c.Reasons = append(c.Reasons, fmt.Sprintf("ties reach %d organisations: %s",
			len(ev.Organisations), joinList(ev.Organisations, listShown, "organisations")))
	}
}

// A holder of the SPONSOR role whose eigenvector centrality is in the bottom
// poorlyPlacedPercent% is called poorly placed, in the top
// poorlyPlacedPercent% well placed. A sponsor in the top wellConnectedPercent%
// is said to be tied to well-connected people.
const (
	poorlyPlacedPercent  = 30
	wellConnectedPercent = 25
)

// sponsorVerdict says how well placed a holder of the SPONSOR role is, with
// standing, what their eigenvector centrality's standing says.
func sponsorVerdict(degree int, standing string, eigenvector float64, eig ranks) string {
	switch {
	case degree == 0:
		return "holds the SPONSOR role but has no ties in this network — poorly placed to sponsor"
	case eig.bottomPercent(eigenvector) <= poorlyPlacedPercent:
		return "holds the SPONSOR role; " + standing + " — poorly placed to sponsor"
	case eig.topPercent(eigenvector) <= poorlyPlacedPercent:
		return "holds the SPONSOR role; " + standing + " — well placed to sponsor"
	}
	return "holds the SPONSOR role; " + standing + " — fairly placed to sponsor"
}

// Isolated returns the people with no ties, ascending.
func Isolated(g *Snapshot) []int { return peopleWithDegree(g, 0) }

// Peripheral returns the people with exactly one tie, ascending: they hang on
// by a single tie.
func Peripheral(g *Snapshot) []int { return peopleWithDegree(g, 1) }

func peopleWithDegree(g *Snapshot, d int) []int {
	out := []int{}
	for v := range g.N() {
		if g.Degree(v) == d {
			out = append(out, v)
		}
	}
	return out
}

// complete drops the slices of m that do not have one value per person.
func (m RoleMetrics) complete(n int) RoleMetrics {
	drop := func(x []float64) []float64 {
		if len(x) != n {
			return nil
		}
		return x
	}
	m.Betweenness, m.Eigenvector, m.PageRank = drop(m.Betweenness), drop(m.Eigenvector), drop(m.PageRank)
	if len(m.Community) != n {
		m.Community = nil
	}
	return m
}

// roleContext holds what evidence is computed from, shared by all people.
type roleContext struct {
	g          *Snapshot
	m          RoleMetrics
	bridgesCut []int
	cutOff     []int
	seen       []int // community stamp: seen[c] == v+1 when v's contacts reach c
}

func newRoleContext(g *Snapshot, m RoleMetrics) *roleContext {
	rc := &roleContext{g: g, m: m, bridgesCut: make([]int, g.N()), cutOff: cutOffs(g)}
	for _, b := range Bridges(g) {
		rc.bridgesCut[b[0]]++
		rc.bridgesCut[b[1]]++
	}
	k := 0
	for _, c := range m.Community {
		k = max(k, int(c)+1)
	}
	rc.seen = make([]int, k)
	return rc
}

// tieSpan is how far a person's ties leave their own groups.
type tieSpan struct {
	// outsideCommunity is the share of ties to people in another community.
	outsideCommunity float64
	// outsideOrganisation is, among ties whose both ends have an
	// organisation, the share whose ends share none.
	outsideOrganisation float64
}

// evidence gathers the figures behind any role for person v.
func (rc *roleContext) evidence(v int) (RoleEvidence, tieSpan) {
	g, m := rc.g, rc.m
	ev := RoleEvidence{
		Betweenness:    at(m.Betweenness, v),
		Eigenvector:    at(m.Eigenvector, v),
		PageRank:       at(m.PageRank, v),
		BridgesCut:     rc.bridgesCut[v],
		Articulation:   rc.cutOff[v] > 0,
		CutOff:         rc.cutOff[v],
		HasSponsorRole: hasRole(g.Profile(v), SponsorRole),
	}
	var span tieSpan
	nb := g.Neighbors(v)
	if len(nb) == 0 {
		return ev, span
	}
	own := orgKeys(g.Profile(v).Organisations)
	type reach struct {
		name string
		ties int
	}
	orgs := map[string]*reach{}
	outsideCommunity, withOrgs, outsideOrg := 0, 0, 0
	for _, w := range nb {
		if m.Community != nil {
			c := m.Community[w]
			if c != m.Community[v] {
				outsideCommunity++
			}
			if rc.seen[c] != v+1 {
				rc.seen[c] = v + 1
				ev.Communities = append(ev.Communities, int(c))
			}
		}
		theirs := distinctGroups(g.Profile(int(w)).Organisations)
		for _, o := range theirs {
			key := groupKey(o)
			if r, ok := orgs[key]; ok {
				r.ties++
			} else {
				orgs[key] = &reach{groupName(o), 1}
			}
		}
		if len(own) > 0 && len(theirs) > 0 {
			withOrgs++
			if !slices.ContainsFunc(theirs, func(o Group) bool { _, ok := slices.BinarySearch(own, groupKey(o)); return ok }) {
				outsideOrg++
			}
		}
	}
	slices.Sort(ev.Communities)
	reached := make([]*reach, 0, len(orgs))
	for _, r := range orgs {
		reached = append(reached, r)
	}
	slices.SortFunc(reached, func(a, b *reach) int { return cmp.Or(cmp.Compare(b.ties, a.ties), cmp.Compare(a.name, b.name)) })
	for _, r := range reached {
		ev.Organisations = append(ev.Organisations, r.name)
	}
	span.outsideCommunity = float64(outsideCommunity) / float64(len(nb))
	if withOrgs > 0 {
		span.outsideOrganisation = float64(outsideOrg) / float64(withOrgs)
	}
	return ev, span
}

// at returns x[v], or 0 when x was not computed.
func at(x []float64, v int) float64 {
	if x == nil {
		return 0
	}
	return x[v]
}

// sortCandidates orders candidates by score descending, then by index.
func sortCandidates(c []RoleCandidate) {
	slices.SortFunc(c, func(a, b RoleCandidate) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Person, b.Person))
	})
}

// cutOffs returns, for each person, how many people of their component would
// lose touch with the largest remaining part of it if the person were
// removed: zero except at articulation points. It is one iterative
// depth-first search (Hopcroft and Tarjan, 1973), O(n+m): a child subtree
// whose low point does not reach above its parent is a piece the parent's
// removal cuts off.
func cutOffs(g *Snapshot) []int {
	n := g.N()
	var (
		disc   = make([]int32, n) // discovery time, 1-based; 0 = unvisited
		low    = make([]int32, n)
		size   = make([]int32, n) // size of the DFS subtree
		sepSum = make([]int32, n) // total size of the pieces cut off below v
		sepMax = make([]int32, n) // largest such piece
		parent = make([]int32, n)
		next   = make([]int, n) // position of the next tie to explore
		out    = make([]int, n)
		stack  []int32
		order  []int32 // the people of the current component
		clock  int32
	)
	visit := func(v, p int32) {
		clock++
		disc[v], low[v], size[v], parent[v], next[v] = clock, clock, 1, p, g.offsets[v]
		stack = append(stack, v)
		order = append(order, v)
	}
	for r := range int32(n) {
		if disc[r] != 0 {
			continue
		}
		order = order[:0]
		visit(r, -1)
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			if next[v] < g.offsets[v+1] {
				w := g.targets[next[v]]
				next[v]++
				if disc[w] == 0 {
					visit(w, v)
				} else if w != parent[v] {
					low[v] = min(low[v], disc[w])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			if p := parent[v]; p >= 0 {
				size[p] += size[v]
				low[p] = min(low[p], low[v])
				if low[v] >= disc[p] {
					sepSum[p] += size[v]
					sepMax[p] = max(sepMax[p], size[v])
				}
			}
		}
		others := size[r] - 1 // everyone in the component but the person removed
		for _, v := range order {
			// The pieces are the cut-off subtrees and the rest (through the parent).
			largest := max(sepMax[v], others-sepSum[v])
			out[v] = int(others - largest)
		}
	}
	return out
}

// Profile helpers shared by roles, introductions and community summaries.

// groupKey identifies a group: its id, or its name when it has no id.
func groupKey(o Group) string {
	if o.ID != "" {
		return o.ID
	}
	return "name:" + strings.ToLower(strings.TrimSpace(o.Name))
}

// groupName is what a group is called in reasons: its name, or its id.
func groupName(o Group) string {
	if o.Name != "" {
		return o.Name
	}
	return o.ID
}

// distinctGroups drops repeated and blank groups, keeping the first of each.
func distinctGroups(groups []Group) []Group {
	out := make([]Group, 0, len(groups))
	for _, o := range groups {
		if o.ID == "" && strings.TrimSpace(o.Name) == "" {
			continue
		}
		if !slices.ContainsFunc(out, func(p Group) bool { return groupKey(p) == groupKey(o) }) {
			out = append(out, o)
		}
	}
	return out
}

// orgKeys returns the keys of groups, sorted and distinct.
func orgKeys(groups []Group) []string {
	keys := make([]string, 0, len(groups))
	for _, o := range distinctGroups(groups) {
		keys = append(keys, groupKey(o))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// interest is an interest as compared (key: trimmed, lower case) and as
// shown (as the person first wrote it, trimmed).
type interest struct{ key, display string }

// distinctInterests returns a person's interests without blanks or repeats
// (compared case-insensitively), sorted by key.
func distinctInterests(list []string) []interest {
	out := make([]interest, 0, len(list))
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		out = append(out, interest{strings.ToLower(s), s})
	}
	slices.SortStableFunc(out, func(a, b interest) int { return strings.Compare(a.key, b.key) })
	return slices.CompactFunc(out, func(a, b interest) bool { return a.key == b.key })
}

// hasRole reports whether a profile holds a membership role (case-insensitive).
func hasRole(p Profile, role string) bool {
	return slices.ContainsFunc(p.Roles, func(r string) bool { return strings.EqualFold(strings.TrimSpace(r), role) })
}
