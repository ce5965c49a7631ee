package neo4jstore

import (
	"context"

	"github.com/netgraph/netgraph"
)

// CreateOrganisation validates c and stores the new organisation; if
// c.ExternalID names an existing organisation, that one is returned unchanged.
func (s *Store) CreateOrganisation(ctx context.Context, c netgraph.OrganisationCreate) (*netgraph.Organisation, error) {
	o, err := c.NewOrganisation(netgraph.NewID(netgraph.OrganisationIDPrefix), s.now())
	if err != nil {
		return nil, err
	}
	return write(ctx, s, "create organisation", s.audit(ctx, netgraph.OpCreateOrganisation, o.ID), createEntity(organisations, o))
}

// Organisation returns one organisation; ENOTFOUND if unknown.
func (s *Store) Organisation(ctx context.Context, id string) (*netgraph.Organisation, error) {
	return read(ctx, s, "read organisation", getEntity(organisations, id))
}

// OrganisationByExternalID returns the organisation with that external id.
func (s *Store) OrganisationByExternalID(ctx context.Context, externalID string) (*netgraph.Organisation, error) {
	return read(ctx, s, "read organisation by external id", entityByExternalID(organisations, externalID))
}

// OrganisationsByID returns the organisations with the given ids, aligned with ids.
func (s *Store) OrganisationsByID(ctx context.Context, ids []string) ([]*netgraph.Organisation, error) {
	return read(ctx, s, "read organisations by id", entitiesByID(organisations, ids))
}

// Organisations lists organisations matching f in creation order.
func (s *Store) Organisations(ctx context.Context, f netgraph.OrganisationFilter, p netgraph.Page) (*netgraph.List[*netgraph.Organisation], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return read(ctx, s, "list organisations", listEntities(organisations, map[string]any{
		"sector":       optString(string(f.Sector)),
		"nameContains": optLower(f.NameContains),
		"region":       optLower(f.Region),
	}, p))
}

// UpdateOrganisation changes an organisation; ENOTFOUND if unknown.
func (s *Store) UpdateOrganisation(ctx context.Context, id string, u netgraph.OrganisationUpdate) (*netgraph.Organisation, error) {
	now := s.now()
	return write(ctx, s, "update organisation", s.audit(ctx, netgraph.OpUpdateOrganisation, id), updateEntity(organisations, id, func(o *netgraph.Organisation) (*netgraph.Organisation, error) {
		return u.Apply(o, now)
	}))
}

// DeleteOrganisation removes an organisation with its affiliations and
// partnerships; the people stay.
func (s *Store) DeleteOrganisation(ctx context.Context, id string) error {
	_, err := write(ctx, s, "delete organisation", s.audit(ctx, netgraph.OpDeleteOrganisation, id), deleteEntity(organisations, id))
	return err
}
