package graph

import (
	"context"
	"strconv"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph/model"
)

// Query.ego: a person's ego network from the engine's cached analysis of
// the scope (analysis.View.Ego), mapped to the schema.

// needEgo is what an ego network reads of the analysis: the person's Burt
// measures and everyone's community, for the groups they bridge.
var needEgo = engine.Need{Metrics: analysis.MetricDegree | analysis.MetricConstraint | analysis.MetricCommunity}

func (r *Resolver) ego(ctx context.Context, personID string, radius *int32, scope *model.ScopeInput) (*model.EgoNetwork, error) {
	steps := int32(1)
	if radius != nil {
		steps = *radius
	}
	if steps < 1 || steps > 2 {
		return nil, netgraph.Invalid("radius", "must be 1 or 2 (got %d)", steps)
	}
	id, err := r.personID(ctx, "personId", personID)
	if err != nil {
		return nil, err
	}
	a, err := r.analyse(ctx, scope, needEgo)
	if err != nil {
		return nil, err
	}
	e, err := a.Ego(id, int(steps))
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(e.People))
	for i, p := range e.People {
		ids[i] = p.ID
	}
	people, err := r.people(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*netgraph.Person, len(people))
	for _, p := range people {
		byID[p.ID] = p
	}
	ego, ok := byID[id]
	if !ok {
		return nil, &netgraph.Error{Code: netgraph.ENOTFOUND, Field: "personId", Message: "person " + strconv.Quote(id) + " was erased"}
	}
	out := &model.EgoNetwork{
		Person: ego, Radius: steps, Truncated: e.Truncated, Degree: int32(e.Degree),
		Constraint: nullable(e.Constraint), EffectiveSize: nullable(e.EffectiveSize),
		People: make([]*model.EgoPerson, 0, len(e.People)), Ties: make([]*model.EgoTie, len(e.Ties)),
		Bridges:    make([]*model.BridgedGroup, len(e.Bridges)),
		Provenance: provenanceOf(a),
	}
	b := e.Brokerage
	out.Brokerage = personBrokerage(ego, b.Group, b.Raw, b.Z, b.Reasons, b.Directed)
	for _, p := range e.People {
		if person, ok := byID[p.ID]; ok { // else erased since the analysis
			out.People = append(out.People, &model.EgoPerson{Person: person, Distance: int32(p.Distance)})
		}
	}
	for i, t := range e.Ties {
		out.Ties[i] = &model.EgoTie{From: t.FromID, To: t.ToID, Strength: finite(t.Strength)}
	}
	for i, g := range e.Bridges {
		kind := model.BridgedGroupKindOrganisation
		if g.Kind == "community" {
			kind = model.BridgedGroupKindCommunity
		}
		out.Bridges[i] = &model.BridgedGroup{Kind: kind, ID: g.ID, Name: g.Name, Contacts: int32(g.Contacts)}
	}
	return out, nil
}
