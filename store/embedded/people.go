package embedded

import (
	"context"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// CreatePerson validates c and stores a new person. If c.ExternalID names an
// existing person, that person is returned and nothing changes.
func (s *Store) CreatePerson(ctx context.Context, c netgraph.PersonCreate) (*netgraph.Person, error) {
	var out *netgraph.Person
	id := netgraph.NewID(netgraph.PersonIDPrefix)
	err := s.mutate(ctx, audit(netgraph.OpCreatePerson, id), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		p, err := c.NewPerson(id, s.now())
		if err != nil {
			return nil, nil, err
		}
		if slot, ok := ix.people.ext[p.ExternalID]; ok && p.ExternalID != "" {
			out = ix.person(slot)
			return nil, nil, nil
		}
		normPerson(p)
		out = p
		return func(tx *bbolt.Tx) error {
				if p.ExternalID != "" {
					if err := put(tx, bucketPeopleExt, []byte(p.ExternalID), []byte(p.ID)); err != nil {
						return err
					}
				}
				return put(tx, bucketPeople, []byte(p.ID), encodePerson(p))
			}, func(ix *index) {
				ix.putPerson(p)
			}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Person returns one person; ENOTFOUND if unknown.
func (s *Store) Person(ctx context.Context, id string) (*netgraph.Person, error) {
	var out *netgraph.Person
	err := s.read(ctx, func(ix *index) error {
		slot, ok := ix.people.slot[id]
		if !ok {
			return netgraph.NotFound("id", "person", id)
		}
		out = ix.person(slot)
		return nil
	})
	return out, err
}

// PeopleByID returns the people with the given ids, nil where unknown.
func (s *Store) PeopleByID(ctx context.Context, ids []string) ([]*netgraph.Person, error) {
	out := make([]*netgraph.Person, len(ids))
	err := s.read(ctx, func(ix *index) error {
		for i, id := range ids {
			if slot, ok := ix.people.slot[id]; ok {
				out[i] = ix.person(slot)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// People lists the people f matches, in creation (id) order.
func (s *Store) People(ctx context.Context, f netgraph.PersonFilter, p netgraph.Page) (*netgraph.List[*netgraph.Person], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var out *netgraph.List[*netgraph.Person]
	err := s.read(ctx, func(ix *index) error {
		out = ix.listPeople(f, p)
		return nil
	})
	return out, err
}

// UpdatePerson changes a person; ENOTFOUND if unknown.
func (s *Store) UpdatePerson(ctx context.Context, id string, u netgraph.PersonUpdate) (*netgraph.Person, error) {
	var out *netgraph.Person
	err := s.mutate(ctx, audit(netgraph.OpUpdatePerson, id), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		slot, ok := ix.people.slot[id]
		if !ok {
			return nil, nil, netgraph.NotFound("id", "person", id)
		}
		p, err := u.Apply(&ix.people.items[slot].p, s.now())
		if err != nil {
			return nil, nil, err
		}
		normPerson(p)
		out = p
		return func(tx *bbolt.Tx) error {
				return put(tx, bucketPeople, []byte(p.ID), encodePerson(p))
			}, func(ix *index) {
				ix.putPerson(p)
			}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeletePerson erases a person with their ties, affiliations and memberships.
func (s *Store) DeletePerson(ctx context.Context, id string) error {
	return s.mutate(ctx, audit(netgraph.OpDeletePerson, id), func(ix *index) (func(*bbolt.Tx) error, func(*index), error) {
		slot, ok := ix.people.slot[id]
		if !ok {
			return nil, nil, netgraph.NotFound("id", "person", id)
		}
		n := &ix.people.items[slot]
		ext := n.p.ExternalID
		ties := make([][]byte, len(n.ties))
		for i, t := range n.ties {
			ties[i] = tieKey(ix, t)
		}
		affs := make([][]byte, len(n.affs))
		for i, a := range n.affs {
			affs[i] = relKey(id, ix.orgs.ids[ix.affs.items[a].org])
		}
		mems := make([][]byte, len(n.mems))
		for i, m := range n.mems {
			mems[i] = relKey(id, ix.nets.ids[ix.mems.items[m].net])
		}
		return func(tx *bbolt.Tx) error {
				if err := deleteAll(tx, bucketTies, ties); err != nil {
					return err
				}
				if err := deleteAll(tx, bucketAffiliations, affs); err != nil {
					return err
				}
				if err := deleteAll(tx, bucketMemberships, mems); err != nil {
					return err
				}
				if ext != "" {
					if err := del(tx, bucketPeopleExt, []byte(ext)); err != nil {
						return err
					}
				}
				return del(tx, bucketPeople, []byte(id))
			}, func(ix *index) {
				ix.deletePerson(slot)
			}, nil
	})
}

// tieKey returns the file key of the tie in slot t.
func tieKey(ix *index, t int32) []byte {
	r := &ix.ties.items[t]
	k := netgraph.NewTieKey(ix.people.ids[r.from], ix.people.ids[r.to], tieKinds[r.kind])
	return pairKey(k.A, k.B, string(k.Kind))
}

// deleteAll deletes keys from bucket b.
func deleteAll(tx *bbolt.Tx, b []byte, keys [][]byte) error {
	bk := tx.Bucket(b)
	for _, k := range keys {
		if err := bk.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
