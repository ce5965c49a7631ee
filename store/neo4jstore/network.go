package neo4jstore

import (
	"context"

	"github.com/netgraph/netgraph"
)

// CreateNetwork validates c and stores the new network; if c.ExternalID names
// an existing network, that one is returned unchanged.
func (s *Store) CreateNetwork(ctx context.Context, c netgraph.NetworkCreate) (*netgraph.Network, error) {
	n, err := c.NewNetwork(netgraph.NewID(netgraph.NetworkIDPrefix), s.now())
	if err != nil {
		return nil, err
	}
	return write(ctx, s, "create network", s.audit(ctx, netgraph.OpCreateNetwork, n.ID), createEntity(networks, n))
}

// Network returns one network; ENOTFOUND if unknown.
func (s *Store) Network(ctx context.Context, id string) (*netgraph.Network, error) {
	return read(ctx, s, "read network", getEntity(networks, id))
}

// NetworkByExternalID returns the network with that external id.
func (s *Store) NetworkByExternalID(ctx context.Context, externalID string) (*netgraph.Network, error) {
	return read(ctx, s, "read network by external id", entityByExternalID(networks, externalID))
}

// NetworksByID returns the networks with the given ids, aligned with ids.
func (s *Store) NetworksByID(ctx context.Context, ids []string) ([]*netgraph.Network, error) {
	return read(ctx, s, "read networks by id", entitiesByID(networks, ids))
}

// Networks lists networks matching f in creation order.
func (s *Store) Networks(ctx context.Context, f netgraph.NetworkFilter, p netgraph.Page) (*netgraph.List[*netgraph.Network], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	params := map[string]any{
		"type":         optString(string(f.Type)),
		"nameContains": optLower(f.NameContains),
		"region":       optLower(f.Region),
		"specialty":    optLower(f.Specialty),
		// The register's filters.
		"text":             optLower(f.Text),
		"status":           optString(string(f.Status)),
		"membershipPolicy": optString(string(f.MembershipPolicy)),
	}
	for _, v := range params {
		if v != nil { // the filtered statement, which reads a network stored before profiles as having the defaults
			params["defaultStatus"] = string(netgraph.DefaultNetworkStatus)
			params["defaultPolicy"] = string(netgraph.DefaultMembershipPolicy)
			break
		}
	}
	return read(ctx, s, "list networks", listEntities(networks, params, p))
}

// UpdateNetwork changes a network; ENOTFOUND if unknown.
func (s *Store) UpdateNetwork(ctx context.Context, id string, u netgraph.NetworkUpdate) (*netgraph.Network, error) {
	now := s.now()
	return write(ctx, s, "update network", s.audit(ctx, netgraph.OpUpdateNetwork, id), updateEntity(networks, id, func(n *netgraph.Network) (*netgraph.Network, error) {
		return u.Apply(n, now)
	}))
}

// DeleteNetwork removes a network with its memberships and membership
// requests; the people stay.
func (s *Store) DeleteNetwork(ctx context.Context, id string) error {
	_, err := write(ctx, s, "delete network", s.audit(ctx, netgraph.OpDeleteNetwork, id),
		withRequestsDeleted(deleteEntity(networks, id), qRequestsDeleteNetwork, id))
	return err
}
