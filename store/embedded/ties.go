package embedded

import (
	"context"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// Connect creates a tie; ECONFLICT if the pair already has a tie of that kind,
// whichever way round, ENOTFOUND if either person is unknown.
func (s *Store) Connect(ctx context.Context, c netgraph.TieCreate) (*netgraph.Tie, error) {
	t, err := c.NewTie(s.now())
	if err != nil {
		return nil, err
	}
	normTie(t)
	var out *netgraph.Tie
	err = s.mutate(ctx, auditKind(netgraph.OpConnect, t.From, t.To, t.Kind), func(ix *index) (change, error) {
		from, ok := ix.people.slot[t.From]
		if !ok {
			return change{}, netgraph.NotFound("from", "person", t.From)
		}
		to, ok := ix.people.slot[t.To]
		if !ok {
			return change{}, netgraph.NotFound("to", "person", t.To)
		}
		rec := newTieRec(from, to, t)
		if _, ok := ties.find(ix, from, to, rec.kind); ok {
			return change{}, netgraph.Errorf(netgraph.ECONFLICT, "%q and %q already have a %s tie", t.From, t.To, t.Kind)
		}
		out = t
		return writeTie(t, rec)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// findTieByKey returns the slot of the tie k names (its people in either
// order), or ENOTFOUND.
func findTieByKey(ix *index, k netgraph.TieKey) (int32, error) {
	a, okA := ix.people.slot[k.A]
	b, okB := ix.people.slot[k.B]
	kind, okK := tieKindCodes[string(k.Kind)]
	if okA && okB && okK {
		if slot, ok := ties.find(ix, a, b, kind); ok {
			return slot, nil
		}
	}
	return -1, netgraph.Errorf(netgraph.ENOTFOUND, "no %s tie between %q and %q", k.Kind, k.A, k.B)
}

// writeTie returns the transaction and the index change that store t, whose
// index form is rec (a new tie, or a new version of one).
func writeTie(t *netgraph.Tie, rec tieRec) (change, error) {
	return change{
		write: func(tx *bbolt.Tx) error { return put(tx, bucketTies, tieFileKey(t.Key()), encodeTie(t)) },
		apply: func(ix *index) { ties.put(ix, rec) },
	}, nil
}

// UpdateTie changes an existing tie; ENOTFOUND if there is none.
func (s *Store) UpdateTie(ctx context.Context, k netgraph.TieKey, u netgraph.TieUpdate) (*netgraph.Tie, error) {
	var out *netgraph.Tie
	err := s.mutate(ctx, auditKind(netgraph.OpUpdateTie, k.A, k.B, k.Kind), func(ix *index) (change, error) {
		slot, err := findTieByKey(ix, k)
		if err != nil {
			return change{}, err
		}
		cur := ix.tie(slot)
		t, err := u.Apply(&cur)
		if err != nil {
			return change{}, err
		}
		normTie(t)
		rec := newTieRec(ix.ties.items[slot].from, ix.ties.items[slot].to, t)
		out = t
		return writeTie(t, rec)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Disconnect removes a tie; ENOTFOUND if there is none.
func (s *Store) Disconnect(ctx context.Context, k netgraph.TieKey) error {
	return s.mutate(ctx, auditKind(netgraph.OpDisconnect, k.A, k.B, k.Kind), func(ix *index) (change, error) {
		slot, err := findTieByKey(ix, k)
		if err != nil {
			return change{}, err
		}
		return ties.removal(ix, slot), nil
	})
}

// TiesByPerson returns each person's ties, by the other person's id and then
// kind, aligned with ids.
func (s *Store) TiesByPerson(ctx context.Context, personIDs []string) ([][]netgraph.Tie, error) {
	return readByID(ctx, s, &people, personIDs, func(ix *index, slot int32) []netgraph.Tie {
		return collectRel(ix.people.items[slot].ties, ix.tie)
	})
}
