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

// partnershipKey returns the file key of the partnership in slot p.
func partnershipKey(ix *index, p int32) []byte {
	r := &ix.parts.items[p]
	return partnershipFileKey(ix.orgs.ids[r.from], ix.orgs.ids[r.to], r.kind)
}

// AddAffiliation records that a person works at an organisation.
func (s *Store) AddAffiliation(ctx context.Context, a netgraph.Affiliation) (*netgraph.Affiliation, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	a.Since = utcPtr(a.Since)
	err := s.mutate(ctx, audit(netgraph.OpAddAffiliation, a.PersonID, a.OrganisationID), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		person, org, err := affEnds(ix, a)
		if err != nil {
			return nil, nil, err
		}
		if _, ok := ix.findAff(person, org); ok {
			return nil, nil, netgraph.Errorf(netgraph.ECONFLICT, "person %q already has an affiliation with organisation %q",
				a.PersonID, a.OrganisationID)
		}
		return writeAffiliation(person, org, a)
	})
	if err != nil {
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
	err := s.mutate(ctx, audit(netgraph.OpUpdateAffiliation, a.PersonID, a.OrganisationID), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		person, org, err := affEnds(ix, a)
		if err != nil {
			return nil, nil, err
		}
		if _, ok := ix.findAff(person, org); !ok {
			return nil, nil, noAffiliation(a.PersonID, a.OrganisationID)
		}
		return writeAffiliation(person, org, a)
	})
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// affEnds returns the slots of an affiliation's person and organisation.
func affEnds(ix *index, a netgraph.Affiliation) (person, org int32, err error) {
	person, ok := ix.people.slot[a.PersonID]
	if !ok {
		return 0, 0, netgraph.NotFound("personId", "person", a.PersonID)
	}
	org, ok = ix.orgs.slot[a.OrganisationID]
	if !ok {
		return 0, 0, netgraph.NotFound("organisationId", "organisation", a.OrganisationID)
	}
	return person, org, nil
}

func writeAffiliation(person, org int32, a netgraph.Affiliation) (func(*bbolt.Tx) error, func(*index), error) {
	return func(tx *bbolt.Tx) error {
			return put(tx, bucketAffiliations, relKey(a.PersonID, a.OrganisationID), encodeRole(a.Role, a.Since))
		}, func(ix *index) {
			ix.putAff(affRec{person: person, org: org, role: a.Role, since: clonePtr(a.Since)})
		}, nil
}

func noAffiliation(personID, orgID string) error {
	return netgraph.Errorf(netgraph.ENOTFOUND, "person %q has no affiliation with organisation %q", personID, orgID)
}

// RemoveAffiliation removes an affiliation; ENOTFOUND if there is none.
func (s *Store) RemoveAffiliation(ctx context.Context, personID, organisationID string) error {
	return s.mutate(ctx, audit(netgraph.OpRemoveAffiliation, personID, organisationID), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		person, org, err := affEnds(ix, netgraph.Affiliation{PersonID: personID, OrganisationID: organisationID})
		if err != nil {
			return nil, nil, err
		}
		slot, ok := ix.findAff(person, org)
		if !ok {
			return nil, nil, noAffiliation(personID, organisationID)
		}
		return func(tx *bbolt.Tx) error {
				return del(tx, bucketAffiliations, relKey(personID, organisationID))
			}, func(ix *index) {
				ix.removeAff(slot)
			}, nil
	})
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
	err := s.mutate(ctx, auditKind(netgraph.OpCreatePartnership, p.From, p.To, p.Kind), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		from, ok := ix.orgs.slot[p.From]
		if !ok {
			return nil, nil, netgraph.NotFound("input.from", "organisation", p.From)
		}
		to, ok := ix.orgs.slot[p.To]
		if !ok {
			return nil, nil, netgraph.NotFound("input.to", "organisation", p.To)
		}
		if _, ok := ix.findPart(from, to, p.Kind); ok {
			return nil, nil, netgraph.Errorf(netgraph.ECONFLICT, "organisations %q and %q already have a %s partnership",
				p.From, p.To, p.Kind)
		}
		return func(tx *bbolt.Tx) error {
				return put(tx, bucketPartnerships, partnershipFileKey(p.From, p.To, p.Kind), encodePartnership(&p))
			}, func(ix *index) {
				ix.putPart(partRec{from: from, to: to, kind: p.Kind, since: clonePtr(p.Since)})
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
	return s.mutate(ctx, auditKind(netgraph.OpRemovePartnership, a, b, kind), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		notFound := netgraph.Errorf(netgraph.ENOTFOUND, "no %s partnership between %q and %q", kind, a, b)
		sa, okA := ix.orgs.slot[a]
		sb, okB := ix.orgs.slot[b]
		if !okA || !okB {
			return nil, nil, notFound
		}
		slot, ok := ix.findPart(sa, sb, kind)
		if !ok {
			return nil, nil, notFound
		}
		key := partnershipKey(ix, slot)
		return func(tx *bbolt.Tx) error {
				return del(tx, bucketPartnerships, key)
			}, func(ix *index) {
				ix.removePart(slot)
			}, nil
	})
}

// PartnershipsByOrganisation returns each organisation's partnerships, by the
// other organisation's id and then kind, aligned with ids.
func (s *Store) PartnershipsByOrganisation(ctx context.Context, organisationIDs []string) ([][]netgraph.Partnership, error) {
	return readByID(ctx, s, &organisations, organisationIDs, func(ix *index, slot int32) []netgraph.Partnership {
		return collectRel(ix.orgs.items[slot].parts, ix.part)
	})
}
