package analysis

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
)

// Louvain divides the people into communities by the Louvain method (Blondel,
// Guillaume, Lambiotte and Lefebvre, "Fast unfolding of communities in large
// networks", 2008), maximising modularity with resolution 1. Ties count by
// strength in a weighted snapshot and alike otherwise.
//
// As in networkx.community.louvain_communities, each level moves people (then
// merged groups), in an order shuffled by seed, to the neighbouring community
// with the best modularity gain while that improves modularity; the
// communities are then merged into single nodes and the process repeats
// until a level improves modularity by no more than 1e-7. Two refinements
// raise the modularity reached above NetworkX's: the communities are carried
// back down the levels with another round of moves on each (Rotta and Noack,
// 2011), and small networks, where a run takes microseconds and the luck of
// the order matters most, get up to 64 runs (in parallel, as many as fit in
// the work of one run on 65,536 people plus tie ends), keeping the best
// division. The result is deterministic for a given seed, whatever the
// number of CPUs.
//
// Every community is connected through ties between its own members.
// Louvain alone does not guarantee it (Traag, Waltman and van Eck, "From
// Louvain to Leiden: guaranteeing well-connected communities", Scientific
// Reports 9, 2019, found up to 16% of its communities disconnected): moving
// a node out can leave the rest of its community in pieces. So each run ends
// by splitting every community into its connected parts, a step that never
// lowers modularity (two parts with no tie between them, of total strengths
// K_A and K_B, gain 2·K_A·K_B/(2m)² by being apart), before the runs are
// compared.
//
// It returns the community of each person, numbered 0..k−1 by size, largest
// first (ties broken by the smallest member's index), and the context's
// error, wrapped, when ctx is cancelled. People without ties are alone in
// their community.
func Louvain(ctx context.Context, g *Snapshot, seed uint64) ([]int32, error) {
	n := g.N()
	level := &louvainGraph{offsets: g.offsets, targets: g.targets, weights: g.weights, loops: make([]float64, n)}
	level.strength = TotalStrengths(g)
	twoM := 0.0
	for _, s := range level.strength {
		twoM += s
	}
	if twoM == 0 {
		return singletons(n), nil
	}
	const work, maxRuns = 1 << 16, 64
	runs := max(1, min(maxRuns, work/(n+len(g.targets))))
	results := make([][]int32, runs)
	quality := make([]float64, runs)
	errs := make([]error, runs)
	forEachBlock(parallelism(runs), runs, func(_, run int) {
		rng := rand.New(rand.NewPCG(seed, 0x4c6f757661696e+uint64(run))) // "Louvain"
		results[run], errs[run] = level.louvain(ctx, twoM, rng)
		if errs[run] == nil {
			results[run] = connectedParts(g, results[run])
		}
		if errs[run] == nil && runs > 1 {
			quality[run] = Modularity(g, results[run])
		}
	})
	best := 0
	for run := range runs {
		if errs[run] != nil {
			return nil, fmt.Errorf("louvain: %w", errs[run])
		}
		if quality[run] > quality[best] {
			best = run
		}
	}
	return labelBySize(results[best]), nil
}

// louvain is one run of the Louvain method from this level (the people),
// with node orders drawn from rng. twoM is twice the total tie strength. It
// returns each node's community, labelled in 0..n−1.
func (h *louvainGraph) louvain(ctx context.Context, twoM float64, rng *rand.Rand) ([]int32, error) {
	const threshold = 1e-7
	invTwoM := 1 / twoM
	shuffled := func(n int) []int32 {
		order := singletons(n)
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		return order
	}
	// Coarsen: levels[i+1] merges the communities found on levels[i], and
	// up[i] maps each node of levels[i] to its node on levels[i+1].
	level := h
	levels := []*louvainGraph{level}
	var up [][]int32
	q := level.modularity(twoM)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		community := singletons(level.n())
		moved, err := level.moveNodes(ctx, shuffled(level.n()), community, invTwoM)
		if err != nil {
			return nil, err
		}
		if !moved {
			break
		}
		k := renumber(community)
		level = level.aggregate(community, k)
		levels = append(levels, level)
		up = append(up, community)
		next := level.modularity(twoM)
		if next-q <= threshold {
			break
		}
		q = next
	}
	// Refine (Rotta and Noack, "Multilevel local search algorithms for
	// modularity clustering", 2011): carry the communities back down one
	// level at a time and let that level's nodes move again. The level just
	// below the top has just been through its moves.
	community := singletons(level.n())
	for i := len(up) - 1; i >= 0; i-- {
		finer := make([]int32, levels[i].n())
		for u, c := range up[i] {
			finer[u] = community[c]
		}
		community = finer
		if i == len(up)-1 {
			continue
		}
		if _, err := levels[i].moveNodes(ctx, shuffled(levels[i].n()), community, invTwoM); err != nil {
			return nil, err
		}
	}
	return community, nil
}

// connectedParts divides each community into its connected parts, through
// ties between its members: each part is labelled with its lowest-numbered
// member. It takes O(n+m).
func connectedParts(g *Snapshot, community []int32) []int32 {
	n := g.N()
	part := make([]int32, n)
	for v := range part {
		part[v] = -1
	}
	queue := make([]int32, 0, n)
	for root := range n {
		if part[root] >= 0 {
			continue
		}
		c := community[root]
		part[root] = int32(root)
		queue = append(queue[:0], int32(root))
		for head := 0; head < len(queue); head++ {
			for _, u := range g.Neighbors(int(queue[head])) {
				if part[u] < 0 && community[u] == c {
					part[u] = int32(root)
					queue = append(queue, u)
				}
			}
		}
	}
	return part
}

// singletons returns 0..n−1, the division of n nodes into n communities.
func singletons(n int) []int32 {
	s := make([]int32, n)
	for u := range s {
		s[u] = int32(u)
	}
	return s
}

// louvainGraph is one level of the Louvain method: an undirected graph in CSR
// form whose nodes are groups of people, with the strength of the ties inside
// each group kept as a self-loop.
type louvainGraph struct {
	offsets  []int
	targets  []int32
	weights  []float64
	loops    []float64 // strength of the ties inside each node
	strength []float64 // total strength of each node, counting its loop twice
}

func (h *louvainGraph) n() int { return len(h.strength) }

// modularity is the modularity of the partition of the people into this
// level's nodes; twoM is twice the total tie strength.
func (h *louvainGraph) modularity(twoM float64) float64 {
	q := 0.0
	for u, s := range h.strength {
		q += 2*h.loops[u]/twoM - (s/twoM)*(s/twoM)
	}
	return q
}

// moveNodes is one level's local moving phase. Starting from the given
// communities (labels in 0..n−1), it visits the nodes in the given order,
// moving each to the neighbouring community with the largest modularity gain
// when that beats staying. Rather than sweeping over every node again until
// a sweep moves nobody, it then revisits only the neighbours of moved nodes
// that are not in the mover's new community, from a queue, until the queue
// is empty: the fast local moving of Traag, Waltman and van Eck ("From
// Louvain to Leiden", 2019), which reaches the same quality for a fraction
// of the work. It updates community in place and reports whether any node
// moved.
func (h *louvainGraph) moveNodes(ctx context.Context, order, community []int32, invTwoM float64) (bool, error) {
	n := h.n()
	offsets, targets, weights, strength := h.offsets, h.targets, h.weights, h.strength
	total := make([]float64, n) // total strength of each community
	for u, c := range community {
		total[c] += strength[u]
	}
	// toCommunity[c] accumulates the strength of a node's ties to community
	// c; touched lists the communities to consider and reset. Strengths are
	// positive, so a zero entry means "not yet touched".
	toCommunity := make([]float64, n)
	touched := make([]int32, n+1)
	// queue is a ring of the nodes to visit, first in the given order;
	// queued[u] says whether u is in it.
	queue := slices.Clone(order)
	queued := make([]bool, n)
	for _, u := range order {
		queued[u] = true
	}
	head, tail, size := 0, 0, len(order)
	moved := false
	for visits := 0; size > 0; visits++ {
		if visits%(1<<14) == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		u := queue[head]
		if head++; head == n {
			head = 0
		}
		size--
		queued[u] = false
		lo, hi := offsets[u], offsets[u+1]
		if lo == hi {
			continue
		}
		// Branch-free: always write c at the end of touched, and keep it
		// only if it is new.
		k := 0
		ws := weights[lo:hi]
		for i, v := range targets[lo:hi] {
			c := community[v]
			a := toCommunity[c]
			touched[k] = c
			if a == 0 {
				k++
			}
			toCommunity[c] = a + ws[i]
		}
		// The gain of joining c, up to terms common to every c, is
		// (ties to c) − total(c)·strength(u)/2m, with u taken out of its
		// own community first.
		own, ku := community[u], strength[u]
		scale := ku * invTwoM
		total[own] -= ku
		best, bestGain := own, toCommunity[own]-total[own]*scale
		for _, c := range touched[:k] {
			if gain := toCommunity[c] - total[c]*scale; gain > bestGain {
				best, bestGain = c, gain
			}
			toCommunity[c] = 0
		}
		total[best] += ku
		if best == own {
			continue
		}
		community[u] = best
		moved = true
		for _, v := range targets[lo:hi] {
			if !queued[v] && community[v] != best {
				queued[v] = true
				queue[tail] = v
				if tail++; tail == n {
					tail = 0
				}
				size++
			}
		}
	}
	return moved, nil
}

// aggregate merges each community (labelled 0..k−1) into one node.
func (h *louvainGraph) aggregate(community []int32, k int) *louvainGraph {
	n := h.n()
	// Members of each community, in order, and the tie ends they hold, which
	// bounds the size of the community's row.
	start := make([]int, k+1)
	arcs := make([]int, k+1)
	for u, c := range community {
		start[c+1]++
		arcs[c+1] += h.offsets[u+1] - h.offsets[u]
	}
	for c := range k {
		start[c+1] += start[c]
		arcs[c+1] += arcs[c]
	}
	members := make([]int32, n)
	next := slices.Clone(start[:k])
	for u, c := range community {
		members[next[c]] = int32(u)
		next[c]++
	}

	agg := &louvainGraph{loops: make([]float64, k), strength: make([]float64, k)}
	bounds := workBlocks(arcs)
	nb := len(bounds) - 1
	workers := parallelism(nb)
	type rows struct {
		targets []int32
		weights []float64
	}
	out := make([]rows, nb)
	degree := make([]int, k+1) // row length of each new node, at c+1
	toCommunity := make([][]float64, workers)
	forEachBlock(workers, nb, func(w, b int) {
		if toCommunity[w] == nil {
			toCommunity[w] = make([]float64, k)
		}
		acc := toCommunity[w]
		lo, hi := bounds[b], bounds[b+1]
		r := rows{
			targets: make([]int32, 0, arcs[hi]-arcs[lo]),
			weights: make([]float64, 0, arcs[hi]-arcs[lo]),
		}
		for c := lo; c < hi; c++ {
			first := len(r.targets)
			loop, strength := 0.0, 0.0
			for _, u := range members[start[c]:start[c+1]] {
				loop += h.loops[u]
				strength += h.strength[u]
				ws := h.weights[h.offsets[u]:h.offsets[u+1]]
				for i, v := range h.targets[h.offsets[u]:h.offsets[u+1]] {
					d := community[v]
					if int(d) == c {
						loop += ws[i] / 2 // seen from both ends
						continue
					}
					if acc[d] == 0 {
						r.targets = append(r.targets, d)
					}
					acc[d] += ws[i]
				}
			}
			for _, d := range r.targets[first:] {
				r.weights = append(r.weights, acc[d])
				acc[d] = 0
			}
			agg.loops[c], agg.strength[c] = loop, strength
			degree[c+1] = len(r.targets) - first
		}
		out[b] = r
	})
	for c := range k {
		degree[c+1] += degree[c]
	}
	agg.offsets = degree
	agg.targets = make([]int32, 0, degree[k])
	agg.weights = make([]float64, 0, degree[k])
	for _, r := range out {
		agg.targets = append(agg.targets, r.targets...)
		agg.weights = append(agg.weights, r.weights...)
	}
	return agg
}

// renumber relabels communities 0..k−1 in order of first appearance and
// returns k.
func renumber(community []int32) int {
	label := make([]int32, len(community))
	for i := range label {
		label[i] = -1
	}
	k := int32(0)
	for u, c := range community {
		if label[c] < 0 {
			label[c] = k
			k++
		}
		community[u] = label[c]
	}
	return int(k)
}

// labelBySize renumbers communities 0..k−1 by size, largest first, ties
// broken by the smallest member's index.
func labelBySize(community []int32) []int32 {
	n := len(community)
	size := make([]int, n)
	first := make([]int32, n)
	for v := n - 1; v >= 0; v-- {
		size[community[v]]++
		first[community[v]] = int32(v)
	}
	var ids []int32
	for c, s := range size {
		if s > 0 {
			ids = append(ids, int32(c))
		}
	}
	slices.SortFunc(ids, func(a, b int32) int {
		if d := cmp.Compare(size[b], size[a]); d != 0 {
			return d
		}
		return cmp.Compare(first[a], first[b])
	})
	label := make([]int32, n)
	for i, c := range ids {
		label[c] = int32(i)
	}
	out := make([]int32, n)
	for v, c := range community {
		out[v] = label[c]
	}
	return out
}
