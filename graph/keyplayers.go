package graph

import (
	"cmp"
	"context"
	"slices"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/graph/model"
)

// Query.whatIf, Query.keyPlayers and Query.brokerage: key players (Borgatti
// 2006) and brokerage roles (Gould and Fernandez 1989) computed on the
// engine's cached snapshot of the scope, per request.

// Bounds of keyPlayers' arguments.
const (
	maxKeyPlayers = 100
	maxReachSteps = 10
)

func (r *Resolver) whatIf(ctx context.Context, remove []string, scope *model.ScopeInput) (*model.WhatIf, error) {
	if len(remove) == 0 {
		return nil, netgraph.Invalid("remove", "must name at least one person")
	}
	a, err := r.analyse(ctx, scope, needStructure)
	if err != nil {
		return nil, err
	}
	g := a.Snapshot
	leaving := make([]int, len(remove))
	for i, id := range remove {
		v, ok := g.Index(id)
		if !ok {
			return nil, netgraph.Invalid("remove", "%q is not a person in the scope", id)
		}
		leaving[i] = v
	}
	w, err := analysis.WhatIfLeft(ctx, g, leaving)
	if err != nil {
		return nil, err
	}
	removed, err := r.people(ctx, idsOf(g, w.Removed))
	if err != nil {
		return nil, err
	}
	cutOff, err := r.people(ctx, idsOf(g, w.CutOff))
	if err != nil {
		return nil, err
	}
	return &model.WhatIf{
		Removed: removed, Remaining: int32(w.Remaining), Components: int32(w.Components),
		Fragmentation: finite(w.Fragmentation), DistanceFragmentation: finite(w.DistanceFragmentation),
		CutOff: cutOff, Provenance: provenanceOf(a),
	}, nil
}

func (r *Resolver) keyPlayers(ctx context.Context, scope *model.ScopeInput, k int32, goal *model.KeyPlayerGoal, steps *int32) (*model.KeyPlayers, error) {
	if k < 1 || k > maxKeyPlayers {
		return nil, netgraph.Invalid("k", "must be between 1 and %d (got %d)", maxKeyPlayers, k)
	}
	m := int32(2)
	if steps != nil {
		m = *steps
	}
	if m < 1 || m > maxReachSteps {
		return nil, netgraph.Invalid("steps", "must be between 1 and %d (got %d)", maxReachSteps, m)
	}
	g0 := model.KeyPlayerGoalFragment
	if goal != nil {
		g0 = *goal
	}
	a, err := r.analyse(ctx, scope, needStructure)
	if err != nil {
		return nil, err
	}
	var s analysis.KeyPlayerSet
	if g0 == model.KeyPlayerGoalReach {
		s, err = analysis.KeyPlayersReach(ctx, a.Snapshot, int(k), int(m))
	} else {
		s, err = analysis.KeyPlayersFragment(ctx, a.Snapshot, int(k))
	}
	if err != nil {
		return nil, err
	}
	set, err := r.people(ctx, idsOf(a.Snapshot, s.Set))
	if err != nil {
		return nil, err
	}
	out := &model.KeyPlayers{Goal: g0, Set: set, Fragmentation: finite(s.Fragmentation), Provenance: provenanceOf(a)}
	if g0 == model.KeyPlayerGoalReach {
		out.Reached, out.Reach = int32(s.Reached), finite(s.Reach)
	}
	return out, nil
}

func (r *Resolver) brokerage(ctx context.Context, scope *model.ScopeInput, directed *bool, top *int32) ([]*model.PersonBrokerage, error) {
	a, n, err := r.analyseTop(ctx, scope, top, needStructure)
	if err != nil {
		return nil, err
	}
	g := a.Snapshot
	// Grouped by first organisation (the only grouping so far).
	group, groups := analysis.OrganisationGroups(g)
	d := analysis.BothWays(g)
	if directed != nil && *directed {
		d = analysis.DirectedTies(g)
	}
	br, err := analysis.ComputeBrokerage(ctx, d, group, groups)
	if err != nil {
		return nil, err
	}
	order := make([]int, g.N())
	for v := range order {
		order[v] = v
	}
	slices.SortFunc(order, func(u, v int) int {
		return cmp.Or(cmp.Compare(br.Raw[v].Total, br.Raw[u].Total), cmp.Compare(g.ID(u), g.ID(v)))
	})
	order = order[:min(n, len(order))]
	people, err := r.people(ctx, idsOf(g, order))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*netgraph.Person, len(people))
	for _, p := range people {
		byID[p.ID] = p
	}
	out := make([]*model.PersonBrokerage, 0, len(order))
	for _, v := range order {
		p, ok := byID[g.ID(v)]
		if !ok {
			continue // erased since the analysis
		}
		out = append(out, personBrokerage(p, groups[group[v]], br.Raw[v], br.Z[v], br.Reasons[v], br.Directed))
	}
	return out, nil
}

// personBrokerage is one person's brokerage roles: raw counts and z-scores.
func personBrokerage(p *netgraph.Person, group string, raw, z analysis.BrokerageScores, reasons []string, directed bool) *model.PersonBrokerage {
	return &model.PersonBrokerage{
		Person: p, Group: group, Reasons: nonNil(reasons), Directed: directed,
		Counts: &model.BrokerageCounts{
			Coordinator: int32(raw.Coordinator), Itinerant: int32(raw.Itinerant), Gatekeeper: int32(raw.Gatekeeper),
			Representative: int32(raw.Representative), Liaison: int32(raw.Liaison), Total: int32(raw.Total),
		},
		Z: &model.BrokerageZ{
			Coordinator: nullable(z.Coordinator), Itinerant: nullable(z.Itinerant), Gatekeeper: nullable(z.Gatekeeper),
			Representative: nullable(z.Representative), Liaison: nullable(z.Liaison), Total: nullable(z.Total),
		},
	}
}

// idsOf names snapshot people by id.
func idsOf(g *analysis.Snapshot, people []int) []string {
	ids := make([]string, len(people))
	for i, v := range people {
		ids[i] = g.ID(v)
	}
	return ids
}
