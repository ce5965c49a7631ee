package graph

import (
	"context"
	"errors"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph/model"
)

// auditCursor is the cursor kind of the audit log; its key is an entry's id.
const auditCursor = "audit"

// exportPersonalData gathers everything netgraph holds about one person: the
// person, their affiliations and memberships with the names of the
// organisations and networks, their ties (other people by id only), the
// audit entries naming them, and their figures in every scope they are in.
// ENOTFOUND (field "personId") for an unknown person.
func (r *Resolver) exportPersonalData(ctx context.Context, personID string) (*model.PersonalDataExport, error) {
	p, err := r.store.Person(ctx, personID)
	if netgraph.ErrorCode(err) == netgraph.ENOTFOUND {
		return nil, netgraph.NotFound("personId", "person", personID)
	}
	if err != nil {
		return nil, err
	}
	ids := []string{p.ID}
	out := &model.PersonalDataExport{ExportedAt: time.Now().UTC(), Person: p}

	affiliations, err := r.store.AffiliationsByPerson(ctx, ids)
	if err != nil {
		return nil, err
	}
	var orgIDs []string
	for _, a := range affiliations[0] {
		orgIDs = append(orgIDs, a.OrganisationID)
	}
	orgs, err := r.store.OrganisationsByID(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	out.Affiliations = make([]*model.PersonalAffiliation, len(orgIDs))
	for i, a := range affiliations[0] {
		out.Affiliations[i] = &model.PersonalAffiliation{OrganisationID: a.OrganisationID, Role: a.Role, Since: a.Since}
		if orgs[i] != nil {
			out.Affiliations[i].OrganisationName = orgs[i].Name
		}
	}

	memberships, err := r.store.MembershipsByPerson(ctx, ids)
	if err != nil {
		return nil, err
	}
	var netIDs []string
	for _, m := range memberships[0] {
		netIDs = append(netIDs, m.NetworkID)
	}
	nets, err := r.store.NetworksByID(ctx, netIDs)
	if err != nil {
		return nil, err
	}
	out.Memberships = make([]*model.PersonalMembership, len(netIDs))
	for i, m := range memberships[0] {
		out.Memberships[i] = &model.PersonalMembership{NetworkID: m.NetworkID, Role: m.Role, Since: m.Since}
		if nets[i] != nil {
			out.Memberships[i].NetworkName = nets[i].Name
		}
	}

	ties, err := r.store.TiesByPerson(ctx, ids)
	if err != nil {
		return nil, err
	}
	out.Ties = pointers(ties[0])

	if out.AuditEntries, err = r.allAuditEntries(ctx, netgraph.AuditFilter{ID: p.ID}); err != nil {
		return nil, err
	}
	for _, e := range out.AuditEntries {
		redactStaff(e)
	}

	scopes := []engine.Scope{{}}
	for _, id := range netIDs {
		scopes = append(scopes, engine.Scope{NetworkID: id})
	}
	for _, id := range orgIDs {
		scopes = append(scopes, engine.Scope{OrganisationID: id})
	}
	out.Metrics = []*model.PersonMetrics{}
	for _, s := range scopes {
		a, err := r.loaders(ctx).analyses.get(ctx, s)
		if err != nil {
			return nil, err
		}
		if pm, ok := a.Person(p.ID); ok {
			out.Metrics = append(out.Metrics, personMetrics(a, &pm))
		}
	}
	return out, nil
}

// redactStaff replaces who made a change with the role they acted in: the
// export goes to the person it is about, and the staff who changed their
// record are other people, whose identities are theirs (admins read them in
// auditLog). Which changes were made, when, and in what role stays.
func redactStaff(e *netgraph.AuditEntry) {
	if e.Subject == netgraph.AuditSystem {
		return
	}
	e.Subject = "a " + string(e.Role)
	e.RequestID = ""
}

// allAuditEntries returns every audit entry f matches, newest first.
func (r *Resolver) allAuditEntries(ctx context.Context, f netgraph.AuditFilter) ([]*netgraph.AuditEntry, error) {
	out := []*netgraph.AuditEntry{}
	page := netgraph.Page{First: netgraph.MaxPageSize}
	for {
		l, err := r.store.AuditEntries(ctx, f, page)
		if err != nil {
			return nil, err
		}
		out = append(out, pointers(l.Items)...)
		if !l.HasNextPage || len(l.Items) == 0 {
			return out, nil
		}
		page.After = l.Items[len(l.Items)-1].ID
	}
}

// auditLog returns a page of the audit log, newest first.
func (r *Resolver) auditLog(ctx context.Context, first *int32, after *string, filter *netgraph.AuditFilter) (*model.AuditEntryConnection, error) {
	p, err := pageArgs(auditCursor, first, after)
	if err != nil {
		return nil, err
	}
	f := value(filter)
	if err := f.Validate(); err != nil {
		return nil, withFieldPrefix(err, "filter")
	}
	l, err := r.store.AuditEntries(ctx, f, p)
	if err != nil {
		return nil, err
	}
	c := &model.AuditEntryConnection{Edges: make([]*model.AuditEntryEdge, len(l.Items)), TotalCount: int32(l.TotalCount)}
	last := ""
	for i := range l.Items {
		last = encodeCursor(auditCursor, l.Items[i].ID)
		c.Edges[i] = &model.AuditEntryEdge{Cursor: last, Node: &l.Items[i]}
	}
	c.PageInfo = pageInfo(l.HasNextPage, last)
	return c, nil
}

// recordIntroduction records that a was introduced to b: an INTRODUCED tie.
// Errors name the mutation's arguments; ECONFLICT if the two have been
// introduced already.
func (r *Resolver) recordIntroduction(ctx context.Context, a, b string, strength *float64) (*netgraph.Tie, error) {
	t, err := r.store.Connect(ctx, netgraph.TieCreate{From: a, To: b, Kind: netgraph.TieIntroduced, Strength: strength})
	switch {
	case err == nil:
		return t, nil
	case netgraph.ErrorCode(err) == netgraph.ECONFLICT:
		return nil, netgraph.Errorf(netgraph.ECONFLICT, "%s and %s have been introduced already", a, b)
	}
	var de *netgraph.Error
	if errors.As(err, &de) {
		switch de.Field {
		case "input.from":
			return nil, onField(de, "a")
		case "input.to":
			return nil, onField(de, "b")
		case "input.strength":
			return nil, onField(de, "strength")
		}
	}
	return nil, err
}

// withFieldPrefix returns err with the field of its domain error put under
// an argument: "operation" becomes "filter.operation".
func withFieldPrefix(err error, arg string) error {
	var de *netgraph.Error
	if !errors.As(err, &de) {
		return err
	}
	if de.Field == "" {
		return onField(de, arg)
	}
	return onField(de, arg+"."+de.Field)
}

// onField returns a copy of e about field.
func onField(e *netgraph.Error, field string) *netgraph.Error {
	c := *e
	c.Field = field
	return &c
}
