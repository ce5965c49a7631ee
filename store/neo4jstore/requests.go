package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

// Membership requests are :MembershipRequest nodes holding the ids of their
// person and network as properties (no relationships: they are not part of
// the graph the analysis reads, and a request outlives neither end).
var (
	qRequestCheck          = mustStatement("membership_request_check")
	qRequestCreate         = mustStatement("membership_request_create")
	qRequestGet            = mustStatement("membership_request_get")
	qRequestReplace        = mustStatement("membership_request_replace")
	qRequestsList          = mustStatement("membership_requests_list")
	qRequestsDeletePerson  = mustStatement("membership_requests_delete_person")
	qRequestsDeleteNetwork = mustStatement("membership_requests_delete_network")
)

// RequestMembership records a pending request to join a BY_REQUEST network,
// after checking, under the write lock, the ends, the policy, membership and
// other pending requests.
func (s *Store) RequestMembership(ctx context.Context, c netgraph.MembershipRequestCreate) (*netgraph.MembershipRequest, error) {
	r, err := c.NewRequest(netgraph.NewID(netgraph.RequestIDPrefix), s.now())
	if err != nil {
		return nil, err
	}
	entry := s.audit(ctx, netgraph.OpRequestMembership, r.ID, r.PersonID, r.NetworkID)
	return write(ctx, s, "request membership", entry, func(ctx context.Context, tx neo4j.ManagedTransaction) (*netgraph.MembershipRequest, bool, error) {
		recs, err := run(ctx, tx, qRequestCheck, map[string]any{"personId": r.PersonID, "networkId": r.NetworkID,
			"pending": string(netgraph.RequestPending)})
		if err != nil {
			return nil, false, err
		}
		if len(recs) != 1 {
			return nil, false, fmt.Errorf("%s returned %d records, want 1", qRequestCheck.name, len(recs))
		}
		rec := recs[0]
		personFound, err1 := value[bool](rec, "personFound")
		networkFound, err2 := value[bool](rec, "networkFound")
		member, err3 := value[bool](rec, "member")
		pending, err4 := value[bool](rec, "pending")
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				return nil, false, err
			}
		}
		policy, _ := rec.AsMap()["policy"].(string)
		switch {
		case !personFound:
			return nil, false, netgraph.NotFound("personId", "person", r.PersonID)
		case !networkFound:
			return nil, false, netgraph.NotFound("networkId", "network", r.NetworkID)
		}
		if err := netgraph.CheckRequestable(&netgraph.Network{ID: r.NetworkID, MembershipPolicy: netgraph.MembershipPolicy(policy)}); err != nil {
			return nil, false, err
		}
		switch {
		case member:
			return nil, false, &netgraph.Error{Code: netgraph.ECONFLICT, Field: "personId",
				Message: fmt.Sprintf("person %s is a member of network %s already", r.PersonID, r.NetworkID)}
		case pending:
			return nil, false, &netgraph.Error{Code: netgraph.ECONFLICT, Field: "personId",
				Message: fmt.Sprintf("person %s has a pending request to join network %s already", r.PersonID, r.NetworkID)}
		}
		out, err := requestRecord(ctx, tx, qRequestCreate, map[string]any{"props": requestProps(r)})
		return out, err == nil, err
	})
}

// DecideMembershipRequest approves or declines a pending request; an
// approval adds the MEMBER membership in the same transaction.
func (s *Store) DecideMembershipRequest(ctx context.Context, d netgraph.MembershipDecision) (*netgraph.MembershipRequest, error) {
	// The person and network of a request never change: read them first
	// for the audit entry, and the request again in the write.
	r, err := s.MembershipRequest(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	entry := s.audit(ctx, netgraph.OpDecideMembershipRequest, r.ID, r.PersonID, r.NetworkID)
	now := s.now()
	return write(ctx, s, "decide membership request", entry, func(ctx context.Context, tx neo4j.ManagedTransaction) (*netgraph.MembershipRequest, bool, error) {
		cur, err := requestRecord(ctx, tx, qRequestGet, map[string]any{"id": d.ID})
		if err != nil {
			return nil, false, err
		}
		decided, err := d.Decide(ctx, *cur, now)
		if err != nil {
			return nil, false, err
		}
		if decided.Status == netgraph.RequestApproved {
			m := netgraph.Membership{PersonID: r.PersonID, NetworkID: r.NetworkID, Role: netgraph.MembershipMember, Since: decided.DecidedAt}
			if _, _, err := memberships.add(r.PersonID, r.NetworkID, "", membershipProps(&m))(ctx, tx); err != nil {
				if netgraph.ErrorCode(err) == netgraph.ECONFLICT {
					err = &netgraph.Error{Code: netgraph.ECONFLICT, Field: "id",
						Message: fmt.Sprintf("person %s is a member of network %s already; decline the request instead", r.PersonID, r.NetworkID)}
				}
				return nil, false, err
			}
		}
		out, err := requestRecord(ctx, tx, qRequestReplace, map[string]any{"id": d.ID, "props": requestProps(decided)})
		return out, err == nil, err
	})
}

// MembershipRequest returns one request; ENOTFOUND if unknown.
func (s *Store) MembershipRequest(ctx context.Context, id string) (*netgraph.MembershipRequest, error) {
	return read(ctx, s, "read membership request", func(ctx context.Context, tx neo4j.ManagedTransaction) (*netgraph.MembershipRequest, error) {
		return requestRecord(ctx, tx, qRequestGet, map[string]any{"id": id})
	})
}

// MembershipRequests lists the requests f matches, oldest first, from one
// statement, so that the page and the total agree.
func (s *Store) MembershipRequests(ctx context.Context, f netgraph.MembershipRequestFilter, p netgraph.Page) (*netgraph.List[*netgraph.MembershipRequest], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	params := map[string]any{
		"networkId": optString(f.NetworkID),
		"personId":  optString(f.PersonID),
		"status":    optString(string(f.Status)),
		"after":     p.After,
		"limit":     int64(p.First + 1), // one more tells whether a next page exists
	}
	return read(ctx, s, "list membership requests", func(ctx context.Context, tx neo4j.ManagedTransaction) (*netgraph.List[*netgraph.MembershipRequest], error) {
		return readPage(ctx, tx, qRequestsList, params, p, "request", requestFrom)
	})
}

// withRequestsDeleted makes a deletion's work also delete the requests q
// selects by the deleted entity's id.
func withRequestsDeleted(work writeWork[struct{}], q statement, id string) writeWork[struct{}] {
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (struct{}, bool, error) {
		v, changed, err := work(ctx, tx)
		if err != nil || !changed {
			return v, changed, err
		}
		_, err = run(ctx, tx, q, map[string]any{"id": id})
		return v, err == nil, err
	}
}

// requestRecord runs q, which returns the request as q or no record
// (ENOTFOUND on "id").
func requestRecord(ctx context.Context, tx neo4j.ManagedTransaction, q statement, params map[string]any) (*netgraph.MembershipRequest, error) {
	recs, err := run(ctx, tx, q, params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		id, _ := params["id"].(string)
		return nil, netgraph.NotFound("id", "membership request", id)
	}
	return requestFrom(recs[0], "q")
}

// requestProps returns a request's properties; empty values are absent.
func requestProps(r *netgraph.MembershipRequest) map[string]any {
	return map[string]any{
		"id":        r.ID,
		"personId":  r.PersonID,
		"networkId": r.NetworkID,
		"message":   optString(r.Message),
		"status":    string(r.Status),
		"createdAt": r.CreatedAt.UTC(),
		"decidedBy": optString(r.DecidedBy),
		"decidedAt": optTime(r.DecidedAt),
		"reason":    optString(r.Reason),
	}
}

// requestFrom reads a request from column key of rec.
func requestFrom(rec *neo4j.Record, key string) (*netgraph.MembershipRequest, error) {
	p, err := node(rec, key)
	if err != nil {
		return nil, err
	}
	r := &netgraph.MembershipRequest{
		ID:        p.str("id"),
		PersonID:  p.str("personId"),
		NetworkID: p.str("networkId"),
		Message:   p.str("message"),
		Status:    netgraph.RequestStatus(p.str("status")),
		CreatedAt: p.time("createdAt"),
		DecidedBy: p.str("decidedBy"),
		DecidedAt: p.optTime("decidedAt"),
		Reason:    p.str("reason"),
	}
	return r, p.err
}
