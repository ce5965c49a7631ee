package graph

import (
	"context"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
)

// loaders are one request's dataloaders: one per field that would otherwise
// query the store once per parent. Each calls one of the Store's batch
// methods, except analyses, which asks the engine.
type loaders struct {
	people        *loader[string, *netgraph.Person]
	organisations *loader[string, *netgraph.Organisation]
	networks      *loader[string, *netgraph.Network]

	affiliationsByPerson       *loader[string, []netgraph.Affiliation]
	affiliationsByOrganisation *loader[string, []netgraph.Affiliation]
	membershipsByPerson        *loader[string, []netgraph.Membership]
	membershipsByNetwork       *loader[string, []netgraph.Membership]
	tiesByPerson               *loader[string, []netgraph.Tie]
	partnershipsByOrganisation *loader[string, []netgraph.Partnership]

	analyses *analysisMemo
}

func newLoaders(s netgraph.Store, e *engine.Engine) *loaders {
	return &loaders{
		analyses:                   newAnalysisMemo(e),
		people:                     newLoader(s.PeopleByID),
		organisations:              newLoader(s.OrganisationsByID),
		networks:                   newLoader(s.NetworksByID),
		affiliationsByPerson:       newLoader(s.AffiliationsByPerson),
		affiliationsByOrganisation: newLoader(s.AffiliationsByOrganisation),
		membershipsByPerson:        newLoader(s.MembershipsByPerson),
		membershipsByNetwork:       newLoader(s.MembershipsByNetwork),
		tiesByPerson:               newLoader(s.TiesByPerson),
		partnershipsByOrganisation: newLoader(s.PartnershipsByOrganisation),
	}
}

// clear forgets everything loaded so far. Mutations call it (through the root
// field middleware) so that what they return reflects their own writes.
func (l *loaders) clear() {
	l.people.clear()
	l.organisations.clear()
	l.networks.clear()
	l.affiliationsByPerson.clear()
	l.affiliationsByOrganisation.clear()
	l.membershipsByPerson.clear()
	l.membershipsByNetwork.clear()
	l.tiesByPerson.clear()
	l.partnershipsByOrganisation.clear()
	l.analyses.clear()
}

type loadersKey struct{}

// withLoaders returns a context carrying a request's loaders.
func withLoaders(ctx context.Context, l *loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// loaders returns the request's loaders. The handler always sets them; a
// context without them (a resolver called directly) gets fresh ones, which
// still work but share no cache.
func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.store, r.engine)
}

// person loads a person that must exist (the end of a tie, affiliation or
// membership); ENOTFOUND if it has gone.
func (r *Resolver) person(ctx context.Context, id string) (*netgraph.Person, error) {
	return existing(ctx, r.loaders(ctx).people, "person", id)
}

// organisation loads an organisation that must exist; ENOTFOUND if it has gone.
func (r *Resolver) organisation(ctx context.Context, id string) (*netgraph.Organisation, error) {
	return existing(ctx, r.loaders(ctx).organisations, "organisation", id)
}

// network loads a network that must exist; ENOTFOUND if it has gone.
func (r *Resolver) network(ctx context.Context, id string) (*netgraph.Network, error) {
	return existing(ctx, r.loaders(ctx).networks, "network", id)
}

// existing loads the entity (a what) with id through l; ENOTFOUND if it has
// gone.
func existing[T any](ctx context.Context, l *loader[string, *T], what, id string) (*T, error) {
	v, err := l.load(ctx, id)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, netgraph.NotFound("", what, id)
	}
	return v, nil
}

// present loads the entities with the given ids through l and drops the ones
// that have gone (nil).
func present[T any](ctx context.Context, l *loader[string, *T], ids []string) ([]*T, error) {
	all, err := l.loadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*T, 0, len(all))
	for _, v := range all {
		if v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// pointers returns pointers to the elements of s, the shape gqlgen's list
// fields take.
func pointers[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}
