package embedded

import (
	"context"

	"github.com/netgraph/netgraph"
)

// CreateNetwork validates c and stores a new network. If c.ExternalID names
// an existing network, that one is returned and nothing changes.
func (s *Store) CreateNetwork(ctx context.Context, c netgraph.NetworkCreate) (*netgraph.Network, error) {
	id := netgraph.NewID(netgraph.NetworkIDPrefix)
	return createEntity(ctx, s, &networks, audit(netgraph.OpCreateNetwork, id), func() (*netgraph.Network, error) {
		return c.NewNetwork(id, s.now())
	})
}

// Network returns one network; ENOTFOUND if unknown.
func (s *Store) Network(ctx context.Context, id string) (*netgraph.Network, error) {
	return getEntity(ctx, s, &networks, id)
}

// NetworkByExternalID returns the network with that external id.
func (s *Store) NetworkByExternalID(ctx context.Context, externalID string) (*netgraph.Network, error) {
	return getByExternalID(ctx, s, &networks, externalID)
}

// NetworksByID returns the networks with the given ids, nil where unknown.
func (s *Store) NetworksByID(ctx context.Context, ids []string) ([]*netgraph.Network, error) {
	return readByID(ctx, s, &networks, ids, networks.get)
}

// Networks lists the networks f matches, in creation (id) order.
func (s *Store) Networks(ctx context.Context, f netgraph.NetworkFilter, p netgraph.Page) (*netgraph.List[*netgraph.Network], error) {
	return readList(ctx, s, p, func(ix *index, p netgraph.Page) *netgraph.List[*netgraph.Network] {
		return ix.listNets(f, p)
	})
}

// UpdateNetwork changes a network; ENOTFOUND if unknown.
func (s *Store) UpdateNetwork(ctx context.Context, id string, u netgraph.NetworkUpdate) (*netgraph.Network, error) {
	return updateEntity(ctx, s, &networks, audit(netgraph.OpUpdateNetwork, id), id, func(n *netgraph.Network) (*netgraph.Network, error) {
		return u.Apply(n, s.now())
	})
}

// DeleteNetwork removes a network with its memberships and membership
// requests; the people stay.
func (s *Store) DeleteNetwork(ctx context.Context, id string) error {
	return s.mutate(ctx, audit(netgraph.OpDeleteNetwork, id), withRequestsDeleted(deletion(&networks, id),
		func(r *netgraph.MembershipRequest) bool { return r.NetworkID == id }))
}

// AddMembership adds a person to a network; ECONFLICT if already a member.
func (s *Store) AddMembership(ctx context.Context, m netgraph.Membership) (*netgraph.Membership, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	m.Since = utcPtr(m.Since)
	if err := s.addRole(ctx, &memberships, membershipRel(m)); err != nil {
		return nil, err
	}
	return &m, nil
}

// UpdateMembership replaces the role and since of an existing membership.
func (s *Store) UpdateMembership(ctx context.Context, m netgraph.Membership) (*netgraph.Membership, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	m.Since = utcPtr(m.Since)
	if err := s.updateRole(ctx, &memberships, membershipRel(m)); err != nil {
		return nil, err
	}
	return &m, nil
}

// RemoveMembership removes a person from a network; ENOTFOUND if not a member.
func (s *Store) RemoveMembership(ctx context.Context, personID, networkID string) error {
	return s.removeRole(ctx, &memberships, personID, networkID)
}

func membershipRel(m netgraph.Membership) roleRel {
	return roleRel{person: m.PersonID, other: m.NetworkID, role: string(m.Role), since: m.Since}
}

// mem returns the membership in slot s.
func (ix *index) mem(s int32) netgraph.Membership {
	r := ix.rel(&memberships, s)
	return netgraph.Membership{PersonID: r.person, NetworkID: r.other, Role: netgraph.MembershipRole(r.role), Since: r.since}
}

// MembershipsByPerson returns each person's memberships, in network id order,
// aligned with ids.
func (s *Store) MembershipsByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Membership, error) {
	return readByID(ctx, s, &people, personIDs, func(ix *index, slot int32) []netgraph.Membership {
		return collectRel(ix.people.items[slot].mems, ix.mem)
	})
}

// MembershipsByNetwork returns each network's memberships, in person id order,
// aligned with ids.
func (s *Store) MembershipsByNetwork(ctx context.Context, networkIDs []string) ([][]netgraph.Membership, error) {
	return readByID(ctx, s, &networks, networkIDs, func(ix *index, slot int32) []netgraph.Membership {
		return collectRel(ix.nets.items[slot].mems, ix.mem)
	})
}
