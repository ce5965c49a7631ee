package analysis

// Shared machinery of the path-based metrics (betweenness, closeness, harmonic,
// path statistics): single-source shortest paths on the CSR, run from many
// sources in parallel.
//
// Each worker owns a searcher: flat, preallocated slices indexed by person, so
// that a search from one source allocates nothing and resets only the people it
// reached. Unweighted snapshots use breadth-first search (paths count hops);
// weighted ones use Dijkstra's algorithm on distance = 1/strength.

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// edgeLengths returns the length of every CSR slot, 1/strength, for a weighted
// snapshot, and nil for an unweighted one (every tie is one hop).
func edgeLengths(g *Snapshot) []float64 {
	if !g.weighted {
		return nil
	}
	length := make([]float64, len(g.weights))
	for i, s := range g.weights {
		length[i] = 1 / s
	}
	return length
}

// parallel calls visit(w, i) for every i in 0..items-1 on up to GOMAXPROCS
// goroutines, w being the calling goroutine's own worker made by newWorker.
// Items are handed out in small ascending chunks on demand, so a core that
// other work slows down does not hold the rest back; visit must therefore give
// the same result whichever worker runs it. parallel stops early, returning
// ctx.Err(), when ctx is cancelled; otherwise it returns the workers so that
// the caller can combine what they accumulated.
func parallel[W any](ctx context.Context, items int, newWorker func() W, visit func(w W, i int)) ([]W, error) {
	const chunk = 16
	workers := min(runtime.GOMAXPROCS(0), (items+chunk-1)/chunk)
	ws := make([]W, workers)
	var next atomic.Int64
	var stopped atomic.Bool
	done := ctx.Done()
	var wg sync.WaitGroup
	for k := range ws {
		wg.Go(func() {
			w := newWorker()
			ws[k] = w
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= items {
					return
				}
				for i := start; i < min(start+chunk, items); i++ {
					select {
					case <-done:
						stopped.Store(true)
						return
					default:
					}
					visit(w, i)
				}
			}
		})
	}
	wg.Wait()
	if stopped.Load() {
		return nil, ctx.Err()
	}
	return ws, nil
}

// Searcher states of a person in a weighted search: unseen, in the heap (the
// state is then the heap position, >= 0), or settled (settledAt(k) for the
// k-th person settled).
const unseen = -1

func settledAt(k int) int32    { return -2 - int32(k) }
func settledIndex(s int32) int { return int(-2 - s) }

// searcher is one worker's scratch space for single-source shortest paths. After
// a search, order[:reached] lists the people reached (settled, for Dijkstra) in
// order of nondecreasing distance from the source, which is order[0].
type searcher struct {
	offsets []int
	targets []int32
	length  []float64 // per CSR slot; nil when unweighted

	// Unweighted: hops from the source, -1 if not reached.
	hops []int32
	// Weighted: distance from the source (valid unless state is unseen),
	// search state (see unseen) and the binary heap of people in reach.
	dist  []float64
	state []int32
	heap  []int32

	// With paths: sigma is the number of shortest paths from the source; for
	// BFS, the successors of order[k] on those paths are
	// succ[succStart[k]:succStart[k+1]]; for Dijkstra, the predecessors are
	// preds[predStart[k]:predStart[k+1]].
	sigma     []float64
	succStart []int32
	succ      []int32
	predStart []int32
	preds     []int32

	order   []int32
	reached int
}

// newSearcher allocates a searcher for g; length is edgeLengths(g). paths says
// whether searches will count shortest paths (betweenness) or only measure
// distances (closeness).
func newSearcher(g *Snapshot, length []float64, paths bool) *searcher {
	n := g.N()
	t := &searcher{offsets: g.offsets, targets: g.targets, length: length, order: make([]int32, n)}
	if length == nil {
		t.hops = make([]int32, n)
		for i := range t.hops {
			t.hops[i] = -1
		}
	} else {
		t.dist = make([]float64, n)
		t.state = make([]int32, n)
		for i := range t.state {
			t.state[i] = unseen
		}
		t.heap = make([]int32, 0, n)
	}
	if paths {
		t.sigma = make([]float64, n)
		if length == nil {
			t.succStart = make([]int32, n+1)
			t.succ = make([]int32, len(g.targets)+1)
		} else {
			t.predStart = make([]int32, n+1)
			t.preds = make([]int32, len(g.targets))
		}
	}
	return t
}

// clear forgets the previous search, touching only the people it reached.
func (t *searcher) clear() {
	if t.length == nil {
		for _, v := range t.order[:t.reached] {
			t.hops[v] = -1
		}
	} else {
		for _, v := range t.order[:t.reached] {
			t.state[v] = unseen
		}
		for _, v := range t.heap {
			t.state[v] = unseen
		}
		t.heap = t.heap[:0]
	}
	t.reached = 0
}

// search finds shortest paths from s, counting them when the searcher was
// made with paths. With target >= 0 it stops once target is settled (or
// found to be out of reach).
func (t *searcher) search(s, target int32) {
	switch {
	case t.length != nil:
		t.dijkstra(s, target)
	case t.sigma != nil:
		t.bfsPaths(s, target)
	default:
		t.bfs(s)
	}
}

// bfs measures hops from s to everyone in reach.
func (t *searcher) bfs(s int32) {
	t.clear()
	off, adj, hops, order := t.offsets, t.targets, t.hops, t.order
	hops[s], order[0] = 0, s
	tail := 1
	for head := 0; head < tail; head++ {
		v := order[head]
		next := hops[v] + 1
		for _, w := range adj[off[v]:off[v+1]] {
			if hops[w] < 0 {
				hops[w] = next
				order[tail] = w
				tail++
			}
		}
	}
	t.reached = tail
}

// bfsPaths is bfs that also counts shortest paths and records, for the k-th
// person reached, their successors on shortest paths (neighbours one hop
// further out) as succ[succStart[k]:succStart[k+1]], which is all the
// dependency pass needs. The search itself only finds levels and successors,
// recording a successor without a branch (on a small world whether a
// neighbour is one is a coin toss that a branch predictor would lose); path
// counts are then pushed down the successor lists in order, each person's
// count being final before they pass it on.
func (t *searcher) bfsPaths(s, target int32) {
	t.clear()
	off, adj, hops, order, succ, succStart := t.offsets, t.targets, t.hops, t.order, t.succ, t.succStart
	hops[s], order[0] = 0, s
	tail, ns := 1, int32(0)
	head := 0
	for ; head < tail; head++ {
		v := order[head]
		succStart[head] = ns
		next := hops[v] + 1
		for _, w := range adj[off[v]:off[v+1]] {
			hw := hops[w]
			if hw < 0 {
				hw = next
				hops[w] = hw
				order[tail] = w
				tail++
			}
			succ[ns] = w
			ns += int32(b2i(hw == next))
		}
		if v == target {
			head++
			break
		}
	}
	// People discovered but not dequeued (when stopped at target) have no
	// successor list; neither have they any use for one.
	for k := head; k <= tail; k++ {
		succStart[k] = ns
	}
	t.reached = tail
	sigma := t.sigma
	for _, v := range order[:tail] {
		sigma[v] = 0
	}
	sigma[s] = 1
	for k, v := range order[:head] {
		sv := sigma[v]
		for _, w := range succ[succStart[k]:succStart[k+1]] {
			sigma[w] += sv
		}
	}
}

// b2i is 1 for true and 0 for false, compiled without a branch.
func b2i(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}

// dijkstra measures distances from s (and counts shortest paths, recording
// predecessors, when the searcher has paths).
//
// Predecessors follow NetworkX: u is a predecessor of v when u was settled
// before v and dist[u] + length(u, v) == dist[v] exactly in floating point,
// so paths whose lengths differ only by rounding are not treated as ties. The
// test is made once, when v is settled, against its settled neighbours.
func (t *searcher) dijkstra(s, target int32) {
	t.clear()
	off, adj, length, dist, state, order := t.offsets, t.targets, t.length, t.dist, t.state, t.order
	paths := t.sigma != nil
	dist[s] = 0
	t.push(s)
	k, np := 0, int32(0)
	for len(t.heap) > 0 {
		v := t.pop()
		state[v] = settledAt(k)
		order[k] = v
		dv := dist[v]
		if paths {
			t.predStart[k] = np
			var count float64
			if k == 0 {
				count = 1
			}
			for e := off[v]; e < off[v+1]; e++ {
				w := adj[e]
				switch sw := state[w]; {
				case sw < unseen:
					if dist[w]+length[e] == dv {
						count += t.sigma[w]
						t.preds[np] = w
						np++
					}
				case sw == unseen:
					dist[w] = dv + length[e]
					t.push(w)
				default:
					if d := dv + length[e]; d < dist[w] {
						dist[w] = d
						t.up(int(sw))
					}
				}
			}
			t.sigma[v] = count
		} else {
			for e := off[v]; e < off[v+1]; e++ {
				w := adj[e]
				switch sw := state[w]; {
				case sw == unseen:
					dist[w] = dv + length[e]
					t.push(w)
				case sw >= 0:
					if d := dv + length[e]; d < dist[w] {
						dist[w] = d
						t.up(int(sw))
					}
				}
			}
		}
		k++
		if v == target {
			break
		}
	}
	if paths {
		t.predStart[k] = np
	}
	t.reached = k
}

// push adds v to the heap, keyed by dist[v].
func (t *searcher) push(v int32) {
	t.heap = append(t.heap, v)
	t.up(len(t.heap) - 1)
}

// up restores the heap order after the key of heap[i] decreased.
func (t *searcher) up(i int) {
	h, dist, state := t.heap, t.dist, t.state
	v := h[i]
	d := dist[v]
	for i > 0 {
		p := (i - 1) / 2
		u := h[p]
		if dist[u] <= d {
			break
		}
		h[i] = u
		state[u] = int32(i)
		i = p
	}
	h[i] = v
	state[v] = int32(i)
}

// pop removes and returns the person nearest the source.
func (t *searcher) pop() int32 {
	h, dist, state := t.heap, t.dist, t.state
	top := h[0]
	last := h[len(h)-1]
	h = h[:len(h)-1]
	t.heap = h
	if len(h) == 0 {
		return top
	}
	d := dist[last]
	i, n := 0, len(h)
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && dist[h[c+1]] < dist[h[c]] {
			c++
		}
		if dist[h[c]] >= d {
			break
		}
		h[i] = h[c]
		state[h[i]] = int32(i)
		i = c
	}
	h[i] = last
	state[last] = int32(i)
	return top
}

// distanceSums searches from s and summarises the distances to the others in
// reach: how many people were reached (s included), the sum of their
// distances, the sum of their reciprocals and the largest.
func (t *searcher) distanceSums(s int32) (reached int, sum, inverse, farthest float64) {
	t.search(s, -1)
	order := t.order[:t.reached]
	if t.length == nil {
		// Order is sorted by hops: add up level by level.
		for i := 1; i < len(order); {
			h := t.hops[order[i]]
			j := i + 1
			for j < len(order) && t.hops[order[j]] == h {
				j++
			}
			count, d := float64(j-i), float64(h)
			sum += count * d
			inverse += count / d
			farthest = d
			i = j
		}
		return len(order), sum, inverse, farthest
	}
	for _, v := range order[1:] {
		d := t.dist[v]
		sum += d
		inverse += 1 / d
	}
	return len(order), sum, inverse, t.dist[order[len(order)-1]]
}
