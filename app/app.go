// Package app is netgraph's application layer: the use cases that span the
// store and the analysis engine, between them and the edges (the GraphQL API
// in graph/, the commands in cmd/netgraph, the dashboard). An edge parses its
// input, calls one function here and maps what it returns; the rules live
// here or below.
//
// Each use case declares the few store methods it uses as a small interface
// (as ardanlabs/service's Storer), so it can be read, and tested, on its own:
//
//   - ErasePerson: erase a person from the store and from every cached
//     analysis (erase.go);
//   - ExportPersonalData: everything held about one person, naming staff by
//     role only (personaldata.go);
//   - RecordIntroduction: record that two people were introduced
//   - DismissIntroduction, DismissedIntroductions: dismiss a suggested
//     introduction so analyses stop suggesting it, and list the dismissed
//     (introduction.go);
//   - RequestMembership, DecideMembershipRequest and MembershipRequestQueue:
//     a network office's membership requests (membershiprequest.go);
//   - AuditLog: a page of the audit log (audit.go);
//   - Export, CheckImport and Import: move a whole graph as a JSON-lines
//     file, whose format is defined in exportfile.go.
package app
