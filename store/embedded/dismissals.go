package embedded

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// Dismissed introductions live in the dismissals bucket only, not in the
// index: they are few, and read whole (by the engine, once per data
// version, and by facilitators), like the audit log. DeletePerson deletes
// the person's dismissals in its own transaction, so the erasure's
// compaction removes them from the disk too.

// DismissIntroduction records the dismissal of the introduction of c.A and
// c.B; an existing dismissal of the pair is returned unchanged.
func (s *Store) DismissIntroduction(ctx context.Context, c netgraph.DismissalCreate) (*netgraph.Dismissal, error) {
	d, err := c.NewDismissal(ctx, s.now())
	if err != nil {
		return nil, err
	}
	key := relKey(d.A, d.B)
	out := d
	err = s.mutate(ctx, audit(netgraph.OpDismissIntroduction, d.A, d.B), func(ix *index) (change, error) {
		if _, ok := ix.people.slot[d.A]; !ok {
			return change{}, netgraph.NotFound(fieldOf(c, d.A), "person", d.A)
		}
		if _, ok := ix.people.slot[d.B]; !ok {
			return change{}, netgraph.NotFound(fieldOf(c, d.B), "person", d.B)
		}
		// The write lock is held, so the file is the state to check.
		var old *netgraph.Dismissal
		if err := s.db.View(func(tx *bbolt.Tx) error {
			v := tx.Bucket(bucketDismissals).Get(key)
			if v == nil {
				return nil
			}
			got, err := decodeDismissalValue(key, v)
			old = &got
			return err
		}); err != nil {
			return change{}, err
		}
		if old != nil {
			out = old
			return change{}, nil
		}
		return change{
			write: func(tx *bbolt.Tx) error { return put(tx, bucketDismissals, key, encodeDismissal(d)) },
			apply: func(*index) {},
		}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// fieldOf names the argument of c that id came from ("a" or "b").
func fieldOf(c netgraph.DismissalCreate, id string) string {
	if strings.TrimSpace(c.B) == id {
		return "b"
	}
	return "a"
}

// Dismissals returns every dismissal, by A and then B (the key order).
func (s *Store) Dismissals(ctx context.Context) ([]netgraph.Dismissal, error) {
	var out []netgraph.Dismissal
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketDismissals).ForEach(func(k, v []byte) error {
			d, err := decodeDismissalValue(k, v)
			if err != nil {
				return err
			}
			out = append(out, d)
			return nil
		})
	})
	return out, err
}

// deleteDismissalsOf deletes every dismissal that names person id.
func deleteDismissalsOf(tx *bbolt.Tx, id string) error {
	b := tx.Bucket(bucketDismissals)
	var keys [][]byte
	if err := b.ForEach(func(k, _ []byte) error {
		a, bb, ok := splitRel(k)
		if ok && (string(a) == id || string(bb) == id) {
			keys = append(keys, bytes.Clone(k))
		}
		return nil
	}); err != nil {
		return err
	}
	return deleteAll(tx, bucketDismissals, keys)
}

var errDismissalKey = errors.New("dismissal key is not two ids")

// decodeDismissalValue unseals and decodes the dismissal stored at key.
func decodeDismissalValue(key, v []byte) (netgraph.Dismissal, error) {
	a, b, ok := splitRel(key)
	if !ok {
		return netgraph.Dismissal{}, errDismissalKey
	}
	body, err := unseal(key, v)
	if err != nil {
		return netgraph.Dismissal{}, err
	}
	d := decoder{b: body}
	d.format()
	out := netgraph.Dismissal{A: string(a), B: string(b), By: d.str(), At: d.time(), Reason: d.str()}
	return out, d.done()
}

// encodeDismissal encodes what a dismissal holds beyond its key.
func encodeDismissal(d *netgraph.Dismissal) []byte {
	e := encoder{make([]byte, 0, 32+len(d.By)+len(d.Reason))}
	e.byte(valueFormat)
	e.str(d.By)
	e.time(d.At)
	e.str(d.Reason)
	return e.b
}
