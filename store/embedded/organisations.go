package embedded

import (
	"context"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// CreateOrganisation validates c and stores a new organisation. If
// c.ExternalID names an existing organisation, that one is returned and
// nothing changes.
func (s *Store) CreateOrganisation(ctx context.Context, c netgraph.OrganisationCreate) (*netgraph.Organisation, error) {
	id := netgraph.NewID(netgraph.OrganisationIDPrefix)
	return createEntity(ctx, s, &organisations, audit(netgraph.OpCreateOrganisation, id), func() (*netgraph.Organisation, error) {
		return c.NewOrganisation(id, s.now())
	})
}

// Organisation returns one organisation; ENOTFOUND if unknown.
func (s *Store) Organisation(ctx context.Context, id string) (*netgraph.Organisation, error) {
	return getEntity(ctx, s, &organisations, id)
}

// OrganisationByExternalID returns the organisation with that external id.
func (s *Store) OrganisationByExternalID(ctx context.Context, externalID string) (*netgraph.Organisation, error) {
	return getByExternalID(ctx, s, &organisations, externalID)
}

// OrganisationsByID returns the organisations with the given ids, nil where
// unknown.
func (s *Store) OrganisationsByID(ctx context.Context, ids []string) ([]*netgraph.Organisation, error) {
	return readByID(ctx, s, &organisations, ids, organisations.get)
}

// Organisations lists the organisations f matches, in creation (id) order.
func (s *Store) Organisations(ctx context.Context, f netgraph.OrganisationFilter, p netgraph.Page) (*netgraph.List[*netgraph.Organisation], error) {
	return readList(ctx, s, p, func(ix *index, p netgraph.Page) *netgraph.List[*netgraph.Organisation] {
		return ix.listOrgs(f, p)
	})
}

// UpdateOrganisation changes an organisation; ENOTFOUND if unknown.
func (s *Store) UpdateOrganisation(ctx context.Context, id string, u netgraph.OrganisationUpdate) (*netgraph.Organisation, error) {
	return updateEntity(ctx, s, &organisations, audit(netgraph.OpUpdateOrganisation, id), id, func(o *netgraph.Organisation) (*netgraph.Organisation, error) {
		return u.Apply(o, s.now())
	})
}

// DeleteOrganisation removes an organisation with its affiliations and
// partnerships; the people stay.
func (s *Store) DeleteOrganisation(ctx context.Context, id string) error {
	return deleteEntity(ctx, s, &organisations, audit(netgraph.OpDeleteOrganisation, id), id)
}

// AddAffiliation records that a person works at an organisation.
func (s *Store) AddAffiliation(ctx context.Context, a netgraph.Affiliation) (*netgraph.Affiliation, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	a.Since = utcPtr(a.Since)
	if err := s.addRole(ctx, &affiliations, affiliationRel(a)); err != nil {
		return nil, err
	}
	return &a, nil
}

// UpdateAffiliation replaces the role and since of an existing affiliation.
func (s *Store) UpdateAffiliation(ctx context.Context, a netgraph.Affiliation) (*netgraph.Affiliation, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	a.Since = utcPtr(a.Since)
	if err := s.updateRole(ctx, &affiliations, affiliationRel(a)); err != nil {
		return nil, err
	}
	return &a, nil
}

// RemoveAffiliation removes an affiliation; ENOTFOUND if there is none.
func (s *Store) RemoveAffiliation(ctx context.Context, personID, organisationID string) error {
	return s.removeRole(ctx, &affiliations, personID, organisationID)
}

func affiliationRel(a netgraph.Affiliation) roleRel {
	return roleRel{person: a.PersonID, other: a.OrganisationID, role: a.Role, since: a.Since}
}

// aff returns the affiliation in slot s.
func (ix *index) aff(s int32) netgraph.Affiliation {
	r := ix.rel(&affiliations, s)
	return netgraph.Affiliation{PersonID: r.person, OrganisationID: r.other, Role: r.role, Since: r.since}
}

// AffiliationsByPerson returns each person's affiliations, in organisation id
// order, aligned with ids.
func (s *Store) AffiliationsByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Affiliation, error) {
	return readByID(ctx, s, &people, personIDs, func(ix *index, slot int32) []netgraph.Affiliation {
		return collectRel(ix.people.items[slot].affs, ix.aff)
	})
}

// AffiliationsByOrganisation returns each organisation's affiliations, in
// person id order, aligned with ids.
func (s *Store) AffiliationsByOrganisation(ctx context.Context, organisationIDs []string) ([][]netgraph.Affiliation, error) {
	return readByID(ctx, s, &organisations, organisationIDs, func(ix *index, slot int32) []netgraph.Affiliation {
		return collectRel(ix.orgs.items[slot].affs, ix.aff)
	})
}

// collectRel returns the relations in slots, or nil for none.
func collectRel[T any](slots []int32, get func(int32) T) []T {
	if len(slots) == 0 {
		return nil
	}
	out := make([]T, len(slots))
	for i, s := range slots {
		out[i] = get(s)
	}
	return out
}

// CreatePartnership links two organisations; ECONFLICT if the pair already
// has a partnership of that kind, whichever way round.
func (s *Store) CreatePartnership(ctx context.Context, p netgraph.Partnership) (*netgraph.Partnership, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p.Since = utcPtr(p.Since)
	err := s.mutate(ctx, auditKind(netgraph.OpCreatePartnership, p.From, p.To, p.Kind), func(ix *index) (change, error) {
		from, ok := ix.orgs.slot[p.From]
		if !ok {
			return change{}, netgraph.NotFound("from", "organisation", p.From)
		}
		to, ok := ix.orgs.slot[p.To]
		if !ok {
			return change{}, netgraph.NotFound("to", "organisation", p.To)
		}
		if _, ok := partnerships.find(ix, from, to, p.Kind); ok {
			return change{}, netgraph.Errorf(netgraph.ECONFLICT, "organisations %q and %q already have a %s partnership",
				p.From, p.To, p.Kind)
		}
		return change{
			write: func(tx *bbolt.Tx) error {
				return put(tx, bucketPartnerships, partnershipFileKey(p.From, p.To, p.Kind), encodePartnership(&p))
			},
			apply: func(ix *index) {
				partnerships.put(ix, partRec{from: from, to: to, kind: p.Kind, since: clonePtr(p.Since)})
			},
		}, nil
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// RemovePartnership removes the partnership of kind between two
// organisations, named in either order; ENOTFOUND if there is none.
func (s *Store) RemovePartnership(ctx context.Context, a, b string, kind netgraph.PartnershipKind) error {
	return s.mutate(ctx, auditKind(netgraph.OpRemovePartnership, a, b, kind), func(ix *index) (change, error) {
		notFound := netgraph.Errorf(netgraph.ENOTFOUND, "no %s partnership between %q and %q", kind, a, b)
		sa, okA := ix.orgs.slot[a]
		sb, okB := ix.orgs.slot[b]
		if !okA || !okB {
			return change{}, notFound
		}
		slot, ok := partnerships.find(ix, sa, sb, kind)
		if !ok {
			return change{}, notFound
		}
		return partnerships.removal(ix, slot), nil
	})
}

// PartnershipsByOrganisation returns each organisation's partnerships, by the
// other organisation's id and then kind, aligned with ids.
func (s *Store) PartnershipsByOrganisation(ctx context.Context, organisationIDs []string) ([][]netgraph.Partnership, error) {
	return readByID(ctx, s, &organisations, organisationIDs, func(ix *index, slot int32) []netgraph.Partnership {
		return collectRel(ix.orgs.items[slot].parts, ix.part)
	})
}
