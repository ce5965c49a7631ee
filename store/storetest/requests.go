package storetest

import (
	"github.com/netgraph/netgraph"
)

// requestTests check membership requests: only BY_REQUEST networks take
// them, one pending per person and network, never from a member; a decision
// is made once, and an approval adds the membership with it; erasing the
// person erases their requests.
var requestTests = []test{
	{"Request/Create", requestCreate},
	{"Request/ApproveAddsMember", requestApproveAddsMember},
	{"Request/DeclineWithReason", requestDeclineWithReason},
	{"Request/DecidedOnce", requestDecidedOnce},
	{"Request/OnePending", requestOnePending},
	{"Request/MemberRefused", requestMemberRefused},
	{"Request/PolicyRefused", requestPolicyRefused},
	{"Request/UnknownIDs", requestUnknownIDs},
	{"Request/Queue", requestQueue},
	{"Request/ErasedWithPerson", requestErasedWithPerson},
	{"Request/RemovedWithNetwork", requestRemovedWithNetwork},
}

func (f *fixture) request(personID, networkID, message string) *netgraph.MembershipRequest {
	f.t.Helper()
	r, err := f.s.RequestMembership(f.ctx, netgraph.MembershipRequestCreate{PersonID: personID, NetworkID: networkID, Message: message})
	if err != nil {
		f.t.Fatalf("RequestMembership(%s, %s): %v", personID, networkID, err)
	}
	return r
}

func (f *fixture) requests(filter netgraph.MembershipRequestFilter) []*netgraph.MembershipRequest {
	f.t.Helper()
	l, err := f.s.MembershipRequests(f.ctx, filter, netgraph.Page{First: netgraph.MaxPageSize})
	if err != nil {
		f.t.Fatalf("MembershipRequests(%+v): %v", filter, err)
	}
	if l.TotalCount != len(l.Items) || l.HasNextPage {
		f.t.Fatalf("MembershipRequests(%+v): %d items, total %d, more %v; want one whole page", filter, len(l.Items), l.TotalCount, l.HasNextPage)
	}
	return l.Items
}

func policy(p netgraph.MembershipPolicy) func(*netgraph.NetworkCreate) {
	return func(c *netgraph.NetworkCreate) { c.MembershipPolicy = p }
}

func requestCreate(f *fixture) {
	w := f.world()
	r := f.request(w.bob.ID, w.stroke.ID, "  I lead stroke rehab at the trust  ")
	if r.Status != netgraph.RequestPending || r.Message != "I lead stroke rehab at the trust" || r.CreatedAt.IsZero() ||
		r.DecidedAt != nil || r.DecidedBy != "" || r.PersonID != w.bob.ID || r.NetworkID != w.stroke.ID {
		f.t.Errorf("new request %+v; want PENDING, the trimmed message, a creation time and no decision", r)
	}
	got, err := f.s.MembershipRequest(f.ctx, r.ID)
	if err != nil {
		f.t.Fatalf("MembershipRequest: %v", err)
	}
	if show(got) != show(r) {
		f.t.Errorf("read back %s; want %s", show(got), show(r))
	}
	_, err = f.s.MembershipRequest(f.ctx, "req_UNKNOWN")
	f.wantCode(err, netgraph.ENOTFOUND, "id", "MembershipRequest(unknown)")
}

func requestApproveAddsMember(f *fixture) {
	w := f.world()
	r := f.request(w.bob.ID, w.stroke.ID, "")
	f.as(facilitator, "req-approve")
	d, err := f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: r.ID, Approve: true, Reason: "welcome"})
	if err != nil {
		f.t.Fatalf("approve: %v", err)
	}
	if d.Status != netgraph.RequestApproved || d.DecidedBy != facilitator.Subject || d.DecidedAt == nil || d.Reason != "welcome" {
		f.t.Errorf("approved request %+v; want APPROVED by %s with a time and the reason", d, facilitator.Subject)
	}
	ms, err := f.s.MembershipsByPerson(f.ctx, []string{w.bob.ID})
	if err != nil {
		f.t.Fatal(err)
	}
	if len(ms[0]) != 1 || ms[0][0].NetworkID != w.stroke.ID || ms[0][0].Role != netgraph.MembershipMember {
		f.t.Errorf("Bob's memberships after approval %+v; want one MEMBER of the stroke network", ms[0])
	}
	if got, _ := f.s.MembershipRequest(f.ctx, r.ID); got == nil || got.Status != netgraph.RequestApproved {
		f.t.Errorf("request read back %+v; want APPROVED", got)
	}
}

func requestDeclineWithReason(f *fixture) {
	w := f.world()
	r := f.request(w.bob.ID, w.stroke.ID, "")
	d, err := f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: r.ID, Reason: "not a clinician"})
	if err != nil {
		f.t.Fatalf("decline: %v", err)
	}
	if d.Status != netgraph.RequestDeclined || d.Reason != "not a clinician" || d.DecidedBy != netgraph.AuditSystem {
		f.t.Errorf("declined request %+v; want DECLINED with the reason, by %s", d, netgraph.AuditSystem)
	}
	ms, _ := f.s.MembershipsByPerson(f.ctx, []string{w.bob.ID})
	if len(ms[0]) != 0 {
		f.t.Errorf("Bob's memberships after a decline %+v; want none", ms[0])
	}
	// A declined person may ask again.
	f.request(w.bob.ID, w.stroke.ID, "I have moved to the stroke unit")
}

func requestDecidedOnce(f *fixture) {
	w := f.world()
	r := f.request(w.bob.ID, w.stroke.ID, "")
	if _, err := f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: r.ID}); err != nil {
		f.t.Fatal(err)
	}
	before := f.state()
	_, err := f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: r.ID, Approve: true})
	f.wantCode(err, netgraph.ECONFLICT, "id", "approving a declined request")
	_, err = f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: "req_UNKNOWN", Approve: true})
	f.wantCode(err, netgraph.ENOTFOUND, "id", "deciding an unknown request")
	f.unchanged(before, "a refused decision")
}

func requestOnePending(f *fixture) {
	w := f.world()
	f.request(w.bob.ID, w.stroke.ID, "")
	before := f.state()
	_, err := f.s.RequestMembership(f.ctx, netgraph.MembershipRequestCreate{PersonID: w.bob.ID, NetworkID: w.stroke.ID})
	f.wantCode(err, netgraph.ECONFLICT, "personId", "a second pending request")
	f.unchanged(before, "a second pending request")
	f.request(w.cat.ID, w.stroke.ID, "") // another person may
}

func requestMemberRefused(f *fixture) {
	w := f.world()
	before := f.state()
	_, err := f.s.RequestMembership(f.ctx, netgraph.MembershipRequestCreate{PersonID: w.ann.ID, NetworkID: w.stroke.ID})
	f.wantCode(err, netgraph.ECONFLICT, "personId", "a member's request")
	f.unchanged(before, "a member's request")
	// A member added while a request waits: approval is refused, decline is not.
	r := f.request(w.bob.ID, w.stroke.ID, "")
	f.member(w.bob.ID, w.stroke.ID, netgraph.MembershipCore)
	_, err = f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: r.ID, Approve: true})
	f.wantCode(err, netgraph.ECONFLICT, "id", "approving the request of someone who became a member")
	if _, err := f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: r.ID, Reason: "added directly"}); err != nil {
		f.t.Errorf("declining it: %v", err)
	}
}

func requestPolicyRefused(f *fixture) {
	w := f.world()
	open := f.network("Open network", policy(netgraph.PolicyOpen))
	invited := f.network("Invited network", policy(netgraph.PolicyByInvitation))
	before := f.state()
	for _, n := range []*netgraph.Network{open, invited} {
		_, err := f.s.RequestMembership(f.ctx, netgraph.MembershipRequestCreate{PersonID: w.bob.ID, NetworkID: n.ID})
		f.wantCode(err, netgraph.EINVALID, "networkId", "a request to a "+string(n.MembershipPolicy)+" network")
	}
	f.unchanged(before, "refused requests")
}

func requestUnknownIDs(f *fixture) {
	w := f.world()
	before := f.state()
	_, err := f.s.RequestMembership(f.ctx, netgraph.MembershipRequestCreate{PersonID: "per_UNKNOWN", NetworkID: w.stroke.ID})
	f.wantCode(err, netgraph.ENOTFOUND, "personId", "an unknown person's request")
	_, err = f.s.RequestMembership(f.ctx, netgraph.MembershipRequestCreate{PersonID: w.bob.ID, NetworkID: "net_UNKNOWN"})
	f.wantCode(err, netgraph.ENOTFOUND, "networkId", "a request to an unknown network")
	_, err = f.s.RequestMembership(f.ctx, netgraph.MembershipRequestCreate{PersonID: w.bob.ID, NetworkID: w.stroke.ID, Message: "a\x00b"})
	f.wantCode(err, netgraph.EINVALID, "message", "a message with a control character")
	f.unchanged(before, "refused requests")
}

func requestQueue(f *fixture) {
	w := f.world()
	other := f.network("Diabetes network")
	dan := f.person("Dan Roe")
	r1 := f.request(w.bob.ID, w.stroke.ID, "")
	r2 := f.request(w.cat.ID, w.stroke.ID, "")
	r3 := f.request(dan.ID, w.stroke.ID, "")
	f.request(w.bob.ID, other.ID, "")
	if _, err := f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: r2.ID}); err != nil {
		f.t.Fatal(err)
	}
	ids := func(rs []*netgraph.MembershipRequest) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = r.ID
		}
		return out
	}
	pending := netgraph.MembershipRequestFilter{NetworkID: w.stroke.ID, Status: netgraph.RequestPending}
	if got, want := show(ids(f.requests(pending))), show([]string{r1.ID, r3.ID}); got != want {
		f.t.Errorf("pending queue %s; want %s, oldest first", got, want)
	}
	if got := len(f.requests(netgraph.MembershipRequestFilter{NetworkID: w.stroke.ID})); got != 3 {
		f.t.Errorf("%d requests to the stroke network; want 3", got)
	}
	if got := len(f.requests(netgraph.MembershipRequestFilter{PersonID: w.bob.ID})); got != 2 {
		f.t.Errorf("%d requests by Bob; want 2", got)
	}
	page, err := f.s.MembershipRequests(f.ctx, netgraph.MembershipRequestFilter{NetworkID: w.stroke.ID}, netgraph.Page{First: 2})
	if err != nil {
		f.t.Fatal(err)
	}
	if page.TotalCount != 3 || !page.HasNextPage || len(page.Items) != 2 || page.Items[0].ID != r1.ID {
		f.t.Errorf("first page of 2: %d items, total %d, more %v; want r1, r2, total 3, more", len(page.Items), page.TotalCount, page.HasNextPage)
	}
	next, err := f.s.MembershipRequests(f.ctx, netgraph.MembershipRequestFilter{NetworkID: w.stroke.ID}, netgraph.Page{First: 2, After: page.Items[1].ID})
	if err != nil {
		f.t.Fatal(err)
	}
	if next.HasNextPage || len(next.Items) != 1 || next.Items[0].ID != r3.ID {
		f.t.Errorf("second page: %s; want r3 alone", show(ids(next.Items)))
	}
	_, err = f.s.MembershipRequests(f.ctx, netgraph.MembershipRequestFilter{Status: "MAYBE"}, netgraph.Page{})
	f.wantCode(err, netgraph.EINVALID, "status", "an unknown status")
}

func requestErasedWithPerson(f *fixture) {
	w := f.world()
	f.request(w.bob.ID, w.stroke.ID, "please")
	keep := f.request(w.cat.ID, w.stroke.ID, "")
	if err := f.s.DeletePerson(f.ctx, w.bob.ID); err != nil {
		f.t.Fatal(err)
	}
	if got := f.requests(netgraph.MembershipRequestFilter{}); len(got) != 1 || got[0].ID != keep.ID {
		f.t.Errorf("requests after erasing Bob: %s; want Cat's alone", show(got))
	}
}

func requestRemovedWithNetwork(f *fixture) {
	w := f.world()
	other := f.network("Diabetes network")
	f.request(w.bob.ID, w.stroke.ID, "")
	keep := f.request(w.bob.ID, other.ID, "")
	if err := f.s.DeleteNetwork(f.ctx, w.stroke.ID); err != nil {
		f.t.Fatal(err)
	}
	if got := f.requests(netgraph.MembershipRequestFilter{}); len(got) != 1 || got[0].ID != keep.ID {
		f.t.Errorf("requests after deleting the network: %s; want the other network's alone", show(got))
	}
}
