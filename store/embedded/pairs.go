package embedded

import (
	"cmp"
	"slices"
	"strings"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// Ties and partnerships are the same relation between two entities of one
// kind (two people, two organisations): a kind of relation, at most one per
// pair and kind whichever way round it was recorded, listed at both ends by
// the other end's id and then kind. A pairKind describes one of them, so that
// its index is written once, as roleKind does for affiliations and
// memberships.
type pairKind[R any, K cmp.Ordered] struct {
	bucket  []byte
	fileKey func(ix *index, s int32) []byte // the file key of the relation in slot s
	rels    func(ix *index) *edges[R]
	ends    func(r *R) (from, to int32)
	kind    func(r *R) K
	list    func(ix *index, owner int32) *[]int32 // the relations at an end
	ids     func(ix *index) []string              // the ends' ids by slot
}

var (
	ties = pairKind[tieRec, uint8]{
		bucket: bucketTies,
		fileKey: func(ix *index, s int32) []byte {
			r := &ix.ties.items[s]
			return tieFileKey(netgraph.NewTieKey(ix.people.ids[r.from], ix.people.ids[r.to], tieKinds[r.kind]))
		},
		rels: func(ix *index) *edges[tieRec] { return &ix.ties },
		ends: func(t *tieRec) (int32, int32) { return t.from, t.to },
		kind: func(t *tieRec) uint8 { return t.kind }, // codes compare as names do
		list: func(ix *index, p int32) *[]int32 { return &ix.people.items[p].ties },
		ids:  func(ix *index) []string { return ix.people.ids },
	}
	partnerships = pairKind[partRec, netgraph.PartnershipKind]{
		bucket: bucketPartnerships,
		fileKey: func(ix *index, s int32) []byte {
			r := &ix.parts.items[s]
			return partnershipFileKey(ix.orgs.ids[r.from], ix.orgs.ids[r.to], r.kind)
		},
		rels: func(ix *index) *edges[partRec] { return &ix.parts },
		ends: func(p *partRec) (int32, int32) { return p.from, p.to },
		kind: func(p *partRec) netgraph.PartnershipKind { return p.kind },
		list: func(ix *index, o int32) *[]int32 { return &ix.orgs.items[o].parts },
		ids:  func(ix *index) []string { return ix.orgs.ids },
	}
)

// other returns the end of r that is not end.
func (k *pairKind[R, K]) other(r *R, end int32) int32 {
	from, to := k.ends(r)
	if from == end {
		return to
	}
	return from
}

// order orders the relations at end by the other end's id, then kind.
func (k *pairKind[R, K]) order(ix *index, end int32) func(a, b int32) int {
	rels, ids := k.rels(ix), k.ids(ix)
	return func(a, b int32) int {
		ra, rb := &rels.items[a], &rels.items[b]
		if c := strings.Compare(ids[k.other(ra, end)], ids[k.other(rb, end)]); c != 0 {
			return c
		}
		return cmp.Compare(k.kind(ra), k.kind(rb))
	}
}

// find returns the slot of the relation of kind between a and b, searching
// the shorter of their lists.
func (k *pairKind[R, K]) find(ix *index, a, b int32, kind K) (int32, bool) {
	if len(*k.list(ix, b)) < len(*k.list(ix, a)) {
		a, b = b, a
	}
	rels, ids := k.rels(ix), k.ids(ix)
	list := *k.list(ix, a)
	i, ok := slices.BinarySearchFunc(list, ids[b], func(s int32, id string) int {
		r := &rels.items[s]
		if c := strings.Compare(ids[k.other(r, a)], id); c != 0 {
			return c
		}
		return cmp.Compare(k.kind(r), kind)
	})
	if !ok {
		return -1, false
	}
	return list[i], true
}

// put adds r or replaces the relation with its ends and kind (whichever its
// direction).
func (k *pairKind[R, K]) put(ix *index, r R) {
	rels := k.rels(ix)
	from, to := k.ends(&r)
	if s, ok := k.find(ix, from, to, k.kind(&r)); ok {
		rels.items[s] = r
		return
	}
	s := rels.add(r)
	a, b := k.list(ix, from), k.list(ix, to)
	*a = insertSorted(*a, s, k.order(ix, from))
	*b = insertSorted(*b, s, k.order(ix, to))
}

// remove removes the relation in slot s.
func (k *pairKind[R, K]) remove(ix *index, s int32) {
	rels := k.rels(ix)
	from, to := k.ends(&rels.items[s])
	a, b := k.list(ix, from), k.list(ix, to)
	*a = removeSorted(*a, s, k.order(ix, from))
	*b = removeSorted(*b, s, k.order(ix, to))
	rels.remove(s)
}

// removal is the change that removes the relation in slot s.
func (k *pairKind[R, K]) removal(ix *index, s int32) change {
	key := k.fileKey(ix, s)
	return change{
		write: func(tx *bbolt.Tx) error { return del(tx, k.bucket, key) },
		apply: func(ix *index) { k.remove(ix, s) },
	}
}

// fileKeys returns the file keys of the relations in slots.
func (k *pairKind[R, K]) fileKeys(ix *index, slots []int32) [][]byte {
	return relationKeys(slots, func(s int32) []byte { return k.fileKey(ix, s) })
}

// loaded takes the relations Open read, in file key order, and lists them at
// their ends.
func (k *pairKind[R, K]) loaded(ix *index, items []R) {
	rels := k.rels(ix)
	rels.items, rels.n = items, len(items)
	for s, l := range fill2(len(items), len(k.ids(ix)), func(i int) (int32, int32) { return k.ends(&items[i]) }) {
		*k.list(ix, int32(s)) = l
	}
}
