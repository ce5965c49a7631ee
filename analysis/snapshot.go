// Package analysis computes the structure of a professional network: centrality
// (degree, strength, betweenness, closeness, harmonic, eigenvector, PageRank),
// cohesion (k-cores, clustering, Burt's constraint and effective size),
// communities (Louvain), whole-graph health figures, roles (connectors, sponsors,
// isolated and peripheral members) and suggested introductions.
//
// It is pure computation with no I/O: every function takes an immutable Snapshot,
// a compressed sparse row (CSR) form of an undirected graph, and returns plain
// slices indexed like the snapshot's people. Definitions follow NetworkX's
// defaults so that analysts can cross-check results; where the snapshot is
// weighted, path-based metrics treat a tie of strength s as a distance of 1/s
// (a strong tie is a short path).
package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Group is a named set a person belongs to, such as an organisation.
type Group struct {
	ID   string
	Name string
}

// Profile is what the analysis knows about a person beyond their ties. It feeds
// roles, introductions and community names; centrality ignores it.
type Profile struct {
	// Name is how reasons name the person (their id when empty).
	Name string
	// Organisations the person works at.
	Organisations []Group
	// Sectors are the sectors of those organisations, as reasons show them
	// ("NHS trust"); introductions count a shared one.
	Sectors []string
	// Profession and Region name communities (see NameCommunity), and a
	// shared region (compared case-insensitively) counts for an
	// introduction; blank when unknown.
	Profession string
	Region     string
	// Interests are topics, compared case-insensitively.
	Interests []string
	// Roles are the person's membership roles in scope (LEAD, SPONSOR, ...).
	Roles []string
	// Declined is true when the person has not consented to be suggested for
	// introductions; such people are never suggested.
	Declined bool
	// Dismissed are the ids of people whose introduction to this person a
	// facilitator has dismissed: never suggested again, either way round
	// (one end listing the other is enough).
	Dismissed []string
}

// Snapshot is an immutable undirected graph of people and ties in CSR form.
// People are numbered 0..N()-1; the neighbours of person v are
// targets[offsets[v]:offsets[v+1]], sorted ascending, with the matching tie
// strengths in weights. Every tie appears twice, once from each end.
// A Snapshot is safe for concurrent use by any number of readers.
type Snapshot struct {
	ids     []string
	index   map[string]int32
	offsets []int
	targets []int32
	weights []float64
	// directions, matching targets, say which way each tie was recorded
	// (see TieDirection); the analysis is undirected, in- and out-degree
	// read them.
	directions []TieDirection
	weighted   bool
	profiles   []Profile // nil when no profile was given
	version    uint64
}

// N is the number of people.
func (g *Snapshot) N() int { return len(g.ids) }

// M is the number of ties (each undirected tie counted once).
func (g *Snapshot) M() int { return len(g.targets) / 2 }

// ID returns the external id of person v.
func (g *Snapshot) ID(v int) string { return g.ids[v] }

// IDs returns the external ids of all people, indexed like the snapshot. The
// caller must not modify the slice.
func (g *Snapshot) IDs() []string { return g.ids }

// Index returns the index of the person with the given id.
func (g *Snapshot) Index(id string) (int, bool) {
	i, ok := g.index[id]
	return int(i), ok
}

// Neighbors returns the neighbours of person v, sorted ascending. The caller
// must not modify the slice.
func (g *Snapshot) Neighbors(v int) []int32 { return g.targets[g.offsets[v]:g.offsets[v+1]] }

// Strengths returns the tie strengths matching Neighbors(v). In an unweighted
// snapshot every strength is 1. The caller must not modify the slice.
func (g *Snapshot) Strengths(v int) []float64 { return g.weights[g.offsets[v]:g.offsets[v+1]] }

// Degree returns the number of ties of person v.
func (g *Snapshot) Degree(v int) int { return g.offsets[v+1] - g.offsets[v] }

// Weighted reports whether tie strengths are meaningful. When false, every
// strength is 1 and path-based metrics count hops.
func (g *Snapshot) Weighted() bool { return g.weighted }

// Profile returns what is known of person v beyond their ties (zero if nothing).
func (g *Snapshot) Profile(v int) Profile {
	if g.profiles == nil {
		return Profile{}
	}
	return g.profiles[v]
}

// Version is the data version the snapshot was built from (0 when unknown),
// carried so that results can say what they reflect.
func (g *Snapshot) Version() uint64 { return g.version }

// Builder assembles a Snapshot. Add people and ties in any order, then call
// Build once. A Builder is not safe for concurrent use.
type Builder struct {
	ids      []string
	index    map[string]int32
	edges    []edge
	weighted bool
	profiles map[int32]Profile
	version  uint64
}

type edge struct {
	a, b int32
	w    float64
	dir  TieDirection // as seen from a
}

// TieDirection says which way a tie between a person and a contact was
// recorded: from the person to the contact (TieOut), the other way (TieIn),
// or both, when the pair was tied both ways.
type TieDirection uint8

// The directions of a tie, as seen from one end.
const (
	TieOut TieDirection = 1 << iota
	TieIn
)

// reverse is d as seen from the other end.
func (d TieDirection) reverse() TieDirection { return d&TieOut<<1 | d&TieIn>>1 }

// Directions returns which way each tie of person v was recorded, matching
// Neighbors(v).
func (g *Snapshot) Directions(v int) []TieDirection {
	return g.directions[g.offsets[v]:g.offsets[v+1]]
}

// Errors returned by Builder.AddTie.
var (
	ErrSelfTie     = errors.New("a tie must join two different people")
	ErrBadStrength = errors.New("tie strength must be a finite number greater than 0")
	ErrTooLarge    = errors.New("graph too large for a snapshot")
)

// NewBuilder returns an empty builder. weighted says whether tie strengths are
// meaningful (see Snapshot.Weighted).
func NewBuilder(weighted bool) *Builder {
	return &Builder{index: make(map[string]int32), weighted: weighted}
}

// Grow preallocates room for about people people and ties ties.
func (b *Builder) Grow(people, ties int) {
	b.ids = slices.Grow(b.ids, people)
	b.edges = slices.Grow(b.edges, ties)
}

// SetVersion records the data version the snapshot reflects.
func (b *Builder) SetVersion(v uint64) { b.version = v }

// AddPerson adds a person (if not already present) and returns their index.
func (b *Builder) AddPerson(id string) int {
	if i, ok := b.index[id]; ok {
		return int(i)
	}
	// A copy, so that an id sliced from a larger string (a CSV row) does
	// not keep all of it alive for the snapshot's lifetime.
	id = strings.Clone(id)
	i := int32(len(b.ids))
	b.ids = append(b.ids, id)
	b.index[id] = i
	return int(i)
}

// SetProfile attaches a profile to a person, adding the person if needed.
func (b *Builder) SetProfile(id string, p Profile) {
	i := b.AddPerson(id)
	if b.profiles == nil {
		b.profiles = make(map[int32]Profile)
	}
	b.profiles[int32(i)] = p
}

// AddTie adds a tie from person a to person c, adding them if needed. The
// analysis treats it as undirected, but the direction is kept for in- and
// out-degree (see Directions). When the same pair is tied more than once
// (several tie kinds, or repeated rows), the strongest tie is kept, with
// every direction it was recorded in. In an unweighted builder the strength
// is ignored.
func (b *Builder) AddTie(a, c string, strength float64) error {
	if a == c {
		return fmt.Errorf("tie %q–%q: %w", a, c, ErrSelfTie)
	}
	if !b.weighted {
		strength = 1
	}
	if !(strength > 0) || math.IsInf(strength, 0) {
		return fmt.Errorf("tie %q–%q strength %v: %w", a, c, strength, ErrBadStrength)
	}
	if len(b.edges) >= math.MaxInt32/2 {
		return ErrTooLarge
	}
	u, v := int32(b.AddPerson(a)), int32(b.AddPerson(c))
	dir := TieOut
	if u > v {
		u, v, dir = v, u, TieIn
	}
	b.edges = append(b.edges, edge{u, v, strength, dir})
	return nil
}

// Build returns the snapshot. The builder must not be used afterwards.
func (b *Builder) Build() *Snapshot {
	n := len(b.ids)
	slices.SortFunc(b.edges, func(x, y edge) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.b - y.b)
	})
	// Merge repeated pairs, keeping the strongest tie.
	uniq := b.edges[:0]
	for _, e := range b.edges {
		if k := len(uniq) - 1; k >= 0 && uniq[k].a == e.a && uniq[k].b == e.b {
			uniq[k].w = max(uniq[k].w, e.w)
			uniq[k].dir |= e.dir
			continue
		}
		uniq = append(uniq, e)
	}
	offsets := make([]int, n+1)
	for _, e := range uniq {
		offsets[e.a+1]++
		offsets[e.b+1]++
	}
	for v := 0; v < n; v++ {
		offsets[v+1] += offsets[v]
	}
	targets := make([]int32, 2*len(uniq))
	weights := make([]float64, 2*len(uniq))
	directions := make([]TieDirection, 2*len(uniq))
	next := slices.Clone(offsets[:n])
	// Edges are sorted by (a, b) with a < b. For a person v, the ties that
	// reach v as b all have a < v and so come before the ties that leave v as
	// a, each run in ascending order: one pass leaves every list sorted.
	for _, e := range uniq {
		targets[next[e.a]], weights[next[e.a]], directions[next[e.a]] = e.b, e.w, e.dir
		next[e.a]++
		targets[next[e.b]], weights[next[e.b]], directions[next[e.b]] = e.a, e.w, e.dir.reverse()
		next[e.b]++
	}
	g := &Snapshot{
		ids: b.ids, index: b.index, offsets: offsets, targets: targets, weights: weights,
		directions: directions, weighted: b.weighted, version: b.version,
	}
	if b.profiles != nil {
		g.profiles = make([]Profile, n)
		for i, p := range b.profiles {
			g.profiles[i] = p
		}
	}
	*b = Builder{}
	return g
}
