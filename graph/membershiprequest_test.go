package graph_test

import (
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
)

// TestMembershipRequests follows a request through the API: a facilitator
// records it (naming the person by external id), the network's queue shows
// it, an approval makes the person a member, and the audit log records both
// steps; a decline keeps its reason; a duplicate, a member's, an OPEN or a
// BY_INVITATION network's request is refused on the field at fault, and a
// viewer may neither ask, decide nor read the queue.
func TestMembershipRequests(t *testing.T) {
	c := mustOpenClient(t)
	fac := c.asRole(netgraph.RoleFacilitator)
	var dan struct{ CreatePerson struct{ ID string } }
	fac.do(`mutation { createPerson(input: {name: "Dan Roe", externalId: "crm-17"}) { id } }`, nil, &dan)
	ann := fac.createPerson("Ann Lee")
	network := func(name, policy string) string {
		t.Helper()
		var out struct{ CreateNetwork struct{ ID string } }
		fac.do(`mutation($name: String!, $policy: MembershipPolicy) { createNetwork(input: {name: $name, type: MANAGED_CLINICAL, membershipPolicy: $policy}) { id } }`,
			map[string]any{"name": name, "policy": policy}, &out)
		return out.CreateNetwork.ID
	}
	diabetes := network("Diabetes MCN", "BY_REQUEST")
	open := network("Library Partnership", "OPEN")
	invited := network("Stroke ODN", "BY_INVITATION")

	const request = `mutation($p: ID!, $n: ID!, $m: String) {
	  requestMembership(personId: $p, networkId: $n, message: $m) { id status message person { id name } network { id } createdAt decidedAt decidedBy }
	}`
	type req struct {
		ID, Status, Message, CreatedAt string
		Person                         struct{ ID, Name string }
		Network                        struct{ ID string }
		DecidedAt                      *string
		DecidedBy                      string
		Reason                         string
	}
	var asked struct{ RequestMembership req }
	fac.do(request, map[string]any{"p": "ext:crm-17", "n": diabetes, "m": "I run the diabetes clinic"}, &asked)
	r := asked.RequestMembership
	if !strings.HasPrefix(r.ID, netgraph.RequestIDPrefix) || r.Status != "PENDING" || r.Person.ID != dan.CreatePerson.ID ||
		r.Network.ID != diabetes || r.Message != "I run the diabetes clinic" || r.DecidedAt != nil || r.DecidedBy != "" {
		t.Fatalf("requestMembership returned %+v; want a PENDING request by Dan to the diabetes network", r)
	}

	const queue = `query($n: ID, $s: RequestStatus) {
	  membershipRequests(networkId: $n, status: $s) { totalCount edges { cursor node { id person { name } message } } }
	}`
	var q struct {
		MembershipRequests struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
		}
	}
	fac.do(queue, map[string]any{"n": diabetes, "s": "PENDING"}, &q)
	if q.MembershipRequests.TotalCount != 1 || q.MembershipRequests.Edges[0].Node.ID != r.ID {
		t.Fatalf("pending queue %+v; want Dan's request alone", q)
	}

	// A second pending request is refused.
	e := fac.fail(request, map[string]any{"p": dan.CreatePerson.ID, "n": diabetes})
	if e.code() != "CONFLICT" || e.field() != "personId" {
		t.Errorf("a duplicate pending request: %+v; want CONFLICT on personId", e)
	}

	const decide = `mutation($id: ID!, $ok: Boolean!, $why: String) {
	  decideMembershipRequest(id: $id, approve: $ok, reason: $why) { id status reason decidedBy decidedAt }
	}`
	var decided struct{ DecideMembershipRequest req }
	fac.do(decide, map[string]any{"id": r.ID, "ok": true, "why": "Welcome"}, &decided)
	d := decided.DecideMembershipRequest
	if d.Status != "APPROVED" || d.Reason != "Welcome" || d.DecidedBy != "test-facilitator" || d.DecidedAt == nil {
		t.Errorf("approval returned %+v; want APPROVED by test-facilitator with the reason", d)
	}
	var members struct {
		Network struct {
			Members []struct {
				Role   string
				Person struct{ ID string }
			}
		}
	}
	fac.do(`query($n: ID!) { network(id: $n) { members { role person { id } } } }`, map[string]any{"n": diabetes}, &members)
	if m := members.Network.Members; len(m) != 1 || m[0].Person.ID != dan.CreatePerson.ID || m[0].Role != "MEMBER" {
		t.Errorf("members after approval %+v; want Dan as a MEMBER", m)
	}
	fac.do(queue, map[string]any{"n": diabetes, "s": "PENDING"}, &q)
	if q.MembershipRequests.TotalCount != 0 {
		t.Errorf("pending queue after approval %+v; want empty", q)
	}
	e = fac.fail(decide, map[string]any{"id": r.ID, "ok": false})
	if e.code() != "CONFLICT" || e.field() != "id" {
		t.Errorf("deciding twice: %+v; want CONFLICT on id", e)
	}
	// A member may not ask again.
	e = fac.fail(request, map[string]any{"p": dan.CreatePerson.ID, "n": diabetes})
	if e.code() != "CONFLICT" || e.field() != "personId" {
		t.Errorf("a member's request: %+v; want CONFLICT on personId", e)
	}

	// Both steps are in the audit log, by the facilitator.
	var audit struct {
		AuditLog struct {
			Edges []struct {
				Node struct{ Operation, Subject string }
			}
		}
	}
	c.do(`query($id: ID!) { auditLog(filter: {id: $id}) { edges { node { operation subject } } } }`, map[string]any{"id": r.ID}, &audit)
	var ops []string
	for _, e := range audit.AuditLog.Edges {
		ops = append(ops, e.Node.Operation+" by "+e.Node.Subject)
	}
	if got, want := strings.Join(ops, ", "), "DecideMembershipRequest by test-facilitator, RequestMembership by test-facilitator"; got != want {
		t.Errorf("audit entries naming the request: %s; want %s", got, want)
	}

	// A decline keeps its reason, and the person is no member.
	fac.do(request, map[string]any{"p": ann, "n": diabetes}, &asked)
	fac.do(decide, map[string]any{"id": asked.RequestMembership.ID, "ok": false, "why": "Not a clinician"}, &decided)
	if d := decided.DecideMembershipRequest; d.Status != "DECLINED" || d.Reason != "Not a clinician" {
		t.Errorf("decline returned %+v; want DECLINED with the reason", d)
	}
	fac.do(`query($n: ID!) { network(id: $n) { members { role person { id } } } }`, map[string]any{"n": diabetes}, &members)
	if len(members.Network.Members) != 1 {
		t.Errorf("members after a decline %+v; want Dan alone", members.Network.Members)
	}

	// OPEN and BY_INVITATION networks take no requests.
	for _, n := range []string{open, invited} {
		e := fac.fail(request, map[string]any{"p": ann, "n": n})
		if e.code() != "BAD_USER_INPUT" || e.field() != "networkId" {
			t.Errorf("a request to %s: %+v; want BAD_USER_INPUT on networkId", n, e)
		}
	}

	// Viewers may not ask, decide or read the queue.
	viewer := c.asRole(netgraph.RoleViewer)
	for _, tc := range []struct {
		query string
		vars  map[string]any
	}{
		{request, map[string]any{"p": ann, "n": diabetes}},
		{decide, map[string]any{"id": r.ID, "ok": true}},
		{queue, map[string]any{"n": diabetes}},
	} {
		if e := viewer.fail(tc.query, tc.vars); e.code() != "FORBIDDEN" {
			t.Errorf("as a viewer: %+v; want FORBIDDEN", e)
		}
	}

	// The person's export holds their requests, the decider as "staff".
	var export struct {
		ExportPersonalData struct {
			MembershipRequests []struct{ ID, NetworkName, Status, Reason string }
		}
	}
	c.do(`query($p: ID!) { exportPersonalData(personId: $p) { membershipRequests { id networkName status reason } } }`,
		map[string]any{"p": ann}, &export)
	if got := export.ExportPersonalData.MembershipRequests; len(got) != 1 || got[0].NetworkName != "Diabetes MCN" ||
		got[0].Status != "DECLINED" || got[0].Reason != "Not a clinician" {
		t.Errorf("Ann's export's requests %+v; want her declined request to the Diabetes MCN", got)
	}
}
