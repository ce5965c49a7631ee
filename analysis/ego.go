package analysis

// Ego networks: the people within a few steps of one person and the ties
// among them (NetworkX's ego_graph, against which it is tested), with the
// person's Burt measures, brokerage roles and the groups they bridge.

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// MaxEgoPeople is the most people View.Ego returns; a larger ego network is
// cut at that many, in breadth-first order, and says it is truncated.
const MaxEgoPeople = 500

// EgoGraph is the people within radius steps of one person and every tie
// among them.
type EgoGraph struct {
	// People are the ego first, then the others in breadth-first order
	// (neighbours in snapshot order); Distance[i] is People[i]'s steps from
	// the ego.
	People   []int
	Distance []int
	// Ties join two of People, each pair once, From before To in People.
	Ties []EgoTie
	// Truncated is true when people within radius were left out to keep to
	// the limit.
	Truncated bool
}

// EgoTie is a tie of an ego network, between two snapshot people.
type EgoTie struct {
	From, To int
	Strength float64
}

// EgoNetwork returns the ego network of person v: everyone within radius
// steps (hops) of v and the ties among them, as NetworkX's ego_graph(G, v,
// radius) does, with at most limit people (limit ≤ 0: no limit). It takes
// O(Σ degree) time over the people kept.
func EgoNetwork(g *Snapshot, v, radius, limit int) EgoGraph {
	e := EgoGraph{People: []int{v}, Distance: []int{0}}
	pos := map[int32]int{int32(v): 0}
	for i := 0; i < len(e.People) && e.Distance[i] < radius && !e.Truncated; i++ {
		for _, u := range g.Neighbors(e.People[i]) {
			if _, seen := pos[u]; seen {
				continue
			}
			if limit > 0 && len(e.People) == limit {
				e.Truncated = true
				break
			}
			pos[u] = len(e.People)
			e.People = append(e.People, int(u))
			e.Distance = append(e.Distance, e.Distance[i]+1)
		}
	}
	for i, p := range e.People {
		strengths := g.Strengths(p)
		for k, u := range g.Neighbors(p) {
			if j, in := pos[u]; in && j > i {
				e.Ties = append(e.Ties, EgoTie{From: p, To: int(u), Strength: strengths[k]})
			}
		}
	}
	return e
}

// BridgedGroup is a group among a person's contacts that the person bridges
// (see BridgedGroups).
type BridgedGroup struct {
	// Kind is "organisation" or "community".
	Kind string
	// ID is the organisation's id or the community's number.
	ID, Name string
	// Contacts is how many of the person's contacts are in it.
	Contacts int
}

// BridgedGroups returns the groups that person v bridges among their
// contacts (the people tied to v). A group is an organisation a contact
// works at, or, when community is not nil, a contact's community
// (community(c), named by name). v bridges group G when some of v's contacts
// are in G, some are not, and no contact in G is tied to a contact outside
// G: among v's contacts, v is the only link between G's and the rest (a
// structural hole, Burt 1992). Organisations come first, then communities,
// each by contacts descending, then name. It takes O(Σ degree) time over
// v's contacts.
func BridgedGroups(g *Snapshot, v int, community func(int) int, name func(int) string) []BridgedGroup {
	contacts := g.Neighbors(v)
	isContact := make(map[int32]bool, len(contacts))
	for _, c := range contacts {
		isContact[c] = true
	}
	type key struct{ kind, id string }
	groupsOf := func(c int32) []key {
		var ks []key
		for _, o := range g.Profile(int(c)).Organisations {
			if !slices.Contains(ks, key{"organisation", o.ID}) {
				ks = append(ks, key{"organisation", o.ID})
			}
		}
		if community != nil {
			ks = append(ks, key{"community", strconv.Itoa(community(int(c)))})
		}
		return ks
	}
	count := map[key]int{}
	names := map[key]string{}
	for _, c := range contacts {
		for _, k := range groupsOf(c) {
			count[k]++
		}
		for _, o := range g.Profile(int(c)).Organisations {
			names[key{"organisation", o.ID}] = groupName(o)
		}
		if community != nil {
			names[key{"community", strconv.Itoa(community(int(c)))}] = name(community(int(c)))
		}
	}
	linked := map[key]bool{} // a contact in the group is tied to a contact outside it
	for _, c := range contacts {
		mine := groupsOf(c)
		for _, d := range g.Neighbors(int(c)) {
			if d == int32(v) || !isContact[d] {
				continue
			}
			theirs := groupsOf(d)
			for _, k := range mine {
				if !slices.Contains(theirs, k) {
					linked[k] = true
				}
			}
		}
	}
	var out []BridgedGroup
	for k, n := range count {
		if n < len(contacts) && !linked[k] {
			out = append(out, BridgedGroup{Kind: k.kind, ID: k.id, Name: names[k], Contacts: n})
		}
	}
	slices.SortFunc(out, func(a, b BridgedGroup) int {
		return cmp.Or(-cmp.Compare(a.Kind, b.Kind), cmp.Compare(b.Contacts, a.Contacts), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.ID, b.ID))
	})
	return out
}

// EgoView is a person's ego network named by id, with the person's figures.
type EgoView struct {
	PersonID string
	Radius   int
	// People are the ego first, then the others in breadth-first order, each
	// with their steps from the ego.
	People []EgoPerson
	// Ties join two of People, each pair once.
	Ties      []EgoTieView
	Truncated bool
	// Degree, Constraint and EffectiveSize are the person's, from the
	// analysis of the whole scope (Constraint and EffectiveSize NaN for a
	// person with no ties, or if they were not computed).
	Degree                    int
	Constraint, EffectiveSize float64
	// Brokerage is the person's brokerage roles with people grouped by first
	// organisation, ties read both ways.
	Brokerage PersonBrokerage
	// Bridges are the groups the person bridges among their contacts (see
	// BridgedGroups); communities only if they were computed.
	Bridges []BridgedGroup
}

// EgoPerson is one person of an ego network.
type EgoPerson struct {
	ID       string
	Distance int
}

// EgoTieView is a tie of an ego network named by id.
type EgoTieView struct {
	FromID, ToID string
	Strength     float64
}

// Ego returns the ego network of the person with the given id within radius
// steps (at most MaxEgoPeople people; see EgoNetwork) with their figures, and
// false if they are not in the scope.
func (w *View) Ego(id string, radius int) (EgoView, bool) {
	v, ok := w.g.Index(id)
	if !ok {
		return EgoView{}, false
	}
	e := EgoNetwork(w.g, v, radius, MaxEgoPeople)
	out := EgoView{PersonID: id, Radius: radius, Truncated: e.Truncated, Degree: w.g.Degree(v),
		People: make([]EgoPerson, len(e.People)), Ties: make([]EgoTieView, len(e.Ties))}
	for i, p := range e.People {
		out.People[i] = EgoPerson{ID: w.g.ID(p), Distance: e.Distance[i]}
	}
	for i, t := range e.Ties {
		out.Ties[i] = EgoTieView{FromID: w.g.ID(t.From), ToID: w.g.ID(t.To), Strength: t.Strength}
	}
	out.Constraint, out.EffectiveSize = math.NaN(), math.NaN()
	if w.r.Metrics.Has(MetricConstraint) {
		out.Constraint, out.EffectiveSize = w.r.People[v].Constraint, w.r.People[v].EffectiveSize
	}
	out.Brokerage = w.brokerage(v)
	var community func(int) int
	if w.r.Metrics.Has(MetricCommunity) {
		community = func(c int) int { return w.r.People[c].Community }
	}
	out.Bridges = BridgedGroups(w.g, v, community, w.r.CommunityName)
	return out, true
}

// Brokerage returns the brokerage roles of the person with the given id,
// people grouped by first organisation (OrganisationGroups) and ties read
// both ways, and false if they are not in the scope. It counts for them
// alone (BrokerageOf); the grouping is worked out once per view.
func (w *View) Brokerage(id string) (PersonBrokerage, bool) {
	v, ok := w.g.Index(id)
	if !ok {
		return PersonBrokerage{}, false
	}
	return w.brokerage(v), true
}

func (w *View) brokerage(v int) PersonBrokerage {
	w.mu.Lock()
	if w.orgGroup == nil {
		w.orgGroup, w.orgGroups = OrganisationGroups(w.g)
	}
	group, groups := w.orgGroup, w.orgGroups
	w.mu.Unlock()
	// The labels are in range and v is in the snapshot, so it cannot fail.
	b, _ := BrokerageOf(BothWays(w.g), group, groups, v)
	return b
}
