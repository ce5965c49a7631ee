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
	"math"
	"math/bits"
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
	procs := runtime.GOMAXPROCS(0)
	// Chunks of up to 16 items, and at least 8 per worker to share out.
	chunk := max(1, min(16, items/(8*procs)))
	workers := min(procs, (items+chunk-1)/chunk)
	ws := make([]W, workers)
	var next atomic.Int64
	var stopped atomic.Bool
	done := ctx.Done()
	var wg sync.WaitGroup
	var crash workerPanic
	for k := range ws {
		wg.Go(func() {
			defer crash.catch()
			w := newWorker()
			ws[k] = w
			for {
				start := int(next.Add(int64(chunk))) - chunk
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
	crash.raise()
	if stopped.Load() {
		return nil, ctx.Err()
	}
	return ws, nil
}

// workerPanic holds the first panic of a group of worker goroutines so that
// the goroutine that started them can raise it again once they have all
// stopped. A panic left on a worker would end the whole process, beyond the
// reach of any recover in the caller (the engine turns a panicking analysis
// into an error).
type workerPanic struct {
	mu     sync.Mutex
	value  any
	caught bool
}

// catch is deferred by each worker.
func (p *workerPanic) catch() {
	if v := recover(); v != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.caught {
			p.value, p.caught = v, true
		}
	}
}

// raise panics with the value caught first, if any; call it once the workers
// are done.
func (p *workerPanic) raise() {
	if p.caught {
		panic(p.value)
	}
}

// States of a person in a weighted search: unseen, queued (in the heap, maybe
// more than once), or settled (settledAt(k) for the k-th person settled).
const (
	unseen = -1
	queued = 0
)

func settledAt(k int) int32    { return -2 - int32(k) }
func settledIndex(s int32) int { return int(-2 - s) }

// queueItem is a heap entry: a person and the distance they were queued at,
// as its IEEE 754 bits, which order non-negative floats like the floats
// themselves and let the heap compare integers without branches. Keeping the
// key in the entry spares the heap an indirection per comparison.
type queueItem struct {
	key uint64
	v   int32
}

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
	// search state (see unseen) and a 4-ary min-heap of queued people, with
	// lazy deletion: a person queued again at a shorter distance leaves a
	// stale entry behind, skipped when popped.
	dist  []float64
	state []int32
	heap  []queueItem

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
		t.heap = make([]queueItem, 0, n)
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
		for _, it := range t.heap {
			t.state[it.v] = unseen
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
	dist[s], state[s] = 0, queued
	t.push(0, s)
	k, np := 0, int32(0)
	for len(t.heap) > 0 {
		v := t.pop()
		if state[v] != queued {
			continue // a stale entry: v was settled from a shorter one
		}
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
				d := dv + length[e]
				switch sw := state[w]; {
				case sw < unseen:
					if dist[w]+length[e] == dv {
						count += t.sigma[w]
						t.preds[np] = w
						np++
					}
				case sw == unseen || d < dist[w]:
					dist[w], state[w] = d, queued
					t.push(d, w)
				}
			}
			t.sigma[v] = count
		} else {
			for e := off[v]; e < off[v+1]; e++ {
				w := adj[e]
				if sw := state[w]; sw == unseen || sw == queued && dv+length[e] < dist[w] {
					d := dv + length[e]
					dist[w], state[w] = d, queued
					t.push(d, w)
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

// push queues v at distance d.
func (t *searcher) push(d float64, v int32) {
	key := math.Float64bits(d)
	h := append(t.heap, queueItem{})
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if h[p].key <= key {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = queueItem{key, v}
	t.heap = h
}

// pop removes the nearest queued entry and returns its person.
func (t *searcher) pop() int32 {
	h := t.heap
	top := h[0].v
	last := h[len(h)-1]
	h = h[:len(h)-1]
	t.heap = h
	n := len(h)
	i := 0
	for {
		c := 4*i + 1
		if c+3 >= n {
			break
		}
		// The nearest of four children, without branches: which child wins
		// is a coin toss.
		best, key := c, h[c].key
		if k := h[c+1].key; k < key {
			best, key = c+1, k
		}
		if k := h[c+2].key; k < key {
			best, key = c+2, k
		}
		if k := h[c+3].key; k < key {
			best, key = c+3, k
		}
		if key >= last.key {
			break
		}
		h[i] = h[best]
		i = best
	}
	// The last, partial family of children.
	if c := 4*i + 1; c < n && c+3 >= n {
		best := c
		for j := c + 1; j < n; j++ {
			if h[j].key < h[best].key {
				best = j
			}
		}
		if h[best].key < last.key {
			h[i] = h[best]
			i = best
		}
	}
	if n > 0 {
		h[i] = last
	}
	return top
}

// distanceSummary sums up the distances from one source to the people in its
// reach: how many they are (the source included), the sum of their
// distances, the sum of the reciprocals and the largest.
type distanceSummary struct {
	reached                int
	sum, inverse, farthest float64
}

// summariseDistances calls record(i, summary) for the distances from every
// sources[i], from GOMAXPROCS workers at once (so record must be safe for
// distinct i at the same time). Unweighted snapshots are searched 64 sources
// at a time by bit-parallel breadth-first search, weighted ones by one
// Dijkstra search per source.
func summariseDistances(ctx context.Context, g *Snapshot, sources []int32, record func(i int, s distanceSummary)) error {
	if length := edgeLengths(g); length != nil {
		_, err := parallel(ctx, len(sources), func() *searcher { return newSearcher(g, length, false) }, func(t *searcher, i int) {
			record(i, t.summarise(sources[i]))
		})
		return err
	}
	batches := (len(sources) + 63) / 64
	_, err := parallel(ctx, batches, func() *multiSource { return newMultiSource(g) }, func(m *multiSource, b int) {
		batch := sources[64*b : min(64*b+64, len(sources))]
		m.search(batch)
		for i := range batch {
			record(64*b+i, m.summary[i])
		}
	})
	return err
}

// summarise runs a Dijkstra search from s and sums up its distances.
func (t *searcher) summarise(s int32) distanceSummary {
	t.dijkstra(s, -1)
	order := t.order[:t.reached]
	var d distanceSummary
	for _, v := range order[1:] {
		d.sum += t.dist[v]
		d.inverse += 1 / t.dist[v]
	}
	d.reached, d.farthest = len(order), t.dist[order[len(order)-1]]
	return d
}

// multiSource is one worker's scratch space for bit-parallel breadth-first
// search from up to 64 sources at once (M. Then, M. Kaufmann, F. Chirigati et
// al., "The more the merrier: efficient multi-source graph traversal", PVLDB
// 8(4), 2014). Bit i of a person's words stands for source i, so one look at
// a tie advances every search that crosses it at the same level. On a small
// world the searches overlap in most levels, which saves most of the work of
// 64 separate searches.
type multiSource struct {
	offsets []int
	targets []int32
	// Per person, the sources that have reached them, that reached them at
	// the current level, and that reach them at the next.
	seen, visit, next []uint64
	// The people reached at the current and the next level, and everyone
	// reached (whose seen must be cleared for the next batch).
	frontier, following, touched []int32
	summary                      [64]distanceSummary
}

func newMultiSource(g *Snapshot) *multiSource {
	n := g.N()
	return &multiSource{
		offsets: g.offsets, targets: g.targets,
		seen: make([]uint64, n), visit: make([]uint64, n), next: make([]uint64, n),
		frontier: make([]int32, 0, n), following: make([]int32, 0, n), touched: make([]int32, 0, n),
	}
}

// begin starts the searches from up to 64 sources: bit i of a person's words
// stands for sources[i]. A source may be listed more than once (sampling
// with replacement) and then has each of its bits.
func (m *multiSource) begin(sources []int32) {
	seen, visit := m.seen, m.visit
	for _, v := range m.touched {
		seen[v] = 0
	}
	m.touched, m.frontier = m.touched[:0], m.frontier[:0]
	for i, s := range sources {
		if seen[s] == 0 {
			m.frontier = append(m.frontier, s)
			m.touched = append(m.touched, s)
		}
		seen[s] |= 1 << i
		visit[s] |= 1 << i
	}
}

// advance takes every search one level further and returns the people it
// reached first at that level, each with visit[w] the sources that did;
// empty once every search is done. The slice is valid until the next call.
func (m *multiSource) advance() []int32 {
	off, adj, seen, visit, next := m.offsets, m.targets, m.seen, m.visit, m.next
	touched, frontier, following := m.touched, m.frontier, m.following[:0]
	for _, v := range frontier {
		reach := visit[v]
		visit[v] = 0
		for _, w := range adj[off[v]:off[v+1]] {
			if fresh := reach &^ seen[w]; fresh != 0 {
				if next[w] == 0 {
					following = append(following, w)
				}
				next[w] |= fresh
			}
		}
	}
	for _, w := range following {
		fresh := next[w]
		next[w] = 0
		if seen[w] == 0 {
			touched = append(touched, w)
		}
		seen[w] |= fresh
		visit[w] = fresh
	}
	m.touched, m.frontier, m.following = touched, following, frontier
	return following
}

// search measures hops from each of up to 64 distinct sources and sums them
// up in summary[i] for sources[i].
func (m *multiSource) search(sources []int32) {
	m.begin(sources)
	for i := range sources {
		m.summary[i] = distanceSummary{reached: 1}
	}
	var count [64]int
	for level := 1; ; level++ {
		reached := m.advance()
		if len(reached) == 0 {
			return
		}
		for _, w := range reached {
			for fresh := m.visit[w]; fresh != 0; fresh &= fresh - 1 {
				count[bits.TrailingZeros64(fresh)]++
			}
		}
		d := float64(level)
		for i := range sources {
			if c := count[i]; c > 0 {
				s := &m.summary[i]
				s.reached += c
				s.sum += float64(c) * d
				s.inverse += float64(c) / d
				s.farthest = d
				count[i] = 0
			}
		}
	}
}
