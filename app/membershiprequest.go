package app

import (
	"context"

	"github.com/netgraph/netgraph"
)

// MembershipRequests is the store a network office's membership requests
// need.
type MembershipRequests interface {
	RequestMembership(ctx context.Context, c netgraph.MembershipRequestCreate) (*netgraph.MembershipRequest, error)
	DecideMembershipRequest(ctx context.Context, d netgraph.MembershipDecision) (*netgraph.MembershipRequest, error)
	MembershipRequests(ctx context.Context, f netgraph.MembershipRequestFilter, p netgraph.Page) (*netgraph.List[*netgraph.MembershipRequest], error)
}

// RequestMembership records that a person asks to join a BY_REQUEST
// network, with their message. The store refuses, naming the field, a
// request to an OPEN network (whose facilitators add members directly) or a
// BY_INVITATION one ("networkId"), and one from a member or from someone
// with a pending request ("personId"). The store's audit log records it.
// Who may ask on a person's behalf is the edge's to check: there is no
// self-service sign-in, so facilitators and up record requests made to the
// network office.
func RequestMembership(ctx context.Context, s MembershipRequests, c netgraph.MembershipRequestCreate) (*netgraph.MembershipRequest, error) {
	return s.RequestMembership(ctx, c)
}

// DecideMembershipRequest approves or declines a pending request with a
// reason, as the caller in ctx; an approval makes the person a MEMBER in the
// same transaction. ECONFLICT ("id") for a request decided already. Rights
// per network are not yet in place: any facilitator may decide any network's
// requests (the edge checks the role).
func DecideMembershipRequest(ctx context.Context, s MembershipRequests, d netgraph.MembershipDecision) (*netgraph.MembershipRequest, error) {
	return s.DecideMembershipRequest(ctx, d)
}

// MembershipRequestQueue returns a page of the requests f matches, oldest
// first: with Status PENDING and a network, that network's queue. EINVALID
// ("status", "first") for a bad filter or page.
func MembershipRequestQueue(ctx context.Context, s MembershipRequests, f netgraph.MembershipRequestFilter, p netgraph.Page) (*netgraph.List[*netgraph.MembershipRequest], error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return s.MembershipRequests(ctx, f, p)
}

// allRequestsBy returns every membership request of one person, oldest first.
func allRequestsBy(ctx context.Context, s PersonalDataStore, personID string) ([]*netgraph.MembershipRequest, error) {
	f := netgraph.MembershipRequestFilter{PersonID: personID}
	return allPages(func(p netgraph.Page) (*netgraph.List[*netgraph.MembershipRequest], error) {
		return s.MembershipRequests(ctx, f, p)
	},
		func(r *netgraph.MembershipRequest) string { return r.ID })
}
