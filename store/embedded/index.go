package embedded

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
)

// index is the in-memory form of the file: it serves every read. Entities
// live in slots (stable small integers) so that relations can refer to them
// with an int32 instead of a string, and every relation is listed at both of
// its ends in the order the Store interface promises, so that reads are
// lookups and slices, never sorts.
//
// The Store changes an index only after the transaction that made the same
// change in the file has committed, and only while holding its write lock.
type index struct {
	version uint64
	people  nodes[personNode]
	orgs    nodes[orgNode]
	nets    nodes[netNode]
	ties    edges[tieRec]
	affs    edges[roleRec] // see relations.go
	mems    edges[roleRec]
	parts   edges[partRec]
}

type personNode struct {
	p         netgraph.Person
	nameLower string
	ties      []int32 // tie slots, by the other person's id, then kind
	affs      []int32 // affiliation slots, by organisation id
	mems      []int32 // membership slots, by network id
}

type orgNode struct {
	o         netgraph.Organisation
	nameLower string
	affs      []int32 // affiliation slots, by person id
	parts     []int32 // partnership slots, by the other organisation's id, then kind
}

type netNode struct {
	n         netgraph.Network
	nameLower string
	mems      []int32 // membership slots, by person id
}

// tieRec is a tie in the compact, pointer-free form a million of them are
// kept in (48 bytes; the garbage collector need not scan them). Times are
// split into seconds and nanoseconds so that they pack without padding.
type tieRec struct {
	from, to            int32 // person slots, in the direction the tie was recorded
	sinceSec, lastSec   int64
	sinceNsec, lastNsec int32
	strength            float64
	kind                uint8 // index into tieKinds
	hasLast             bool
}

func (t *tieRec) since() instant { return instant{t.sinceSec, t.sinceNsec} }
func (t *tieRec) last() instant  { return instant{t.lastSec, t.lastNsec} }

func (t *tieRec) setTimes(since instant, last *instant) {
	t.sinceSec, t.sinceNsec = since.sec, since.nsec
	t.hasLast = last != nil
	if last != nil {
		t.lastSec, t.lastNsec = last.sec, last.nsec
	}
}

type partRec struct {
	from, to int32 // organisation slots, as recorded
	kind     netgraph.PartnershipKind
	since    *time.Time
}

// tieKinds lists the tie kinds in the order of their names, so that comparing
// codes compares names.
var tieKinds = slices.Sorted(slices.Values(netgraph.TieKinds))

// tieKindCodes maps a tie kind's name to its code.
var tieKindCodes = func() map[string]uint8 {
	m := make(map[string]uint8, len(tieKinds))
	for i, k := range tieKinds {
		m[string(k)] = uint8(i)
	}
	return m
}()

// nodes is a table of entities by slot, with lookups by id and external id
// and the live slots in id order (which is creation order, ids being
// time-ordered).
type nodes[T any] struct {
	items []T
	ids   []string // by slot; "" for a free slot
	slot  map[string]int32
	ext   map[string]int32
	order []int32 // live slots in id order
	free  []int32
}

func newNodes[T any](n int) nodes[T] {
	return nodes[T]{
		items: make([]T, 0, n),
		ids:   make([]string, 0, n),
		slot:  make(map[string]int32, n),
		ext:   make(map[string]int32),
		order: make([]int32, 0, n),
	}
}

// len returns the number of live entities.
func (ns *nodes[T]) len() int { return len(ns.order) }

// add stores v with its id and external id and returns its slot.
func (ns *nodes[T]) add(id, ext string, v T) int32 {
	var s int32
	if n := len(ns.free); n > 0 {
		s = ns.free[n-1]
		ns.free = ns.free[:n-1]
		ns.items[s], ns.ids[s] = v, id
	} else {
		s = int32(len(ns.items))
		ns.items = append(ns.items, v)
		ns.ids = append(ns.ids, id)
	}
	ns.slot[id] = s
	if ext != "" {
		ns.ext[ext] = s
	}
	if n := len(ns.order); n == 0 || ns.ids[ns.order[n-1]] < id {
		ns.order = append(ns.order, s) // the usual case: a new id is the largest
	} else {
		ns.order = slices.Insert(ns.order, ns.search(id), s)
	}
	return s
}

// setExt moves slot s from external id old to new.
func (ns *nodes[T]) setExt(s int32, old, new string) {
	if old == new {
		return
	}
	if old != "" && ns.ext[old] == s {
		delete(ns.ext, old)
	}
	if new != "" {
		ns.ext[new] = s
	}
}

// remove frees slot s, whose external id is ext.
func (ns *nodes[T]) remove(s int32, ext string) {
	id := ns.ids[s]
	if i := ns.search(id); i < len(ns.order) && ns.order[i] == s {
		ns.order = slices.Delete(ns.order, i, i+1)
	}
	delete(ns.slot, id)
	ns.setExt(s, ext, "")
	var zero T
	ns.items[s], ns.ids[s] = zero, ""
	ns.free = append(ns.free, s)
}

// search returns the position in order of the first slot whose id is not
// less than id.
func (ns *nodes[T]) search(id string) int {
	return sort.Search(len(ns.order), func(i int) bool { return ns.ids[ns.order[i]] >= id })
}

// edges is a table of relations by slot.
type edges[T any] struct {
	items []T
	free  []int32
	n     int // live relations
}

func (es *edges[T]) add(v T) int32 {
	es.n++
	if n := len(es.free); n > 0 {
		s := es.free[n-1]
		es.free = es.free[:n-1]
		es.items[s] = v
		return s
	}
	es.items = append(es.items, v)
	return int32(len(es.items) - 1)
}

func (es *edges[T]) remove(s int32) {
	var zero T
	es.items[s] = zero
	es.free = append(es.free, s)
	es.n--
}

// insertSorted inserts v into list, which is ordered by cmp.
func insertSorted(list []int32, v int32, cmp func(a, b int32) int) []int32 {
	i, _ := slices.BinarySearchFunc(list, v, cmp)
	return slices.Insert(list, i, v)
}

// removeSorted removes v from list, which is ordered by cmp.
func removeSorted(list []int32, v int32, cmp func(a, b int32) int) []int32 {
	i, ok := slices.BinarySearchFunc(list, v, cmp)
	if !ok || list[i] != v {
		i = slices.Index(list, v)
		if i < 0 {
			return list
		}
	}
	return slices.Delete(list, i, i+1)
}

// Changes. Each mirrors a change already committed to the file; none fails.

// putPerson adds p or replaces the person with p's id, keeping their relations.
// The index keeps its own copy of p.
func (ix *index) putPerson(p *netgraph.Person) {
	q := *p
	q.Interests = slices.Clone(p.Interests)
	if s, ok := ix.people.slot[p.ID]; ok {
		n := &ix.people.items[s]
		ix.people.setExt(s, n.p.ExternalID, q.ExternalID)
		n.p, n.nameLower = q, strings.ToLower(q.Name)
		return
	}
	ix.people.add(q.ID, q.ExternalID, personNode{p: q, nameLower: strings.ToLower(q.Name)})
}

// deletePerson removes a person with their ties, affiliations and memberships.
func (ix *index) deletePerson(s int32) {
	n := &ix.people.items[s]
	for _, t := range slices.Clone(n.ties) {
		ties.remove(ix, t)
	}
	for _, a := range slices.Clone(n.affs) {
		ix.removeRole(&affiliations, a)
	}
	for _, m := range slices.Clone(n.mems) {
		ix.removeRole(&memberships, m)
	}
	ix.people.remove(s, n.p.ExternalID)
}

func (ix *index) putOrg(o *netgraph.Organisation) {
	if s, ok := ix.orgs.slot[o.ID]; ok {
		n := &ix.orgs.items[s]
		ix.orgs.setExt(s, n.o.ExternalID, o.ExternalID)
		n.o, n.nameLower = *o, strings.ToLower(o.Name)
		return
	}
	ix.orgs.add(o.ID, o.ExternalID, orgNode{o: *o, nameLower: strings.ToLower(o.Name)})
}

// deleteOrg removes an organisation with its affiliations and partnerships.
func (ix *index) deleteOrg(s int32) {
	n := &ix.orgs.items[s]
	for _, a := range slices.Clone(n.affs) {
		ix.removeRole(&affiliations, a)
	}
	for _, p := range slices.Clone(n.parts) {
		partnerships.remove(ix, p)
	}
	ix.orgs.remove(s, n.o.ExternalID)
}

func (ix *index) putNet(nw *netgraph.Network) {
	if s, ok := ix.nets.slot[nw.ID]; ok {
		n := &ix.nets.items[s]
		ix.nets.setExt(s, n.n.ExternalID, nw.ExternalID)
		n.n, n.nameLower = *nw, strings.ToLower(nw.Name)
		return
	}
	ix.nets.add(nw.ID, nw.ExternalID, netNode{n: *nw, nameLower: strings.ToLower(nw.Name)})
}

// deleteNet removes a network with its memberships.
func (ix *index) deleteNet(s int32) {
	n := &ix.nets.items[s]
	for _, m := range slices.Clone(n.mems) {
		ix.removeRole(&memberships, m)
	}
	ix.nets.remove(s, n.n.ExternalID)
}

// Reads: each returns a copy the caller may change.

func (ix *index) person(s int32) *netgraph.Person {
	p := ix.people.items[s].p
	p.Interests = slices.Clone(p.Interests)
	return &p
}

func (ix *index) org(s int32) *netgraph.Organisation {
	o := ix.orgs.items[s].o
	return &o
}

func (ix *index) net(s int32) *netgraph.Network {
	n := ix.nets.items[s].n
	// Copies of the documents, so that no caller can change the index's.
	n.TermsOfReference, n.Memorandum = normDocument(n.TermsOfReference), normDocument(n.Memorandum)
	return &n
}

func (ix *index) tie(s int32) netgraph.Tie {
	r := &ix.ties.items[s]
	t := netgraph.Tie{From: ix.people.ids[r.from], To: ix.people.ids[r.to], Kind: tieKinds[r.kind],
		Strength: r.strength, Since: r.since().time()}
	if r.hasLast {
		last := r.last().time()
		t.LastInteraction = &last
	}
	return t
}

func (ix *index) part(s int32) netgraph.Partnership {
	p := &ix.parts.items[s]
	return netgraph.Partnership{From: ix.orgs.ids[p.from], To: ix.orgs.ids[p.to], Kind: p.kind, Since: clonePtr(p.since)}
}

// newTieRec returns the index form of t, whose people are in slots from and to.
func newTieRec(from, to int32, t *netgraph.Tie) tieRec {
	r := tieRec{from: from, to: to, kind: tieKindCodes[string(t.Kind)], strength: t.Strength}
	var last *instant
	if t.LastInteraction != nil {
		l := toInstant(*t.LastInteraction)
		last = &l
	}
	r.setTimes(toInstant(t.Since), last)
	return r
}

// page returns the part of cands (slots in id order) that p asks for, among
// those match accepts (all, if match is nil), whether more follow, and how
// many match in all.
func page(cands []int32, ids []string, match func(int32) bool, p netgraph.Page) (items []int32, more bool, total int) {
	if match == nil {
		start := 0
		if p.After != "" {
			start = sort.Search(len(cands), func(i int) bool { return ids[cands[i]] > p.After })
		}
		end := min(start+p.First, len(cands))
		return cands[start:end:end], end < len(cands), len(cands)
	}
	items = make([]int32, 0, min(p.First, 64))
	for _, s := range cands {
		if !match(s) {
			continue
		}
		total++
		if p.After != "" && ids[s] <= p.After {
			continue
		}
		if len(items) < p.First {
			items = append(items, s)
		} else {
			more = true
		}
	}
	return items, more, total
}

// listPeople lists the people f matches, one page of them.
func (ix *index) listPeople(f netgraph.PersonFilter, p netgraph.Page) *netgraph.List[*netgraph.Person] {
	cands := ix.people.order
	var preds []func(int32) bool
	// Start from the smaller of the organisation's and the network's people.
	var orgSlot, netSlot int32 = -1, -1
	if f.OrganisationID != "" {
		s, ok := ix.orgs.slot[f.OrganisationID]
		if !ok {
			return emptyList[*netgraph.Person]()
		}
		orgSlot = s
	}
	if f.NetworkID != "" {
		s, ok := ix.nets.slot[f.NetworkID]
		if !ok {
			return emptyList[*netgraph.Person]()
		}
		netSlot = s
	}
	switch {
	case orgSlot >= 0 && (netSlot < 0 || len(ix.orgs.items[orgSlot].affs) <= len(ix.nets.items[netSlot].mems)):
		cands = ix.rolePeople(&affiliations, ix.orgs.items[orgSlot].affs)
		if netSlot >= 0 {
			preds = append(preds, func(s int32) bool { _, ok := ix.findRole(&memberships, s, netSlot); return ok })
		}
	case netSlot >= 0:
		cands = ix.rolePeople(&memberships, ix.nets.items[netSlot].mems)
		if orgSlot >= 0 {
			preds = append(preds, func(s int32) bool { _, ok := ix.findRole(&affiliations, s, orgSlot); return ok })
		}
	}
	if f.NameContains != "" {
		sub := strings.ToLower(f.NameContains)
		preds = append(preds, func(s int32) bool { return strings.Contains(ix.people.items[s].nameLower, sub) })
	}
	if f.Profession != "" {
		preds = append(preds, func(s int32) bool { return strings.EqualFold(ix.people.items[s].p.Profession, f.Profession) })
	}
	if f.Region != "" {
		preds = append(preds, func(s int32) bool { return strings.EqualFold(ix.people.items[s].p.Region, f.Region) })
	}
	if f.Interest != "" {
		preds = append(preds, func(s int32) bool {
			return slices.ContainsFunc(ix.people.items[s].p.Interests, func(i string) bool { return strings.EqualFold(i, f.Interest) })
		})
	}
	slots, more, total := page(cands, ix.people.ids, all(preds), p)
	l := &netgraph.List[*netgraph.Person]{Items: make([]*netgraph.Person, len(slots)), HasNextPage: more, TotalCount: total}
	for i, s := range slots {
		l.Items[i] = ix.person(s)
	}
	return l
}

func (ix *index) listOrgs(f netgraph.OrganisationFilter, p netgraph.Page) *netgraph.List[*netgraph.Organisation] {
	var preds []func(int32) bool
	if f.NameContains != "" {
		sub := strings.ToLower(f.NameContains)
		preds = append(preds, func(s int32) bool { return strings.Contains(ix.orgs.items[s].nameLower, sub) })
	}
	if f.Sector != "" {
		preds = append(preds, func(s int32) bool { return ix.orgs.items[s].o.Sector == f.Sector })
	}
	if f.Region != "" {
		preds = append(preds, func(s int32) bool { return strings.EqualFold(ix.orgs.items[s].o.Region, f.Region) })
	}
	slots, more, total := page(ix.orgs.order, ix.orgs.ids, all(preds), p)
	l := &netgraph.List[*netgraph.Organisation]{Items: make([]*netgraph.Organisation, len(slots)), HasNextPage: more, TotalCount: total}
	for i, s := range slots {
		l.Items[i] = ix.org(s)
	}
	return l
}

func (ix *index) listNets(f netgraph.NetworkFilter, p netgraph.Page) *netgraph.List[*netgraph.Network] {
	var preds []func(int32) bool
	if f.NameContains != "" {
		sub := strings.ToLower(f.NameContains)
		preds = append(preds, func(s int32) bool { return strings.Contains(ix.nets.items[s].nameLower, sub) })
	}
	if f.Type != "" {
		preds = append(preds, func(s int32) bool { return ix.nets.items[s].n.Type == f.Type })
	}
	if f.Region != "" {
		preds = append(preds, func(s int32) bool { return strings.EqualFold(ix.nets.items[s].n.Region, f.Region) })
	}
	if f.Specialty != "" {
		preds = append(preds, func(s int32) bool { return strings.EqualFold(ix.nets.items[s].n.Specialty, f.Specialty) })
	}
	if f.Text != "" {
		preds = append(preds, func(s int32) bool { return f.MatchesText(&ix.nets.items[s].n) })
	}
	if f.Status != "" {
		preds = append(preds, func(s int32) bool { return ix.nets.items[s].n.Status == f.Status })
	}
	if f.MembershipPolicy != "" {
		preds = append(preds, func(s int32) bool { return ix.nets.items[s].n.MembershipPolicy == f.MembershipPolicy })
	}
	slots, more, total := page(ix.nets.order, ix.nets.ids, all(preds), p)
	l := &netgraph.List[*netgraph.Network]{Items: make([]*netgraph.Network, len(slots)), HasNextPage: more, TotalCount: total}
	for i, s := range slots {
		l.Items[i] = ix.net(s)
	}
	return l
}

// all returns a predicate true when every one of preds is, or nil for none.
func all(preds []func(int32) bool) func(int32) bool {
	switch len(preds) {
	case 0:
		return nil
	case 1:
		return preds[0]
	}
	return func(s int32) bool {
		for _, p := range preds {
			if !p(s) {
				return false
			}
		}
		return true
	}
}

func emptyList[T any]() *netgraph.List[T] { return &netgraph.List[T]{Items: []T{}} }
