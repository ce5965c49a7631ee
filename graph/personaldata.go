package graph

import (
	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/graph/model"
)

// auditCursor is the cursor kind of the audit log; its key is an entry's id.
const auditCursor = "audit"

// personalDataExport maps app.ExportPersonalData's result to the schema's
// PersonalDataExport.
func personalDataExport(d *app.PersonalData) *model.PersonalDataExport {
	out := &model.PersonalDataExport{ExportedAt: d.ExportedAt, Person: d.Person,
		Affiliations:       make([]*model.PersonalAffiliation, len(d.Affiliations)),
		Memberships:        make([]*model.PersonalMembership, len(d.Memberships)),
		MembershipRequests: make([]*model.PersonalMembershipRequest, len(d.MembershipRequests)),
		Ties:               pointers(d.Ties),
		AuditEntries:       pointers(d.AuditEntries),
		Metrics:            []*model.PersonMetrics{},
	}
	for i, a := range d.Affiliations {
		out.Affiliations[i] = &model.PersonalAffiliation{OrganisationID: a.OrganisationID,
			OrganisationName: a.OrganisationName, Role: a.Role, Since: a.Since}
	}
	for i, m := range d.Memberships {
		out.Memberships[i] = &model.PersonalMembership{NetworkID: m.NetworkID, NetworkName: m.NetworkName,
			Role: m.Role, Since: m.Since}
	}
	for i, r := range d.MembershipRequests {
		out.MembershipRequests[i] = &model.PersonalMembershipRequest{ID: r.ID, NetworkID: r.NetworkID, NetworkName: r.NetworkName,
			Message: r.Message, Status: r.Status, CreatedAt: r.CreatedAt, DecidedAt: r.DecidedAt, Reason: r.Reason}
	}
	for _, a := range d.Analyses {
		if pm, ok := a.Person(d.Person.ID); ok {
			out.Metrics = append(out.Metrics, personMetrics(a, &pm))
		}
	}
	return out
}

// requestCursor is the cursor kind of membership requests; its key is a
// request's id.
const requestCursor = "request"

// membershipRequestConnection maps a page of membership requests to its
// connection.
func membershipRequestConnection(l *netgraph.List[*netgraph.MembershipRequest]) *model.MembershipRequestConnection {
	e, info := pageEdges(l, requestCursor, func(i int) string { return l.Items[i].ID },
		func(i int, c string) *model.MembershipRequestEdge {
			return &model.MembershipRequestEdge{Cursor: c, Node: l.Items[i]}
		})
	return &model.MembershipRequestConnection{Edges: e, PageInfo: info, TotalCount: int32(l.TotalCount)}
}

// auditEntryConnection maps a page of the audit log to its connection.
func auditEntryConnection(l *netgraph.List[netgraph.AuditEntry]) *model.AuditEntryConnection {
	e, info := pageEdges(l, auditCursor, func(i int) string { return l.Items[i].ID },
		func(i int, c string) *model.AuditEntryEdge {
			return &model.AuditEntryEdge{Cursor: c, Node: &l.Items[i]}
		})
	return &model.AuditEntryConnection{Edges: e, PageInfo: info, TotalCount: int32(l.TotalCount)}
}
