package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// Membership requests live in the membership_requests bucket, keyed by
// request id (which sorts by creation), as JSON. Like the audit log they are
// not in the in-memory index: a network office reads its queue rarely, so it
// is read from the file on demand. A request's checks that need other
// requests (one pending per person and network) run in the write
// transaction, under the write lock.

// RequestMembership records a pending request to join a BY_REQUEST network.
func (s *Store) RequestMembership(ctx context.Context, c netgraph.MembershipRequestCreate) (*netgraph.MembershipRequest, error) {
	r, err := c.NewRequest(netgraph.NewID(netgraph.RequestIDPrefix), s.now())
	if err != nil {
		return nil, err
	}
	err = s.mutate(ctx, audit(netgraph.OpRequestMembership, r.ID, r.PersonID, r.NetworkID), func(ix *index) (change, error) {
		person, net, err := memberships.ends(ix, r.PersonID, r.NetworkID)
		if err != nil {
			return change{}, err
		}
		if err := netgraph.CheckRequestable(networks.get(ix, net)); err != nil {
			return change{}, err
		}
		if _, ok := ix.findRole(&memberships, person, net); ok {
			return change{}, &netgraph.Error{Code: netgraph.ECONFLICT, Field: "personId",
				Message: fmt.Sprintf("person %s is a member of network %s already", r.PersonID, r.NetworkID)}
		}
		return change{
			write: func(tx *bbolt.Tx) error {
				pending := netgraph.MembershipRequestFilter{PersonID: r.PersonID, NetworkID: r.NetworkID, Status: netgraph.RequestPending}
				var found bool
				if err := eachRequest(tx, func(q *netgraph.MembershipRequest) bool {
					found = pending.Match(q)
					return !found
				}); err != nil {
					return err
				}
				if found {
					return &netgraph.Error{Code: netgraph.ECONFLICT, Field: "personId",
						Message: fmt.Sprintf("person %s has a pending request to join network %s already", r.PersonID, r.NetworkID)}
				}
				return putRequest(tx, r)
			},
			apply: func(*index) {},
		}, nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// DecideMembershipRequest approves or declines a pending request; an
// approval adds the MEMBER membership in the same transaction.
func (s *Store) DecideMembershipRequest(ctx context.Context, d netgraph.MembershipDecision) (*netgraph.MembershipRequest, error) {
	// The person and network of a request never change: read them first
	// for the audit entry, and the request again under the write lock.
	r, err := s.MembershipRequest(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	var out *netgraph.MembershipRequest
	err = s.mutate(ctx, audit(netgraph.OpDecideMembershipRequest, r.ID, r.PersonID, r.NetworkID), func(ix *index) (change, error) {
		var cur *netgraph.MembershipRequest
		if err := s.db.View(func(tx *bbolt.Tx) (err error) { cur, err = getRequest(tx, d.ID); return err }); err != nil {
			return change{}, err
		}
		decided, err := d.Decide(ctx, *cur, s.now())
		if err != nil {
			return change{}, err
		}
		c := change{apply: func(*index) {}}
		if decided.Status == netgraph.RequestApproved {
			person, net, err := memberships.ends(ix, r.PersonID, r.NetworkID)
			if err != nil {
				return change{}, err
			}
			if _, ok := ix.findRole(&memberships, person, net); ok {
				return change{}, &netgraph.Error{Code: netgraph.ECONFLICT, Field: "id",
					Message: fmt.Sprintf("person %s is a member of network %s already; decline the request instead", r.PersonID, r.NetworkID)}
			}
			c = memberships.write(person, net, roleRel{person: r.PersonID, other: r.NetworkID,
				role: string(netgraph.MembershipMember), since: decided.DecidedAt})
		}
		writeMembership := c.write
		c.write = func(tx *bbolt.Tx) error {
			if writeMembership != nil {
				if err := writeMembership(tx); err != nil {
					return err
				}
			}
			return putRequest(tx, decided)
		}
		out = decided
		return c, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MembershipRequest returns one request; ENOTFOUND if unknown.
func (s *Store) MembershipRequest(ctx context.Context, id string) (*netgraph.MembershipRequest, error) {
	var r *netgraph.MembershipRequest
	err := s.view(ctx, func(tx *bbolt.Tx) (err error) { r, err = getRequest(tx, id); return err })
	return r, err
}

// MembershipRequests lists the requests f matches, oldest first, scanning
// the bucket in one read transaction.
func (s *Store) MembershipRequests(ctx context.Context, f netgraph.MembershipRequestFilter, p netgraph.Page) (*netgraph.List[*netgraph.MembershipRequest], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	out := &netgraph.List[*netgraph.MembershipRequest]{Items: []*netgraph.MembershipRequest{}}
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		return eachRequest(tx, func(r *netgraph.MembershipRequest) bool {
			if !f.Match(r) {
				return true
			}
			out.TotalCount++
			switch {
			case p.After != "" && r.ID <= p.After:
			case len(out.Items) < p.First:
				out.Items = append(out.Items, r)
			default:
				out.HasNextPage = true
			}
			return true
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// withRequestsDeleted makes the change of a person's or network's deletion
// also delete the requests match selects: a person's are their personal
// data, a deleted network's have nothing left to join.
func withRequestsDeleted(check mutation, match func(r *netgraph.MembershipRequest) bool) mutation {
	return alsoWrite(check, func(tx *bbolt.Tx) error {
		var keys [][]byte
		if err := eachRequest(tx, func(r *netgraph.MembershipRequest) bool {
			if match(r) {
				keys = append(keys, []byte(r.ID))
			}
			return true
		}); err != nil {
			return err
		}
		return deleteAll(tx, bucketRequests, keys)
	})
}

// putRequest writes r.
func putRequest(tx *bbolt.Tx, r *netgraph.MembershipRequest) error {
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return put(tx, bucketRequests, []byte(r.ID), v)
}

// getRequest reads the request with id; ENOTFOUND on "id" if there is none.
func getRequest(tx *bbolt.Tx, id string) (*netgraph.MembershipRequest, error) {
	v := tx.Bucket(bucketRequests).Get([]byte(id))
	if v == nil {
		return nil, netgraph.NotFound("id", "membership request", id)
	}
	return decodeRequest([]byte(id), v)
}

// eachRequest calls fn with every request in id order until it returns false.
func eachRequest(tx *bbolt.Tx, fn func(r *netgraph.MembershipRequest) bool) error {
	c := tx.Bucket(bucketRequests).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r, err := decodeRequest(k, v)
		if err != nil {
			return err
		}
		if !fn(r) {
			return nil
		}
	}
	return nil
}

// decodeRequest decodes the sealed value v of the request with key k.
func decodeRequest(k, v []byte) (*netgraph.MembershipRequest, error) {
	body, err := unseal(k, v)
	if err != nil {
		return nil, fmt.Errorf("embedded: membership request %s: %w", k, err)
	}
	var r netgraph.MembershipRequest
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&r); err != nil {
		return nil, fmt.Errorf("embedded: membership request %s: %w", k, err)
	}
	return &r, nil
}
