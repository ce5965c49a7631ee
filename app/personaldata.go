package app

import (
	"context"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
)

// PersonalDataStore is what the personal-data export reads.
type PersonalDataStore interface {
	Person(ctx context.Context, id string) (*netgraph.Person, error)
	AffiliationsByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Affiliation, error)
	OrganisationsByID(ctx context.Context, ids []string) ([]*netgraph.Organisation, error)
	MembershipsByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Membership, error)
	NetworksByID(ctx context.Context, ids []string) ([]*netgraph.Network, error)
	TiesByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Tie, error)
	AuditEntries(ctx context.Context, f netgraph.AuditFilter, p netgraph.Page) (*netgraph.List[netgraph.AuditEntry], error)
	MembershipRequests(ctx context.Context, f netgraph.MembershipRequestFilter, p netgraph.Page) (*netgraph.List[*netgraph.MembershipRequest], error)
}

// Analyse returns the analysis of a scope (engine.Engine.Analyse, or a
// request's memo of it).
type Analyse func(ctx context.Context, scope engine.Scope) (*engine.Analysis, error)

// PersonalData is everything netgraph holds about one person. Other people
// appear in it by id only, and staff by the role they acted in.
type PersonalData struct {
	ExportedAt time.Time
	Person     *netgraph.Person
	// Affiliations are the person's, each with its organisation's name.
	Affiliations []PersonalAffiliation
	// Memberships are the person's, each with its network's name.
	Memberships []PersonalMembership
	// Ties are the person's ties as the store holds them (both ends by id).
	Ties []netgraph.Tie
	// MembershipRequests are the person's requests to join networks, oldest
	// first, with who decided each named as "staff" (see redactStaff).
	MembershipRequests []PersonalRequest
	// AuditEntries are the entries naming the person's id, newest first,
	// with the staff who made each change named by role only.
	AuditEntries []netgraph.AuditEntry
	// Analyses are the analyses of every scope the person is in: the whole
	// graph, then their networks, then their organisations.
	Analyses []*engine.Analysis
}

// PersonalAffiliation is an affiliation with its organisation's name.
type PersonalAffiliation struct {
	netgraph.Affiliation
	OrganisationName string
}

// PersonalRequest is a membership request with its network's name.
type PersonalRequest struct {
	netgraph.MembershipRequest
	NetworkName string
}

// PersonalMembership is a membership with its network's name.
type PersonalMembership struct {
	netgraph.Membership
	NetworkName string
}

// ExportPersonalData gathers everything netgraph holds about one person, for
// them: the person, their affiliations and memberships with the names of the
// organisations and networks, their ties (other people by id only), their
// membership requests (who decided by "staff" only), the
// audit entries naming them (staff by role only, see redactStaff), and the
// analyses of every scope they are in. ENOTFOUND (field "personId") for an
// unknown person.
func ExportPersonalData(ctx context.Context, s PersonalDataStore, analyse Analyse, personID string, now time.Time) (*PersonalData, error) {
	p, err := s.Person(ctx, personID)
	if netgraph.ErrorCode(err) == netgraph.ENOTFOUND {
		return nil, netgraph.NotFound("personId", "person", personID)
	}
	if err != nil {
		return nil, err
	}
	ids := []string{p.ID}
	out := &PersonalData{ExportedAt: now.UTC(), Person: p}

	affiliations, err := s.AffiliationsByPerson(ctx, ids)
	if err != nil {
		return nil, err
	}
	orgIDs := make([]string, len(affiliations[0]))
	for i, a := range affiliations[0] {
		orgIDs[i] = a.OrganisationID
	}
	orgNames, err := namesOf(ctx, orgIDs, s.OrganisationsByID, func(o *netgraph.Organisation) string { return o.Name })
	if err != nil {
		return nil, err
	}
	for i, a := range affiliations[0] {
		out.Affiliations = append(out.Affiliations, PersonalAffiliation{Affiliation: a, OrganisationName: orgNames[i]})
	}

	memberships, err := s.MembershipsByPerson(ctx, ids)
	if err != nil {
		return nil, err
	}
	netIDs := make([]string, len(memberships[0]))
	for i, m := range memberships[0] {
		netIDs[i] = m.NetworkID
	}
	netNames, err := namesOf(ctx, netIDs, s.NetworksByID, func(n *netgraph.Network) string { return n.Name })
	if err != nil {
		return nil, err
	}
	for i, m := range memberships[0] {
		out.Memberships = append(out.Memberships, PersonalMembership{Membership: m, NetworkName: netNames[i]})
	}

	ties, err := s.TiesByPerson(ctx, ids)
	if err != nil {
		return nil, err
	}
	out.Ties = ties[0]

	requests, err := allRequestsBy(ctx, s, p.ID)
	if err != nil {
		return nil, err
	}
	reqNets := make([]string, len(requests))
	for i, r := range requests {
		reqNets[i] = r.NetworkID
	}
	reqNames, err := namesOf(ctx, reqNets, s.NetworksByID, func(n *netgraph.Network) string { return n.Name })
	if err != nil {
		return nil, err
	}
	out.MembershipRequests = make([]PersonalRequest, len(requests))
	for i, r := range requests {
		if r.DecidedBy != "" && r.DecidedBy != netgraph.AuditSystem {
			r.DecidedBy = "staff" // another person's identity; see redactStaff
		}
		out.MembershipRequests[i] = PersonalRequest{MembershipRequest: *r, NetworkName: reqNames[i]}
	}

	if out.AuditEntries, err = allAuditEntries(ctx, s, netgraph.AuditFilter{ID: p.ID}); err != nil {
		return nil, err
	}
	for i := range out.AuditEntries {
		redactStaff(&out.AuditEntries[i])
	}

	scopes := []engine.Scope{{}}
	for _, id := range netIDs {
		scopes = append(scopes, engine.Scope{NetworkID: id})
	}
	for _, id := range orgIDs {
		scopes = append(scopes, engine.Scope{OrganisationID: id})
	}
	out.Analyses = []*engine.Analysis{}
	for _, sc := range scopes {
		a, err := analyse(ctx, sc)
		if err != nil {
			return nil, err
		}
		if _, ok := a.Person(p.ID); ok {
			out.Analyses = append(out.Analyses, a)
		}
	}
	return out, nil
}

// namesOf returns the names of the entities with the given ids, aligned
// with ids; "" for one that is gone.
func namesOf[E any](ctx context.Context, ids []string, byID func(context.Context, []string) ([]*E, error), name func(*E) string) ([]string, error) {
	entities, err := byID(ctx, ids)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(ids))
	for i, e := range entities {
		if e != nil {
			names[i] = name(e)
		}
	}
	return names, nil
}

// redactStaff replaces who made a change with the role they acted in: the
// export goes to the person it is about, and the staff who changed their
// record are other people, whose identities are theirs (admins read them in
// the audit log). Which changes were made, when, and in what role stays.
func redactStaff(e *netgraph.AuditEntry) {
	if e.Subject == netgraph.AuditSystem {
		return
	}
	e.Subject = "a " + string(e.Role)
	e.RequestID = ""
}

// allAuditEntries returns every audit entry f matches, newest first.
func allAuditEntries(ctx context.Context, s netgraph.AuditLog, f netgraph.AuditFilter) ([]netgraph.AuditEntry, error) {
	return allPages(func(p netgraph.Page) (*netgraph.List[netgraph.AuditEntry], error) { return s.AuditEntries(ctx, f, p) },
		func(e netgraph.AuditEntry) string { return e.ID })
}

// allPages returns every item of a paged list, reading the largest pages;
// id is an item's cursor key.
func allPages[T any](list func(netgraph.Page) (*netgraph.List[T], error), id func(T) string) ([]T, error) {
	out := []T{}
	page := netgraph.Page{First: netgraph.MaxPageSize}
	for {
		l, err := list(page)
		if err != nil {
			return nil, err
		}
		out = append(out, l.Items...)
		if !l.HasNextPage || len(l.Items) == 0 {
			return out, nil
		}
		page.After = id(l.Items[len(l.Items)-1])
	}
}
