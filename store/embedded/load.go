package embedded

import (
	"bytes"
	"fmt"
	"strings"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// load builds the index from the file in one read transaction.
//
// It is the whole of startup, so it avoids work per record: counts come from
// the buckets' page headers so that tables and maps are allocated once;
// entity strings share one allocation per record; ties are decoded without
// allocating; and relation lists come out of the buckets already in the
// order the index keeps them (keys sort by their ends), so they are filled
// in place from one backing array per relation type rather than sorted.
func load(tx *bbolt.Tx) (*index, error) {
	ix := &index{}
	meta := tx.Bucket(bucketMeta)
	v, err := decodeUint64(meta.Get(keyVersion))
	if err != nil {
		return nil, fmt.Errorf("data version: %w", err)
	}
	ix.version = v

	if ix.orgs, err = loadNodes("organisation", tx.Bucket(bucketOrganisations), func(id string, v []byte) (orgNode, string, error) {
		o, err := decodeOrganisation(id, v)
		return orgNode{o: o, nameLower: strings.ToLower(o.Name)}, o.ExternalID, err
	}); err != nil {
		return nil, err
	}
	if ix.nets, err = loadNodes("network", tx.Bucket(bucketNetworks), func(id string, v []byte) (netNode, string, error) {
		n, err := decodeNetwork(id, v)
		return netNode{n: n, nameLower: strings.ToLower(n.Name)}, n.ExternalID, err
	}); err != nil {
		return nil, err
	}
	if ix.people, err = loadNodes("person", tx.Bucket(bucketPeople), func(id string, v []byte) (personNode, string, error) {
		p, err := decodePerson(id, v)
		return personNode{p: p, nameLower: strings.ToLower(p.Name)}, p.ExternalID, err
	}); err != nil {
		return nil, err
	}

	if err := ix.loadRoles(&affiliations, tx.Bucket(bucketAffiliations), make(map[string]string)); err != nil {
		return nil, err
	}
	memberRoles := make(map[string]string, len(netgraph.MembershipRoles))
	for _, r := range netgraph.MembershipRoles {
		memberRoles[string(r)] = string(r)
	}
	if err := ix.loadRoles(&memberships, tx.Bucket(bucketMemberships), memberRoles); err != nil {
		return nil, err
	}
	if err := ix.loadTies(tx.Bucket(bucketTies)); err != nil {
		return nil, err
	}
	if err := ix.loadPartnerships(tx.Bucket(bucketPartnerships)); err != nil {
		return nil, err
	}
	return ix, nil
}

// loadNodes reads an entity bucket (what, for messages), in id order.
func loadNodes[T any](what string, b *bbolt.Bucket, decode func(id string, v []byte) (T, string, error)) (nodes[T], error) {
	ns := newNodes[T](b.Stats().KeyN)
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		id := string(k)
		body, err := unseal(k, v)
		if err != nil {
			return ns, fmt.Errorf("%s %q: %w", what, k, err)
		}
		n, ext, err := decode(id, body)
		if err != nil {
			return ns, err
		}
		ns.add(id, ext, n)
	}
	return ns, nil
}

// lists hands out, for each slot, an empty slice with room for exactly its
// count of relations, all cut from one backing array.
func lists(counts []int32) [][]int32 {
	total := 0
	for _, c := range counts {
		total += int(c)
	}
	backing := make([]int32, total)
	out := make([][]int32, len(counts))
	off := 0
	for i, c := range counts {
		out[i] = backing[off : off : off+int(c)]
		off += int(c)
	}
	return out
}

// fill hands each relation 0..n-1 to the list of its end in a table of size
// slots, keeping the relations' order.
func fill(n, size int, end func(i int) int32) [][]int32 {
	counts := make([]int32, size)
	for i := range n {
		counts[end(i)]++
	}
	ls := lists(counts)
	for i := range n {
		e := end(i)
		ls[e] = append(ls[e], int32(i))
	}
	return ls
}

// fill2 is fill for relations with both ends in the same table (ties,
// partnerships).
func fill2(n, size int, ends func(i int) (int32, int32)) [][]int32 {
	counts := make([]int32, size)
	for i := range n {
		a, b := ends(i)
		counts[a]++
		counts[b]++
	}
	ls := lists(counts)
	for i := range n {
		a, b := ends(i)
		ls[a] = append(ls[a], int32(i))
		ls[b] = append(ls[b], int32(i))
	}
	return ls
}

// loadTies reads the ties, the bulk of the file, without allocating per tie.
func (ix *index) loadTies(b *bbolt.Bucket) error {
	items := make([]tieRec, 0, b.Stats().KeyN)
	// Keys sort by their first person, so consecutive ties mostly share it:
	// remember its slot rather than look it up again.
	var lastA []byte
	var lastSlot int32 = -1
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		ak, bk, kk, ok := splitPair(k)
		a, aOK := lastSlot, lastSlot >= 0 && bytes.Equal(ak, lastA)
		if !aOK {
			a, aOK = ix.people.slot[string(ak)]
			lastA, lastSlot = ak, a
			if !aOK {
				lastSlot = -1
			}
		}
		p, bOK := ix.people.slot[string(bk)]
		kind, kOK := tieKindCodes[string(kk)]
		if !ok || !aOK || !bOK || !kOK {
			return fmt.Errorf("tie %q: unknown person or kind: %w", k, errCorrupt)
		}
		body, err := unseal(k, v)
		if err != nil {
			return fmt.Errorf("tie %q: %w", k, err)
		}
		tv, err := decodeTie(body)
		if err != nil {
			return fmt.Errorf("tie %q: %w", k, err)
		}
		r := tieRec{from: a, to: p, kind: kind, strength: tv.strength}
		if tv.hasLast {
			r.setTimes(tv.since, &tv.last)
		} else {
			r.setTimes(tv.since, nil)
		}
		if tv.reversed {
			r.from, r.to = p, a
		}
		items = append(items, r)
	}
	ties.loaded(ix, items)
	return nil
}

func (ix *index) loadPartnerships(b *bbolt.Bucket) error {
	items := make([]partRec, 0, b.Stats().KeyN)
	kinds := make(map[string]netgraph.PartnershipKind, len(netgraph.PartnershipKinds))
	for _, k := range netgraph.PartnershipKinds {
		kinds[string(k)] = k
	}
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		ak, bk, kk, ok := splitPair(k)
		a, aOK := ix.orgs.slot[string(ak)]
		o, bOK := ix.orgs.slot[string(bk)]
		if !ok || !aOK || !bOK {
			return fmt.Errorf("partnership %q: unknown organisation: %w", k, errCorrupt)
		}
		kind, known := kinds[string(kk)]
		if !known {
			kind = netgraph.PartnershipKind(kk)
		}
		body, err := unseal(k, v)
		if err != nil {
			return fmt.Errorf("partnership %q: %w", k, err)
		}
		reversed, since, err := decodePartnership(body)
		if err != nil {
			return fmt.Errorf("partnership %q: %w", k, err)
		}
		r := partRec{from: a, to: o, kind: kind, since: since}
		if reversed {
			r.from, r.to = o, a
		}
		items = append(items, r)
	}
	partnerships.loaded(ix, items)
	return nil
}
