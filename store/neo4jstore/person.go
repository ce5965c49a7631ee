package neo4jstore

import (
	"context"

	"github.com/netgraph/netgraph"
)

// CreatePerson validates c and stores the new person; if c.ExternalID names
// an existing person, that person is returned unchanged.
func (s *Store) CreatePerson(ctx context.Context, c netgraph.PersonCreate) (*netgraph.Person, error) {
	p, err := c.NewPerson(netgraph.NewID(netgraph.PersonIDPrefix), s.now())
	if err != nil {
		return nil, err
	}
	return write(ctx, s, "create person", s.audit(ctx, netgraph.OpCreatePerson, p.ID), createEntity(people, p))
}

// Person returns one person; ENOTFOUND if unknown.
func (s *Store) Person(ctx context.Context, id string) (*netgraph.Person, error) {
	return read(ctx, s, "read person", getEntity(people, id))
}

// PersonByExternalID returns the person with that external id.
func (s *Store) PersonByExternalID(ctx context.Context, externalID string) (*netgraph.Person, error) {
	return read(ctx, s, "read person by external id", entityByExternalID(people, externalID))
}

// PeopleByID returns the people with the given ids, aligned with ids.
func (s *Store) PeopleByID(ctx context.Context, ids []string) ([]*netgraph.Person, error) {
	return read(ctx, s, "read people by id", entitiesByID(people, ids))
}

// People lists people matching f in creation order.
func (s *Store) People(ctx context.Context, f netgraph.PersonFilter, p netgraph.Page) (*netgraph.List[*netgraph.Person], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return read(ctx, s, "list people", listEntities(people, map[string]any{
		"organisationId": optString(f.OrganisationID),
		"networkId":      optString(f.NetworkID),
		"nameContains":   optLower(f.NameContains),
		"profession":     optLower(f.Profession),
		"region":         optLower(f.Region),
		"interest":       optLower(f.Interest),
	}, p))
}

// UpdatePerson changes a person; ENOTFOUND if unknown.
func (s *Store) UpdatePerson(ctx context.Context, id string, u netgraph.PersonUpdate) (*netgraph.Person, error) {
	if u.Empty() { // nothing to write, audit or version
		return s.Person(ctx, id)
	}
	now := s.now()
	return write(ctx, s, "update person", s.audit(ctx, netgraph.OpUpdatePerson, id), updateEntity(people, id, func(p *netgraph.Person) (*netgraph.Person, error) {
		return u.Apply(p, now)
	}))
}

// DeletePerson erases a person with their ties, affiliations and memberships.
func (s *Store) DeletePerson(ctx context.Context, id string) error {
	_, err := write(ctx, s, "delete person", s.audit(ctx, netgraph.OpDeletePerson, id),
		withRequestsDeleted(deleteEntity(people, id), qRequestsDeletePerson, id))
	return err
}
