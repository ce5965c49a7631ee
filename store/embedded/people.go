package embedded

import (
	"context"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// CreatePerson validates c and stores a new person. If c.ExternalID names an
// existing person, that person is returned and nothing changes.
func (s *Store) CreatePerson(ctx context.Context, c netgraph.PersonCreate) (*netgraph.Person, error) {
	id := netgraph.NewID(netgraph.PersonIDPrefix)
	return createEntity(ctx, s, &people, audit(netgraph.OpCreatePerson, id), func() (*netgraph.Person, error) {
		return c.NewPerson(id, s.now())
	})
}

// Person returns one person; ENOTFOUND if unknown.
func (s *Store) Person(ctx context.Context, id string) (*netgraph.Person, error) {
	return getEntity(ctx, s, &people, id)
}

// PersonByExternalID returns the person with that external id.
func (s *Store) PersonByExternalID(ctx context.Context, externalID string) (*netgraph.Person, error) {
	return getByExternalID(ctx, s, &people, externalID)
}

// PeopleByID returns the people with the given ids, nil where unknown.
func (s *Store) PeopleByID(ctx context.Context, ids []string) ([]*netgraph.Person, error) {
	return readByID(ctx, s, &people, ids, people.get)
}

// People lists the people f matches, in creation (id) order.
func (s *Store) People(ctx context.Context, f netgraph.PersonFilter, p netgraph.Page) (*netgraph.List[*netgraph.Person], error) {
	return readList(ctx, s, p, func(ix *index, p netgraph.Page) *netgraph.List[*netgraph.Person] {
		return ix.listPeople(f, p)
	})
}

// UpdatePerson changes a person; ENOTFOUND if unknown. An update that sets
// no field writes nothing and returns the person as they are. The values it
// replaces stay on free pages of the file until they are reused: the next
// DeletePerson or Compact removes them, UpdatePerson does not (rewriting
// the file on every update would cost too much).
func (s *Store) UpdatePerson(ctx context.Context, id string, u netgraph.PersonUpdate) (*netgraph.Person, error) {
	if u.Empty() {
		return s.Person(ctx, id)
	}
	return updateEntity(ctx, s, &people, audit(netgraph.OpUpdatePerson, id), id, func(p *netgraph.Person) (*netgraph.Person, error) {
		return u.Apply(p, s.now())
	})
}

// DeletePerson erases a person with their ties, affiliations, memberships
// and dismissed introductions.
// Before it returns, it compacts the file (see compact.go), so
// their records are gone from the disk, not only from the store; if that
// fails, the person is deleted but DeletePerson returns an error that wraps
// netgraph.ErrErasedNotCompacted, and the next DeletePerson, Compact or Open
// finishes the erasure.
func (s *Store) DeletePerson(ctx context.Context, id string) error {
	deleting := alsoWrite(deletion(&people, id), func(tx *bbolt.Tx) error { return deleteDismissalsOf(tx, id) })
	return s.erase(ctx, "person "+id, audit(netgraph.OpDeletePerson, id), withRequestsDeleted(deleting,
		func(r *netgraph.MembershipRequest) bool { return r.PersonID == id }))
}
