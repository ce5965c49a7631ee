package analysis

// Key players (Borgatti, "Identifying sets of key players in a social
// network", Computational and Mathematical Organization Theory 12, 2006):
// what becomes of a network when some people leave it, and greedy sets of
// the people whose leaving would fragment it most (KPP-Neg) or who together
// reach the most others within a few steps (KPP-Pos).

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
)

// WhatIf is what becomes of a network if some people leave it. Figures are
// over the people who remain.
type WhatIf struct {
	// Removed are the people who left, ascending.
	Removed []int
	// Remaining is the number of people left, Components the number of
	// connected components they form.
	Remaining, Components int
	// Fragmentation is Borgatti's F = 1 − Σₖ sₖ(sₖ−1) / (n(n−1)) over the
	// remaining components of sizes sₖ: the share of pairs of the n people
	// left who can no longer reach each other (0 when fewer than 2 remain).
	Fragmentation float64
	// DistanceFragmentation is Borgatti's DF = 1 − Σ_{i≠j} (1/d_ij) /
	// (n(n−1)), with d_ij the number of steps between two people left and
	// 1/∞ = 0: fragmentation that also counts how far apart people are
	// (0 when fewer than 2 remain). Tie strengths are ignored.
	DistanceFragmentation float64
	// CutOff are the people left who could reach the largest remaining
	// component before and cannot now, ascending. Of equal largest
	// components, the one holding the lowest-numbered person counts.
	CutOff []int
}

// ErrNoSuchPerson is returned (wrapped) for a person id not in the
// snapshot.
var ErrNoSuchPerson = errors.New("no such person")

// WhatIfLeft says what becomes of g if the given people (snapshot indexes,
// in any order, repeats ignored) leave it. Distance fragmentation takes a
// breadth-first search from everyone left, O(n·m), in parallel; it returns
// the context's error, wrapped, when ctx is cancelled.
func WhatIfLeft(ctx context.Context, g *Snapshot, removed []int) (WhatIf, error) {
	n := g.N()
	gone := make([]bool, n)
	for _, v := range removed {
		if v < 0 || v >= n {
			return WhatIf{}, fmt.Errorf("what if: person %d of %d: %w", v, n, ErrNoSuchPerson)
		}
		gone[v] = true
	}
	w := WhatIf{Removed: []int{}, CutOff: []int{}}
	for v, out := range gone {
		if out {
			w.Removed = append(w.Removed, v)
		}
	}
	w.Remaining = n - len(w.Removed)
	label, sizes := ComponentsWithout(g, gone)
	w.Components = len(sizes)
	w.Fragmentation = fragmentation(sizes, w.Remaining)
	df, err := distanceFragmentation(ctx, g, gone, w.Remaining)
	if err != nil {
		return WhatIf{}, fmt.Errorf("what if: %w", err)
	}
	w.DistanceFragmentation = df
	if len(sizes) > 0 {
		// Component 0 is the largest left (lowest-numbered person first among
		// equals); the cut off were in its component before.
		before, _ := Components(g)
		was := int32(-1)
		for v, c := range label {
			if c == 0 {
				was = before[v]
				break
			}
		}
		for v, c := range label {
			if c > 0 && before[v] == was {
				w.CutOff = append(w.CutOff, v)
			}
		}
	}
	return w, nil
}

// Fragmentation is Borgatti's F of the whole of g (see WhatIf).
func Fragmentation(g *Snapshot) float64 {
	_, sizes := Components(g)
	return fragmentation(sizes, g.N())
}

// DistanceFragmentation is Borgatti's DF of the whole of g (see WhatIf):
// a breadth-first search from everyone, O(n·m), in parallel. It returns the
// context's error, wrapped, when ctx is cancelled.
func DistanceFragmentation(ctx context.Context, g *Snapshot) (float64, error) {
	df, err := distanceFragmentation(ctx, g, nil, g.N())
	if err != nil {
		return 0, fmt.Errorf("distance fragmentation: %w", err)
	}
	return df, nil
}

// DistanceFragmentationFromHarmonic is DF (see WhatIf) from everyone's
// harmonic centrality in an unweighted snapshot, where person i's is
// Σ_j 1/d_ij: it saves the search from everyone when harmonic centrality
// has been computed. It is NaN for a weighted snapshot (harmonic
// centrality then sums 1/distance, not 1/steps) or when harmonic does not
// hold one figure per person.
func DistanceFragmentationFromHarmonic(g *Snapshot, harmonic []float64) float64 {
	n := g.N()
	if g.Weighted() || len(harmonic) != n {
		return math.NaN()
	}
	if n < 2 {
		return 0
	}
	total := 0.0
	for _, h := range harmonic {
		total += h
	}
	return 1 - total/(float64(n)*float64(n-1))
}

// fragmentation is 1 − Σ s(s−1) / (n(n−1)) for components of the given
// sizes among n people.
func fragmentation(sizes []int, n int) float64 {
	if n < 2 {
		return 0
	}
	return 1 - float64(pairsWithin(sizes))/(float64(n)*float64(n-1))
}

// pairsWithin is Σ s(s−1): the ordered pairs of people who reach each other.
func pairsWithin(sizes []int) int64 {
	var s int64
	for _, c := range sizes {
		s += int64(c) * int64(c-1)
	}
	return s
}

// distanceFragmentation is DF over the remaining people of g (gone nil:
// everyone), from a bit-parallel breadth-first search from each of them, 64
// at a time (see multiSource), on g without the ties of the people gone.
// Each source's Σ 1/d is summed by distance and the sources in order, so
// the result does not depend on the number of CPUs.
func distanceFragmentation(ctx context.Context, g *Snapshot, gone []bool, remaining int) (float64, error) {
	if remaining < 2 {
		return 0, nil
	}
	h := g
	sources := make([]int32, 0, remaining)
	for v := range g.N() {
		if gone == nil || !gone[v] {
			sources = append(sources, int32(v))
		}
	}
	if gone != nil {
		h = withoutTiesOf(g, gone)
	}
	reach := make([]float64, len(sources)) // Σ_j 1/d_sj for each source s
	batches := (len(sources) + 63) / 64
	_, err := parallel(ctx, batches, func() *multiSource { return newMultiSource(h) }, func(m *multiSource, b int) {
		batch := sources[64*b : min(64*b+64, len(sources))]
		m.search(batch)
		for i := range batch {
			reach[64*b+i] = m.summary[i].inverse
		}
	})
	if err != nil {
		return 0, err
	}
	total := 0.0
	for _, r := range reach {
		total += r
	}
	return 1 - total/(float64(remaining)*float64(remaining-1)), nil
}

// withoutTiesOf returns g with every tie of the people gone dropped (they
// stay, alone). Only what breadth-first search reads is kept: the people
// and their neighbours.
func withoutTiesOf(g *Snapshot, gone []bool) *Snapshot {
	n := g.N()
	offsets := make([]int, n+1)
	targets := make([]int32, 0, len(g.targets))
	for v := range n {
		if !gone[v] {
			for _, u := range g.Neighbors(v) {
				if !gone[u] {
					targets = append(targets, u)
				}
			}
		}
		offsets[v+1] = len(targets)
	}
	return &Snapshot{ids: g.ids, index: g.index, offsets: offsets, targets: targets}
}

// KeyPlayerSet is a set of key players and what it achieves.
type KeyPlayerSet struct {
	// Set are the people chosen, in the order the greedy search chose them.
	Set []int
	// Fragmentation is F (see WhatIf) of the network without the set.
	Fragmentation float64
	// Reached is the number of people outside the set within the given
	// number of steps of someone in it, and Reach that share of the people
	// outside the set (1 when nobody is outside it).
	Reached int
	Reach   float64
}

// KeyPlayersFragment chooses k people whose leaving would fragment g most
// (KPP-Neg), greedily: each step adds the person whose leaving, with those
// already chosen, leaves the highest fragmentation F; among equals, the one
// with the most ties to people still there, then the lowest-numbered. Each
// step finds the effect of every person at once from one depth-first search
// of the people left (the pieces an articulation point splits its component
// into), so the search takes O(k(n+m)). k is capped at the number of people.
func KeyPlayersFragment(ctx context.Context, g *Snapshot, k int) (KeyPlayerSet, error) {
	if k < 1 {
		return KeyPlayerSet{}, fmt.Errorf("key players: a set of %d people", k)
	}
	n := g.N()
	k = min(k, n)
	gone := make([]bool, n)
	set := make([]int, 0, k)
	split := newSplitter(n)
	for len(set) < k {
		if err := ctx.Err(); err != nil {
			return KeyPlayerSet{}, fmt.Errorf("key players: %w", err)
		}
		after := split.pairsAfterLeaving(g, gone)
		best, bestDegree := -1, -1
		for v := range n {
			if gone[v] {
				continue
			}
			degree := 0
			for _, u := range g.Neighbors(v) {
				if !gone[u] {
					degree++
				}
			}
			if best < 0 || after[v] < after[best] || after[v] == after[best] && degree > bestDegree {
				best, bestDegree = v, degree
			}
		}
		gone[best] = true
		set = append(set, best)
	}
	_, sizes := ComponentsWithout(g, gone)
	return KeyPlayerSet{Set: set, Fragmentation: fragmentation(sizes, n-k)}, nil
}

// splitter finds, for every person, Σ s(s−1) over the components left if
// they also leave: an iterative depth-first search with subtree sizes, as in
// Hopcroft and Tarjan's search for articulation points.
type splitter struct {
	disc, low, parent, sub []int32
	next                   []int
	sepPairs               []int64 // Σ p(p−1) over the pieces split off below v
	sepSize                []int32 // Σ p over those pieces
	after                  []int64
	stack                  []int32
}

func newSplitter(n int) *splitter {
	return &splitter{
		disc: make([]int32, n), low: make([]int32, n), parent: make([]int32, n), sub: make([]int32, n),
		next: make([]int, n), sepPairs: make([]int64, n), sepSize: make([]int32, n), after: make([]int64, n),
	}
}

// pairsAfterLeaving returns after[v] = Σ s(s−1) over the components of g
// without the people gone and without v, for every v not gone. The slice is
// reused by the next call.
func (t *splitter) pairsAfterLeaving(g *Snapshot, gone []bool) []int64 {
	n := g.N()
	clear(t.disc)
	clear(t.sepPairs)
	clear(t.sepSize)
	for v := range t.sub {
		t.sub[v] = 1
	}
	off, adj := g.offsets, g.targets
	var clock int32
	var base int64 // Σ s(s−1) with nobody else leaving
	var members []int32
	var sizes []int32 // component of each member run, for the second pass
	for root := range n {
		if gone[root] || t.disc[root] != 0 {
			continue
		}
		start := len(members)
		clock++
		t.disc[root], t.low[root], t.parent[root], t.next[root] = clock, clock, -1, off[root]
		t.stack = append(t.stack[:0], int32(root))
		members = append(members, int32(root))
		for len(t.stack) > 0 {
			v := t.stack[len(t.stack)-1]
			if e := t.next[v]; e < off[v+1] {
				t.next[v]++
				w := adj[e]
				switch {
				case gone[w]:
				case t.disc[w] == 0:
					clock++
					t.disc[w], t.low[w], t.parent[w], t.next[w] = clock, clock, v, off[w]
					t.stack = append(t.stack, w)
					members = append(members, w)
				case w != t.parent[v]:
					t.low[v] = min(t.low[v], t.disc[w])
				}
				continue
			}
			t.stack = t.stack[:len(t.stack)-1]
			p := t.parent[v]
			if p < 0 {
				continue
			}
			t.low[p] = min(t.low[p], t.low[v])
			t.sub[p] += t.sub[v]
			if t.low[v] >= t.disc[p] {
				s := int64(t.sub[v])
				t.sepPairs[p] += s * (s - 1)
				t.sepSize[p] += t.sub[v]
			}
		}
		size := int32(len(members) - start)
		base += int64(size) * int64(size-1)
		for range size {
			sizes = append(sizes, size)
		}
	}
	for i, v := range members {
		c := int64(sizes[i])
		rest := c - 1 - int64(t.sepSize[v])
		t.after[v] = -c*(c-1) + t.sepPairs[v] + rest*(rest-1)
	}
	for _, v := range members {
		t.after[v] += base
	}
	return t.after
}

// KeyPlayersReach chooses k people who together reach the most others
// within steps steps (KPP-Pos, Borgatti's m-reach), greedily: each step adds
// the person who brings the most people not yet reached within reach
// (counting themselves), the lowest-numbered among equals. Gains only shrink
// as the set grows, so each person's gain is recomputed only when it could
// still be the best (lazy greedy). It takes a breadth-first search of depth
// steps from everyone, in parallel, and returns the context's error,
// wrapped, when ctx is cancelled. k is capped at the number of people.
func KeyPlayersReach(ctx context.Context, g *Snapshot, k, steps int) (KeyPlayerSet, error) {
	if k < 1 {
		return KeyPlayerSet{}, fmt.Errorf("key players: a set of %d people", k)
	}
	if steps < 1 {
		return KeyPlayerSet{}, fmt.Errorf("key players: reach within %d steps", steps)
	}
	n := g.N()
	k = min(k, n)
	// The gain of each person when nobody is reached yet: their ball's size.
	gain := make([]int, n)
	_, err := parallel(ctx, n, func() *ball { return newBall(n) }, func(b *ball, v int) {
		gain[v] = len(b.within(g, v, steps))
	})
	if err != nil {
		return KeyPlayerSet{}, fmt.Errorf("key players: %w", err)
	}
	q := &gainQueue{gain: gain}
	for v := range n {
		q.people = append(q.people, int32(v))
	}
	heap.Init(q)
	reached := make([]bool, n)
	covered := 0
	b := newBall(n)
	var set []int
	for len(set) < k {
		if err := ctx.Err(); err != nil {
			return KeyPlayerSet{}, fmt.Errorf("key players: %w", err)
		}
		v := int(q.people[0])
		fresh := 0
		for _, u := range b.within(g, v, steps) {
			if !reached[u] {
				fresh++
			}
		}
		if fresh != gain[v] { // stale: requeue with the true gain
			gain[v] = fresh
			heap.Fix(q, 0)
			continue
		}
		heap.Pop(q)
		set = append(set, v)
		for _, u := range b.within(g, v, steps) {
			if !reached[u] {
				reached[u] = true
				covered++
			}
		}
	}
	// Every member is within their own reach, so covered counts them.
	out := KeyPlayerSet{Set: set, Reach: 1, Reached: covered - len(set)}
	if outside := n - len(set); outside > 0 {
		out.Reach = float64(out.Reached) / float64(outside)
	}
	gone := make([]bool, n)
	for _, v := range set {
		gone[v] = true
	}
	_, sizes := ComponentsWithout(g, gone)
	out.Fragmentation = fragmentation(sizes, n-len(set))
	return out, nil
}

// ball lists the people within some steps of a person.
type ball struct {
	seen  []uint32 // seen[u] == stamp: reached in this call
	stamp uint32
	queue []int32
	depth []int32
}

func newBall(n int) *ball {
	return &ball{seen: make([]uint32, n), queue: make([]int32, n), depth: make([]int32, n)}
}

// within returns v and everyone within steps steps of v. The slice is
// reused by the next call.
func (b *ball) within(g *Snapshot, v, steps int) []int32 {
	if b.stamp++; b.stamp == 0 { // wrapped around: forget every mark
		clear(b.seen)
		b.stamp = 1
	}
	b.seen[v], b.queue[0], b.depth[v] = b.stamp, int32(v), 0
	tail := 1
	for head := 0; head < tail; head++ {
		u := b.queue[head]
		if int(b.depth[u]) == steps {
			continue
		}
		for _, w := range g.Neighbors(int(u)) {
			if b.seen[w] != b.stamp {
				b.seen[w], b.depth[w] = b.stamp, b.depth[u]+1
				b.queue[tail] = w
				tail++
			}
		}
	}
	return b.queue[:tail]
}

// gainQueue is a max-heap of people by gain, the lowest-numbered first
// among equals.
type gainQueue struct {
	people []int32
	gain   []int
}

func (q *gainQueue) Len() int { return len(q.people) }
func (q *gainQueue) Less(i, j int) bool {
	a, b := q.people[i], q.people[j]
	return q.gain[a] > q.gain[b] || q.gain[a] == q.gain[b] && a < b
}
func (q *gainQueue) Swap(i, j int) { q.people[i], q.people[j] = q.people[j], q.people[i] }
func (q *gainQueue) Push(x any)    { q.people = append(q.people, x.(int32)) }
func (q *gainQueue) Pop() any {
	x := q.people[len(q.people)-1]
	q.people = q.people[:len(q.people)-1]
	return x
}
