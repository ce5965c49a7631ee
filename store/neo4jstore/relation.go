package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

// relation describes one kind of relationship between two nodes. Affiliations
// and memberships are identified by their two ends (at most one per pair);
// ties and partnerships by their key (at most one per unordered pair and
// kind), so they have a key and no update statement.
type relation struct {
	what               string // "affiliation", for messages
	fromWhat, toWhat   string // what the ends are: "person", "organisation"
	fromField, toField string // the input fields naming the ends
	keyed              bool

	find   statement // fromFound, toFound, relFound
	create statement // MERGE; returns fromId, toId, rel
	update statement // pair relations only
	remove statement // returns deleted
}

var (
	affiliations = relation{
		what: "affiliation", fromWhat: "person", toWhat: "organisation",
		fromField: "personId", toField: "organisationId",
		find: mustStatement("affiliation_find"), create: mustStatement("affiliation_create"),
		update: mustStatement("affiliation_update"), remove: mustStatement("affiliation_remove"),
	}
	memberships = relation{
		what: "membership", fromWhat: "person", toWhat: "network",
		fromField: "personId", toField: "networkId",
		find: mustStatement("membership_find"), create: mustStatement("membership_create"),
		update: mustStatement("membership_update"), remove: mustStatement("membership_remove"),
	}
	ties = relation{
		what: "tie", fromWhat: "person", toWhat: "person",
		fromField: "from", toField: "to", keyed: true,
		find: mustStatement("tie_find"), create: mustStatement("tie_create"),
		remove: mustStatement("tie_delete"),
	}
	partnerships = relation{
		what: "partnership", fromWhat: "organisation", toWhat: "organisation",
		fromField: "from", toField: "to", keyed: true,
		find: mustStatement("partnership_find"), create: mustStatement("partnership_create"),
		remove: mustStatement("partnership_delete"),
	}
)

// By-owner reads: each returns owner, fromId, toId, rel.
var (
	qAffiliationsByPerson       = mustStatement("affiliations_by_person")
	qAffiliationsByOrganisation = mustStatement("affiliations_by_organisation")
	qMembershipsByPerson        = mustStatement("memberships_by_person")
	qMembershipsByNetwork       = mustStatement("memberships_by_network")
	qTiesByPerson               = mustStatement("ties_by_person")
	qPartnershipsByOrganisation = mustStatement("partnerships_by_organisation")
)

// A tie is read and replaced by its key (UpdateTie).
var (
	qTieGet     = mustStatement("tie_get")
	qTieReplace = mustStatement("tie_replace")
)

// ends are the parameters naming a relationship: its two ends and, for keyed
// relations, its key.
func (r relation) ends(from, to, key string) map[string]any {
	m := map[string]any{"fromId": from, "toId": to}
	if r.keyed {
		m["key"] = key
	}
	return m
}

// add creates a relationship after checking, under the write lock, that both
// ends exist (ENOTFOUND) and that it does not (ECONFLICT).
func (r relation) add(from, to, key string, props map[string]any) writeWork[relRow] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (relRow, bool, error) {
		params := r.ends(from, to, key)
		recs, err := run(ctx, tx, r.find, params)
		if err != nil {
			return relRow{}, false, err
		}
		if err := r.checkAbsent(recs, from, to); err != nil {
			return relRow{}, false, err
		}
		params["props"] = props
		recs, err = run(ctx, tx, r.create, params)
		if err != nil {
			return relRow{}, false, err
		}
		row, err := firstRelRow(r.create, recs)
		return row, err == nil, err
	}
}

// checkAbsent reads the result of a find statement.
func (r relation) checkAbsent(recs []*neo4j.Record, from, to string) error {
	if len(recs) != 1 {
		return fmt.Errorf("%s returned %d records, want 1", r.find.name, len(recs))
	}
	fromFound, err := value[bool](recs[0], "fromFound")
	if err != nil {
		return err
	}
	toFound, err := value[bool](recs[0], "toFound")
	if err != nil {
		return err
	}
	exists, err := value[bool](recs[0], "relFound")
	switch {
	case err != nil:
		return err
	case !fromFound:
		return netgraph.NotFound(r.fromField, r.fromWhat, from)
	case !toFound:
		return netgraph.NotFound(r.toField, r.toWhat, to)
	case exists && r.keyed:
		return netgraph.Errorf(netgraph.ECONFLICT, "%s %q and %s %q already have a %s of that kind",
			r.fromWhat, from, r.toWhat, to, r.what)
	case exists:
		return netgraph.Errorf(netgraph.ECONFLICT, "%s %q already has a %s with %s %q",
			r.fromWhat, from, r.what, r.toWhat, to)
	}
	return nil
}

// replace replaces the properties of the pair relation between from and to;
// ENOTFOUND if there is none.
func (r relation) replace(from, to string, props map[string]any) writeWork[relRow] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (relRow, bool, error) {
		params := r.ends(from, to, "")
		params["props"] = props
		recs, err := run(ctx, tx, r.update, params)
		if err != nil {
			return relRow{}, false, err
		}
		if len(recs) == 0 {
			return relRow{}, false, r.notFound(from, to)
		}
		row, err := firstRelRow(r.update, recs)
		return row, err == nil, err
	}
}

// delete removes the relationship named by its ends or key; ENOTFOUND if
// there is none.
func (r relation) delete(from, to, key string) writeWork[struct{}] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, bool, error) {
		n, err := count(ctx, tx, r.remove, "deleted", r.ends(from, to, key))
		if err == nil && n == 0 {
			err = r.notFound(from, to)
		}
		return struct{}{}, err == nil, err
	}
}

func (r relation) notFound(from, to string) error {
	return netgraph.Errorf(netgraph.ENOTFOUND, "no %s between %s %q and %s %q", r.what, r.fromWhat, from, r.toWhat, to)
}

func firstRelRow(q statement, recs []*neo4j.Record) (relRow, error) {
	if len(recs) == 0 {
		return relRow{}, fmt.Errorf("%s returned no record", q.name)
	}
	return relRowFrom(recs[0])
}

// relationsBy reads with a by-owner statement, in one round trip, each
// owner's relations, aligned with ids, in the statement's order.
func relationsBy[T any](q statement, ids []string, conv func(relRow) (T, error)) readWork[[][]T] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) ([][]T, error) {
		out := make([][]T, len(ids))
		if len(ids) == 0 {
			return out, nil
		}
		recs, err := run(ctx, tx, q, map[string]any{"ids": distinct(ids)})
		if err != nil {
			return nil, err
		}
		byOwner := make(map[string][]T)
		for _, rec := range recs {
			row, err := relRowFrom(rec)
			if err != nil {
				return nil, err
			}
			v, err := conv(row)
			if err != nil {
				return nil, err
			}
			byOwner[row.owner] = append(byOwner[row.owner], v)
		}
		for i, id := range ids {
			out[i] = byOwner[id]
		}
		return out, nil
	}
}

// writeRelation runs a relation write and converts the row it returns.
func writeRelation[T any](ctx context.Context, s *Store, op string, entry *netgraph.AuditEntry, work writeWork[relRow], conv func(relRow) (T, error)) (*T, error) {
	return asPtr(conv)(write(ctx, s, op, entry, work))
}

// AddAffiliation records that a person works at an organisation; ECONFLICT
// if already recorded, ENOTFOUND if either is unknown.
func (s *Store) AddAffiliation(ctx context.Context, a netgraph.Affiliation) (*netgraph.Affiliation, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return writeRelation(ctx, s, "add affiliation", s.audit(ctx, netgraph.OpAddAffiliation, a.PersonID, a.OrganisationID), affiliations.add(a.PersonID, a.OrganisationID, "", affiliationProps(&a)), affiliationFrom)
}

// UpdateAffiliation replaces the role and since of an existing affiliation.
func (s *Store) UpdateAffiliation(ctx context.Context, a netgraph.Affiliation) (*netgraph.Affiliation, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return writeRelation(ctx, s, "update affiliation", s.audit(ctx, netgraph.OpUpdateAffiliation, a.PersonID, a.OrganisationID), affiliations.replace(a.PersonID, a.OrganisationID, affiliationProps(&a)), affiliationFrom)
}

// RemoveAffiliation removes an affiliation; ENOTFOUND if there is none.
func (s *Store) RemoveAffiliation(ctx context.Context, personID, organisationID string) error {
	_, err := write(ctx, s, "remove affiliation", s.audit(ctx, netgraph.OpRemoveAffiliation, personID, organisationID), affiliations.delete(personID, organisationID, ""))
	return err
}

// AffiliationsByPerson returns each person's affiliations by organisation id.
func (s *Store) AffiliationsByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Affiliation, error) {
	return read(ctx, s, "read affiliations by person", relationsBy(qAffiliationsByPerson, personIDs, affiliationFrom))
}

// AffiliationsByOrganisation returns each organisation's affiliations by person id.
func (s *Store) AffiliationsByOrganisation(ctx context.Context, organisationIDs []string) ([][]netgraph.Affiliation, error) {
	return read(ctx, s, "read affiliations by organisation", relationsBy(qAffiliationsByOrganisation, organisationIDs, affiliationFrom))
}

// AddMembership adds a person to a network; ECONFLICT if already a member.
func (s *Store) AddMembership(ctx context.Context, m netgraph.Membership) (*netgraph.Membership, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return writeRelation(ctx, s, "add membership", s.audit(ctx, netgraph.OpAddMembership, m.PersonID, m.NetworkID), memberships.add(m.PersonID, m.NetworkID, "", membershipProps(&m)), membershipFrom)
}

// UpdateMembership replaces the role and since of an existing membership.
func (s *Store) UpdateMembership(ctx context.Context, m netgraph.Membership) (*netgraph.Membership, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return writeRelation(ctx, s, "update membership", s.audit(ctx, netgraph.OpUpdateMembership, m.PersonID, m.NetworkID), memberships.replace(m.PersonID, m.NetworkID, membershipProps(&m)), membershipFrom)
}

// RemoveMembership removes a membership; ENOTFOUND if there is none.
func (s *Store) RemoveMembership(ctx context.Context, personID, networkID string) error {
	_, err := write(ctx, s, "remove membership", s.audit(ctx, netgraph.OpRemoveMembership, personID, networkID), memberships.delete(personID, networkID, ""))
	return err
}

// MembershipsByPerson returns each person's memberships by network id.
func (s *Store) MembershipsByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Membership, error) {
	return read(ctx, s, "read memberships by person", relationsBy(qMembershipsByPerson, personIDs, membershipFrom))
}

// MembershipsByNetwork returns each network's memberships by person id.
func (s *Store) MembershipsByNetwork(ctx context.Context, networkIDs []string) ([][]netgraph.Membership, error) {
	return read(ctx, s, "read memberships by network", relationsBy(qMembershipsByNetwork, networkIDs, membershipFrom))
}

// CreatePartnership links two organisations; ECONFLICT if the pair already
// has a partnership of that kind, ENOTFOUND if either is unknown.
func (s *Store) CreatePartnership(ctx context.Context, p netgraph.Partnership) (*netgraph.Partnership, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return writeRelation(ctx, s, "create partnership", s.auditKind(ctx, netgraph.OpCreatePartnership, p.From, p.To, string(p.Kind)), partnerships.add(p.From, p.To, partnershipKey(p.From, p.To, p.Kind), partnershipProps(&p)), partnershipFrom)
}

// RemovePartnership removes the partnership of kind between a and b, in
// either order; ENOTFOUND if there is none.
func (s *Store) RemovePartnership(ctx context.Context, a, b string, kind netgraph.PartnershipKind) error {
	_, err := write(ctx, s, "remove partnership", s.auditKind(ctx, netgraph.OpRemovePartnership, a, b, string(kind)), partnerships.delete(a, b, partnershipKey(a, b, kind)))
	return err
}

// PartnershipsByOrganisation returns each organisation's partnerships by the
// other organisation's id, then kind.
func (s *Store) PartnershipsByOrganisation(ctx context.Context, organisationIDs []string) ([][]netgraph.Partnership, error) {
	return read(ctx, s, "read partnerships by organisation", relationsBy(qPartnershipsByOrganisation, organisationIDs, partnershipFrom))
}

// Connect creates a tie; ECONFLICT if the pair already has a tie of that
// kind, ENOTFOUND if either person is unknown.
func (s *Store) Connect(ctx context.Context, c netgraph.TieCreate) (*netgraph.Tie, error) {
	t, err := c.NewTie(s.now())
	if err != nil {
		return nil, err
	}
	return writeRelation(ctx, s, "connect", s.auditKind(ctx, netgraph.OpConnect, t.From, t.To, string(t.Kind)), ties.add(t.From, t.To, tieKey(t.Key()), tieProps(t)), tieFrom)
}

// UpdateTie changes an existing tie; ENOTFOUND if there is none.
func (s *Store) UpdateTie(ctx context.Context, k netgraph.TieKey, u netgraph.TieUpdate) (*netgraph.Tie, error) {
	return writeRelation(ctx, s, "update tie", s.auditKind(ctx, netgraph.OpUpdateTie, k.A, k.B, string(k.Kind)), updateTie(k, u), tieFrom)
}

// updateTie applies the domain's TieUpdate to the tie k names, whichever
// direction it is stored in.
func updateTie(k netgraph.TieKey, u netgraph.TieUpdate) writeWork[relRow] {
	key := tieKey(k)
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (relRow, bool, error) {
		recs, err := run(ctx, tx, qTieGet, map[string]any{"key": key})
		if err != nil {
			return relRow{}, false, err
		}
		if len(recs) == 0 {
			return relRow{}, false, ties.notFound(k.A, k.B)
		}
		cur, err := asPtr(tieFrom)(relRowFrom(recs[0]))
		if err != nil {
			return relRow{}, false, err
		}
		next, err := u.Apply(cur)
		if err != nil {
			return relRow{}, false, err
		}
		recs, err = run(ctx, tx, qTieReplace, map[string]any{"key": key, "props": tieProps(next)})
		if err != nil {
			return relRow{}, false, err
		}
		row, err := firstRelRow(qTieReplace, recs)
		return row, err == nil, err
	}
}

// Disconnect removes a tie; ENOTFOUND if there is none.
func (s *Store) Disconnect(ctx context.Context, k netgraph.TieKey) error {
	_, err := write(ctx, s, "disconnect", s.auditKind(ctx, netgraph.OpDisconnect, k.A, k.B, string(k.Kind)), ties.delete(k.A, k.B, tieKey(k)))
	return err
}

// TiesByPerson returns each person's ties by the other person's id, then kind.
func (s *Store) TiesByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Tie, error) {
	return read(ctx, s, "read ties by person", relationsBy(qTiesByPerson, personIDs, tieFrom))
}

// asPtr adapts a row conversion to the (row, error) a write returns, giving
// a pointer to the result.
func asPtr[T any](conv func(relRow) (T, error)) func(relRow, error) (*T, error) {
	return func(row relRow, err error) (*T, error) {
		if err != nil {
			return nil, err
		}
		v, err := conv(row)
		if err != nil {
			return nil, err
		}
		return &v, nil
	}
}
