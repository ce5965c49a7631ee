package netgraph

import (
	"context"
	"time"
)

// RequestStatus is where a membership request stands.
type RequestStatus string

// Request statuses: a request is PENDING until a facilitator approves or
// declines it, and is never decided twice.
const (
	RequestPending  RequestStatus = "PENDING"
	RequestApproved RequestStatus = "APPROVED"
	RequestDeclined RequestStatus = "DECLINED"
)

// RequestStatuses lists every valid request status.
var RequestStatuses = []RequestStatus{RequestPending, RequestApproved, RequestDeclined}

// MaxMessageLength limits a request's message and a decision's reason.
const MaxMessageLength = 2000

// MembershipRequest is a person's request to join a network whose
// membership policy is BY_REQUEST, and the network office's decision on it.
// Requests are personal data: erasing the person erases them, and they are
// part of the person's export. They are not analysis data (not in ReadGraph,
// exports of the graph or Import).
type MembershipRequest struct {
	ID        string        `json:"id"`
	PersonID  string        `json:"personId"`
	NetworkID string        `json:"networkId"`
	Message   string        `json:"message,omitempty"` // why the person asks, in their words
	Status    RequestStatus `json:"status"`
	CreatedAt time.Time     `json:"createdAt"`
	// DecidedBy is the subject of the caller who decided (AuditSystem without
	// one), DecidedAt when, Reason why; all empty while PENDING.
	DecidedBy string     `json:"decidedBy,omitempty"`
	DecidedAt *time.Time `json:"decidedAt,omitempty"`
	Reason    string     `json:"reason,omitempty"`
}

// MembershipRequestCreate is a new request: who asks to join which network.
type MembershipRequestCreate struct {
	PersonID  string
	NetworkID string
	Message   string
}

// NewRequest validates c's fields (not the ids' existence nor the network's
// policy, which the store checks) and returns a PENDING request.
func (c MembershipRequestCreate) NewRequest(id string, now time.Time) (*MembershipRequest, error) {
	if err := checkID("personId", c.PersonID); err != nil {
		return nil, err
	}
	if err := checkID("networkId", c.NetworkID); err != nil {
		return nil, err
	}
	msg, err := cleanText("message", c.Message, MaxMessageLength)
	if err != nil {
		return nil, err
	}
	return &MembershipRequest{ID: id, PersonID: c.PersonID, NetworkID: c.NetworkID, Message: msg,
		Status: RequestPending, CreatedAt: now.UTC()}, nil
}

// CheckRequestable says whether a request to join n may be made: only a
// BY_REQUEST network takes requests. An OPEN network's facilitators add
// members directly (addMembership), and a BY_INVITATION network invites its
// members; both refuse with EINVALID on "networkId".
func CheckRequestable(n *Network) error {
	policy := n.MembershipPolicy
	if policy == "" {
		policy = DefaultMembershipPolicy
	}
	switch policy {
	case PolicyByRequest:
		return nil
	case PolicyOpen:
		return Invalid("networkId", "network %s is open: add the person as a member directly instead of requesting", n.ID)
	default:
		return Invalid("networkId", "network %s takes members by invitation only (membership policy %s), not by request", n.ID, policy)
	}
}

// MembershipDecision approves or declines a pending request.
type MembershipDecision struct {
	ID      string
	Approve bool
	Reason  string
}

// Decide validates d and returns r decided: APPROVED or DECLINED, by the
// caller in ctx (AuditSystem without one), at now. ECONFLICT (on "id") if r
// is decided already.
func (d MembershipDecision) Decide(ctx context.Context, r MembershipRequest, now time.Time) (*MembershipRequest, error) {
	reason, err := cleanText("reason", d.Reason, MaxMessageLength)
	if err != nil {
		return nil, err
	}
	if r.Status != RequestPending {
		return nil, &Error{Code: ECONFLICT, Field: "id", Message: "membership request " + r.ID + " is " + string(r.Status) + " already"}
	}
	r.Status, r.Reason = RequestDeclined, reason
	if d.Approve {
		r.Status = RequestApproved
	}
	r.DecidedBy = AuditSystem
	if c, ok := CallerFrom(ctx); ok && c.Subject != "" {
		r.DecidedBy = c.Subject
	}
	at := now.UTC()
	r.DecidedAt = &at
	return &r, nil
}

// MembershipRequestFilter narrows a list of requests; zero fields match all.
type MembershipRequestFilter struct {
	NetworkID string
	PersonID  string
	Status    RequestStatus
}

// Validate checks the status.
func (f MembershipRequestFilter) Validate() error {
	if f.Status != "" {
		return checkEnum("status", f.Status, RequestStatuses)
	}
	return nil
}

// Match reports whether f matches r.
func (f MembershipRequestFilter) Match(r *MembershipRequest) bool {
	return (f.NetworkID == "" || r.NetworkID == f.NetworkID) &&
		(f.PersonID == "" || r.PersonID == f.PersonID) &&
		(f.Status == "" || r.Status == f.Status)
}

// MembershipRequestStore keeps membership requests.
type MembershipRequestStore interface {
	// RequestMembership records a PENDING request. ENOTFOUND ("personId",
	// "networkId") for unknown ids; EINVALID on "networkId" unless the
	// network is BY_REQUEST (CheckRequestable); ECONFLICT on "personId" if
	// the person is a member already or has a pending request to the
	// network.
	RequestMembership(ctx context.Context, c MembershipRequestCreate) (*MembershipRequest, error)
	// DecideMembershipRequest approves or declines a pending request. An
	// approval adds the person as a MEMBER in the same transaction.
	// ENOTFOUND ("id") if unknown; ECONFLICT ("id") if decided already or,
	// for an approval, if the person has become a member meanwhile.
	DecideMembershipRequest(ctx context.Context, d MembershipDecision) (*MembershipRequest, error)
	// MembershipRequest returns one request; ENOTFOUND ("id") if unknown.
	MembershipRequest(ctx context.Context, id string) (*MembershipRequest, error)
	// MembershipRequests lists the requests f matches, oldest first (a
	// queue); a request's cursor key is its ID.
	MembershipRequests(ctx context.Context, f MembershipRequestFilter, p Page) (*List[*MembershipRequest], error)
}
