package embedded

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"github.com/netgraph/netgraph"
)

// Affiliations and memberships are the same relation with different ends: a
// person, an entity of another kind (an organisation, a network), a role and
// a since date, one per pair, keyed in the file by person NUL other. A
// roleKind describes one of them, so that their storage, index and
// operations are written once, as entityKind does for entities.

// roleRec is an affiliation or a membership in the index.
type roleRec struct {
	person, other int32 // the person's slot and the organisation's or network's
	role          string
	since         *time.Time
}

// roleRel is an affiliation or a membership by ids: the form the operations
// below take and return.
type roleRel struct {
	person, other string
	role          string
	since         *time.Time
}

// roleKind describes how the file and the index keep one relation of a
// person with a role.
type roleKind struct {
	what                  string // "affiliation", for messages
	bucket                []byte
	otherWhat, otherField string // "organisation", "organisationId"
	// opAdd, opUpdate and opRemove name the mutations in the audit log.
	opAdd, opUpdate, opRemove string
	// conflict and missing are the errors of adding a pair that exists
	// and changing or removing one that does not.
	conflict, missing func(personID, otherID string) error
	rels              func(ix *index) *edges[roleRec]
	personList        func(ix *index, person int32) *[]int32 // by the other's id
	otherList         func(ix *index, other int32) *[]int32  // by person id
	otherIDs          func(ix *index) []string
	otherSlots        func(ix *index) map[string]int32
}

var (
	affiliations = roleKind{
		what: "affiliation", bucket: bucketAffiliations, otherWhat: "organisation", otherField: "organisationId",
		opAdd: netgraph.OpAddAffiliation, opUpdate: netgraph.OpUpdateAffiliation, opRemove: netgraph.OpRemoveAffiliation,
		conflict: func(p, o string) error {
			return netgraph.Errorf(netgraph.ECONFLICT, "person %q already has an affiliation with organisation %q", p, o)
		},
		missing: func(p, o string) error {
			return netgraph.Errorf(netgraph.ENOTFOUND, "person %q has no affiliation with organisation %q", p, o)
		},
		rels:       func(ix *index) *edges[roleRec] { return &ix.affs },
		personList: func(ix *index, p int32) *[]int32 { return &ix.people.items[p].affs },
		otherList:  func(ix *index, o int32) *[]int32 { return &ix.orgs.items[o].affs },
		otherIDs:   func(ix *index) []string { return ix.orgs.ids },
		otherSlots: func(ix *index) map[string]int32 { return ix.orgs.slot },
	}
	memberships = roleKind{
		what: "membership", bucket: bucketMemberships, otherWhat: "network", otherField: "networkId",
		opAdd: netgraph.OpAddMembership, opUpdate: netgraph.OpUpdateMembership, opRemove: netgraph.OpRemoveMembership,
		conflict: func(p, n string) error {
			return netgraph.Errorf(netgraph.ECONFLICT, "person %q is already a member of network %q", p, n)
		},
		missing: func(p, n string) error {
			return netgraph.Errorf(netgraph.ENOTFOUND, "person %q is not a member of network %q", p, n)
		},
		rels:       func(ix *index) *edges[roleRec] { return &ix.mems },
		personList: func(ix *index, p int32) *[]int32 { return &ix.people.items[p].mems },
		otherList:  func(ix *index, n int32) *[]int32 { return &ix.nets.items[n].mems },
		otherIDs:   func(ix *index) []string { return ix.nets.ids },
		otherSlots: func(ix *index) map[string]int32 { return ix.nets.slot },
	}
)

// Operations.

// addRole adds a new relation r (validated); k.conflict if the pair has one.
func (s *Store) addRole(ctx context.Context, k *roleKind, r roleRel) error {
	return s.mutate(ctx, audit(k.opAdd, r.person, r.other), func(ix *index) (change, error) {
		person, other, err := k.ends(ix, r.person, r.other)
		if err != nil {
			return change{}, err
		}
		if _, ok := ix.findRole(k, person, other); ok {
			return change{}, k.conflict(r.person, r.other)
		}
		return k.write(person, other, r), nil
	})
}

// updateRole replaces the role and since of the existing relation r names
// (validated); k.missing if there is none.
func (s *Store) updateRole(ctx context.Context, k *roleKind, r roleRel) error {
	return s.mutate(ctx, audit(k.opUpdate, r.person, r.other), func(ix *index) (change, error) {
		person, other, err := k.ends(ix, r.person, r.other)
		if err != nil {
			return change{}, err
		}
		if _, ok := ix.findRole(k, person, other); !ok {
			return change{}, k.missing(r.person, r.other)
		}
		return k.write(person, other, r), nil
	})
}

// removeRole removes the relation between a person and the other entity;
// k.missing if there is none.
func (s *Store) removeRole(ctx context.Context, k *roleKind, personID, otherID string) error {
	return s.mutate(ctx, audit(k.opRemove, personID, otherID), func(ix *index) (change, error) {
		person, other, err := k.ends(ix, personID, otherID)
		if err != nil {
			return change{}, err
		}
		slot, ok := ix.findRole(k, person, other)
		if !ok {
			return change{}, k.missing(personID, otherID)
		}
		return change{
			write: func(tx *bbolt.Tx) error { return del(tx, k.bucket, relKey(personID, otherID)) },
			apply: func(ix *index) { ix.removeRole(k, slot) },
		}, nil
	})
}

// ends returns the slots of a relation's person and other entity.
func (k *roleKind) ends(ix *index, personID, otherID string) (person, other int32, err error) {
	person, ok := ix.people.slot[personID]
	if !ok {
		return 0, 0, netgraph.NotFound("personId", "person", personID)
	}
	other, ok = k.otherSlots(ix)[otherID]
	if !ok {
		return 0, 0, netgraph.NotFound(k.otherField, k.otherWhat, otherID)
	}
	return person, other, nil
}

// write is the change that stores r, whose ends are in slots person and
// other.
func (k *roleKind) write(person, other int32, r roleRel) change {
	return change{
		write: func(tx *bbolt.Tx) error {
			return put(tx, k.bucket, relKey(r.person, r.other), encodeRole(r.role, r.since))
		},
		apply: func(ix *index) {
			ix.putRole(k, roleRec{person: person, other: other, role: r.role, since: clonePtr(r.since)})
		},
	}
}

// fileKeys returns the file keys of the relations in slots.
func (k *roleKind) fileKeys(ix *index, slots []int32) [][]byte {
	rels, others := k.rels(ix), k.otherIDs(ix)
	return relationKeys(slots, func(s int32) []byte {
		r := &rels.items[s]
		return relKey(ix.people.ids[r.person], others[r.other])
	})
}

// rel returns the relation in slot s.
func (ix *index) rel(k *roleKind, s int32) roleRel {
	r := &k.rels(ix).items[s]
	return roleRel{person: ix.people.ids[r.person], other: k.otherIDs(ix)[r.other], role: r.role, since: clonePtr(r.since)}
}

// The index.

// byOther orders a person's relations by the other entity's id.
func (ix *index) byOther(k *roleKind) func(a, b int32) int {
	rels, others := k.rels(ix), k.otherIDs(ix)
	return func(a, b int32) int { return strings.Compare(others[rels.items[a].other], others[rels.items[b].other]) }
}

// byPerson orders the other entity's relations by person id.
func (ix *index) byPerson(k *roleKind) func(a, b int32) int {
	rels := k.rels(ix)
	return func(a, b int32) int {
		return strings.Compare(ix.people.ids[rels.items[a].person], ix.people.ids[rels.items[b].person])
	}
}

// findRole returns the slot of the relation between person and other.
func (ix *index) findRole(k *roleKind, person, other int32) (int32, bool) {
	rels, others := k.rels(ix), k.otherIDs(ix)
	list := *k.personList(ix, person)
	i, ok := slices.BinarySearchFunc(list, others[other], func(s int32, id string) int {
		return strings.Compare(others[rels.items[s].other], id)
	})
	if !ok {
		return -1, false
	}
	return list[i], true
}

// putRole adds r or replaces the relation between its ends.
func (ix *index) putRole(k *roleKind, r roleRec) {
	rels := k.rels(ix)
	if s, ok := ix.findRole(k, r.person, r.other); ok {
		rels.items[s] = r
		return
	}
	s := rels.add(r)
	p, o := k.personList(ix, r.person), k.otherList(ix, r.other)
	*p = insertSorted(*p, s, ix.byOther(k))
	*o = insertSorted(*o, s, ix.byPerson(k))
}

// removeRole removes the relation in slot s.
func (ix *index) removeRole(k *roleKind, s int32) {
	rels := k.rels(ix)
	r := rels.items[s]
	p, o := k.personList(ix, r.person), k.otherList(ix, r.other)
	*p = removeSorted(*p, s, ix.byOther(k))
	*o = removeSorted(*o, s, ix.byPerson(k))
	rels.remove(s)
}

// rolePeople returns the people of relation slots (which are in person id
// order).
func (ix *index) rolePeople(k *roleKind, slots []int32) []int32 {
	rels := k.rels(ix)
	out := make([]int32, len(slots))
	for i, s := range slots {
		out[i] = rels.items[s].person
	}
	return out
}

// loadRoles reads the relations of kind k from bucket b at Open, in key
// order, which is the order of the persons' lists. intern maps role
// spellings to one shared string.
func (ix *index) loadRoles(k *roleKind, b *bbolt.Bucket, intern map[string]string) error {
	items := make([]roleRec, 0, b.Stats().KeyN)
	others := k.otherSlots(ix)
	c := b.Cursor()
	for key, v := c.First(); key != nil; key, v = c.Next() {
		pk, ok, split := splitRel(key)
		p, pOK := ix.people.slot[string(pk)]
		o, oOK := others[string(ok)]
		if !split || !pOK || !oOK {
			return fmt.Errorf("%s %q: unknown person or %s: %w", k.what, key, k.otherWhat, errCorrupt)
		}
		body, err := unseal(key, v)
		if err != nil {
			return fmt.Errorf("%s %q: %w", k.what, key, err)
		}
		role, since, err := decodeRole(body, intern)
		if err != nil {
			return fmt.Errorf("%s %q: %w", k.what, key, err)
		}
		items = append(items, roleRec{person: p, other: o, role: role, since: since})
	}
	rels := k.rels(ix)
	rels.items, rels.n = items, len(items)
	for s, l := range fill(len(items), len(ix.people.items), func(i int) int32 { return items[i].person }) {
		*k.personList(ix, int32(s)) = l
	}
	for s, l := range fill(len(items), len(k.otherIDs(ix)), func(i int) int32 { return items[i].other }) {
		*k.otherList(ix, int32(s)) = l
	}
	return nil
}
