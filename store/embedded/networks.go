package embedded

import (
	"context"

	"go.etcd.io/bbolt"

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

// DeleteNetwork removes a network with its memberships; the people stay.
func (s *Store) DeleteNetwork(ctx context.Context, id string) error {
	return deleteEntity(ctx, s, &networks, audit(netgraph.OpDeleteNetwork, id), id)
}

// AddMembership adds a person to a network; ECONFLICT if already a member.
func (s *Store) AddMembership(ctx context.Context, m netgraph.Membership) (*netgraph.Membership, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	m.Since = utcPtr(m.Since)
	err := s.mutate(ctx, audit(netgraph.OpAddMembership, m.PersonID, m.NetworkID), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		person, net, err := memEnds(ix, m)
		if err != nil {
			return nil, nil, err
		}
		if _, ok := ix.findMem(person, net); ok {
			return nil, nil, netgraph.Errorf(netgraph.ECONFLICT, "person %q is already a member of network %q", m.PersonID, m.NetworkID)
		}
		return writeMembership(person, net, m)
	})
	if err != nil {
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
	err := s.mutate(ctx, audit(netgraph.OpUpdateMembership, m.PersonID, m.NetworkID), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		person, net, err := memEnds(ix, m)
		if err != nil {
			return nil, nil, err
		}
		if _, ok := ix.findMem(person, net); !ok {
			return nil, nil, noMembership(m.PersonID, m.NetworkID)
		}
		return writeMembership(person, net, m)
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// memEnds returns the slots of a membership's person and network.
func memEnds(ix *index, m netgraph.Membership) (person, net int32, err error) {
	person, ok := ix.people.slot[m.PersonID]
	if !ok {
		return 0, 0, netgraph.NotFound("personId", "person", m.PersonID)
	}
	net, ok = ix.nets.slot[m.NetworkID]
	if !ok {
		return 0, 0, netgraph.NotFound("networkId", "network", m.NetworkID)
	}
	return person, net, nil
}

func writeMembership(person, net int32, m netgraph.Membership) (func(*bbolt.Tx) error, func(*index), error) {
	return func(tx *bbolt.Tx) error {
			return put(tx, bucketMemberships, relKey(m.PersonID, m.NetworkID), encodeRole(string(m.Role), m.Since))
		}, func(ix *index) {
			ix.putMem(memRec{person: person, net: net, role: m.Role, since: clonePtr(m.Since)})
		}, nil
}

func noMembership(personID, networkID string) error {
	return netgraph.Errorf(netgraph.ENOTFOUND, "person %q is not a member of network %q", personID, networkID)
}

// RemoveMembership removes a person from a network; ENOTFOUND if not a member.
func (s *Store) RemoveMembership(ctx context.Context, personID, networkID string) error {
	return s.mutate(ctx, audit(netgraph.OpRemoveMembership, personID, networkID), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		person, net, err := memEnds(ix, netgraph.Membership{PersonID: personID, NetworkID: networkID})
		if err != nil {
			return nil, nil, err
		}
		slot, ok := ix.findMem(person, net)
		if !ok {
			return nil, nil, noMembership(personID, networkID)
		}
		return func(tx *bbolt.Tx) error {
				return del(tx, bucketMemberships, relKey(personID, networkID))
			}, func(ix *index) {
				ix.removeMem(slot)
			}, nil
	})
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
