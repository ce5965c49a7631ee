package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
)

// Adaptive betweenness sampling: KADABRA (M. Borassi and E. Natale, "KADABRA
// is an ADaptive Algorithm for Betweenness via Random Approximation", ESA 2016;
// ACM Journal of Experimental Algorithmics 24, 2019).
//
// Like Riondato–Kornaropoulos it samples ordered pairs of people and one
// shortest path between them uniformly, but it stops as soon as the samples
// drawn so far bound every estimate within ε (for most networks well before
// Riondato–Kornaropoulos' fixed sample size ω, which stays the cap), and it
// finds each path by a balanced bidirectional breadth-first search, which on a
// small world touches a few thousand ties rather than half the network.

// Tuning of the adaptive stopping rule. Neither changes the guarantee.
const (
	// kadabraStartShare is the size of the first phase, which only guesses
	// how the failure probability is best shared among people, as a share
	// of ω.
	kadabraStartShare = 0.02
	// kadabraEvenShare is the share of δ/2 spread evenly over everyone, so
	// that no person's bound rests on a failure probability of zero.
	kadabraEvenShare = 0.001
	// kadabraMinStep is the fewest samples between two checks of the
	// stopping rule; otherwise the step is a tenth of the samples so far.
	kadabraMinStep = 256
)

// kadabra estimates betweenness in Betweenness's normalisation to within
// epsilon·n/(n−2) for everyone with probability at least 1−delta, for a
// snapshot of more than two people whose vertex diameter is at most vd
// (vd > 2). It always samples, however small the network.
//
// Phase one draws ⌈kadabraStartShare·ω⌉ paths and uses the estimates b₁ to
// share δ/2 among people: δ(v) = exp(−c·ε²/b₁(v)) + kadabraEvenShare·δ/(4n)
// for each bound (below and above), c the smallest constant keeping their sum
// within δ/2. Phase two draws fresh paths and, at fixed sample counts τ, stops
// once for every person f(b̃, δ(v), ω, τ) < ε and g(b̃, δ(v), ω, τ) < ε
// (Borassi and Natale's Theorem 8 bounds), or at τ = ω, where
// Riondato–Kornaropoulos' bound holds with probability 1−δ/2. The estimates
// are phase two's counts over τ.
func kadabra(ctx context.Context, g *Snapshot, length []float64, epsilon, delta float64, seed uint64, vd int) ([]float64, SampleInfo, error) {
	n := g.N()
	omega := math.Ceil(0.5 / (epsilon * epsilon) * (math.Floor(math.Log2(float64(vd-2))) + 1 + math.Log(2/delta)))
	s := newPathSampling(g, length, seed)
	first := int(math.Ceil(kadabraStartShare * omega))
	if err := s.draw(ctx, 0, first); err != nil {
		return nil, SampleInfo{}, fmt.Errorf("sampled betweenness: %w", err)
	}
	lambda := kadabraLogBounds(s.totals(), first, epsilon, delta)
	s.reset()
	tau := 0
	for tau < int(omega) {
		step := min(int(omega)-tau, max(kadabraMinStep, tau/10))
		if err := s.draw(ctx, first+tau, step); err != nil {
			return nil, SampleInfo{}, fmt.Errorf("sampled betweenness: %w", err)
		}
		tau += step
		if kadabraConverged(s.totals(), lambda, epsilon, omega, tau) {
			break
		}
	}
	counts := s.totals()
	b := make([]float64, n)
	norm := float64(n) / float64(n-2) / float64(tau)
	for v, c := range counts {
		b[v] = float64(c) * norm
	}
	rescale := float64(n) / float64(n-2)
	return b, SampleInfo{Samples: first + tau, Epsilon: epsilon * rescale, Delta: delta, Method: MethodKADABRA}, nil
}

// kadabraLogBounds shares δ/2 among the 2n bounds (one below and one above
// each person) from the first phase's counts out of samples, and returns, per
// person, λ(v) = ln(1/δ(v)).
func kadabraLogBounds(counts []int64, samples int, epsilon, delta float64) []float64 {
	n := len(counts)
	budget := delta / 2 * (1 - kadabraEvenShare)
	even := kadabraEvenShare * delta / (4 * float64(n))
	// sum(c) is the failure probability of all the bounds but the even
	// share; it falls as c grows. At hi, every term is at most
	// exp(−hi·ε²) = budget/(2n).
	sum := func(c float64) float64 {
		var total float64
		for _, k := range counts {
			if k > 0 {
				total += 2 * math.Exp(-c*epsilon*epsilon*float64(samples)/float64(k))
			}
		}
		return total
	}
	lo, hi := 0.0, math.Log(2*float64(n)/budget)/(epsilon*epsilon)
	for range 60 {
		mid := (lo + hi) / 2
		if sum(mid) <= budget {
			hi = mid
		} else {
			lo = mid
		}
	}
	lambda := make([]float64, n)
	for v, k := range counts {
		d := even
		if k > 0 {
			d += math.Exp(-hi * epsilon * epsilon * float64(samples) / float64(k))
		}
		lambda[v] = -math.Log(d)
	}
	return lambda
}

// kadabraConverged reports whether, after tau samples of the second phase
// with the given counts, every person's estimate is bounded within epsilon
// below (f) and above (g), by Borassi and Natale's bounds:
//
//	f = λ/τ·(−(ω/τ − 1/3) + √((ω/τ − 1/3)² + 2b̃ω/λ)), at most b̃,
//	g = λ/τ·( (ω/τ + 1/3) + √((ω/τ + 1/3)² + 2b̃ω/λ)), at most 1 − b̃.
func kadabraConverged(counts []int64, lambda []float64, epsilon, omega float64, tau int) bool {
	t := float64(tau)
	below, above := omega/t-1.0/3, omega/t+1.0/3
	for v, k := range counts {
		b, l := float64(k)/t, lambda[v]
		root := 2 * b * omega / l
		if f := l / t * (-below + math.Sqrt(below*below+root)); min(f, b) >= epsilon {
			return false
		}
		if g := l / t * (above + math.Sqrt(above*above+root)); min(g, 1-b) >= epsilon {
			return false
		}
	}
	return true
}

// pathSampling draws numbered samples of one shortest path between a uniform
// ordered pair of distinct people, counting the people inside each path.
// Sample i draws from its own PCG stream derived from the seed and i, and
// counts are integers, so totals depend on which samples were drawn, never on
// which worker drew them.
type pathSampling struct {
	g      *Snapshot
	length []float64
	label  []int32
	seed   uint64
	mu     sync.Mutex
	idle   []*pathWorker // workers kept between rounds, counts included
	all    []*pathWorker
}

// pathWorker is one goroutine's sampler and counts.
type pathWorker struct {
	pairs *pairSearch // unweighted
	t     *searcher   // weighted
	src   *rand.PCG
	rng   *rand.Rand
	count []int64
}

func newPathSampling(g *Snapshot, length []float64, seed uint64) *pathSampling {
	label, _ := Components(g)
	return &pathSampling{g: g, length: length, label: label, seed: seed}
}

// draw draws samples number first to first+samples−1.
func (s *pathSampling) draw(ctx context.Context, first, samples int) error {
	n := s.g.N()
	ws, err := parallel(ctx, samples, s.worker, func(w *pathWorker, i int) {
		w.src.Seed(s.seed, splitmix64(uint64(first+i)))
		u := w.rng.IntN(n)
		v := w.rng.IntN(n - 1)
		if v >= u {
			v++
		}
		switch {
		case s.label[u] != s.label[v]:
			// No path: the sample counts, but credits no one.
		case w.pairs != nil:
			w.pairs.samplePath(int32(u), int32(v), w.rng, w.count)
		default:
			w.t.samplePath(int32(u), int32(v), w.rng, w.count)
		}
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.idle = append(s.idle, ws...)
	return err
}

// worker hands out an idle worker or makes a new one.
func (s *pathSampling) worker() *pathWorker {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := len(s.idle); k > 0 {
		w := s.idle[k-1]
		s.idle = s.idle[:k-1]
		return w
	}
	src := rand.NewPCG(0, 0)
	w := &pathWorker{src: src, rng: rand.New(src), count: make([]int64, s.g.N())}
	if s.length == nil {
		w.pairs = newPairSearch(s.g)
	} else {
		w.t = newSearcher(s.g, s.length, true)
	}
	s.all = append(s.all, w)
	return w
}

// totals adds up every worker's counts.
func (s *pathSampling) totals() []int64 {
	total := make([]int64, s.g.N())
	for _, w := range s.all {
		for v, c := range w.count {
			total[v] += c
		}
	}
	return total
}

// reset sets every count back to zero.
func (s *pathSampling) reset() {
	for _, w := range s.all {
		clear(w.count)
	}
}

// pairSearch is one worker's scratch space for balanced bidirectional
// breadth-first search between two people: two balls grow, one level at a
// time, from each end, always the one whose next level has fewer ties to
// look at, until they touch. Every shortest path crosses exactly one tie
// between the two outermost levels, so that tie is chosen with probability
// proportional to the paths through it and the path completed by walking back
// to each end.
type pairSearch struct {
	offsets []int
	targets []int32
	// ball is 0 for people not yet reached, 1 or 2 for those reached from
	// the first or second end; hops and sigma are their distance from that
	// end and number of shortest paths to it.
	ball  []uint8
	hops  []int32
	sigma []float64
	// queue holds everyone reached; each level of each ball is a run in it.
	queue []int32
	meet  []int32 // the crossing ties, as pairs
}

func newPairSearch(g *Snapshot) *pairSearch {
	n := g.N()
	return &pairSearch{
		offsets: g.offsets, targets: g.targets,
		ball: make([]uint8, n), hops: make([]int32, n), sigma: make([]float64, n), queue: make([]int32, n),
	}
}

// samplePath picks one shortest u–v path uniformly, u and v being distinct
// people of the same component, and counts the people inside it.
func (p *pairSearch) samplePath(u, v int32, rng *rand.Rand, count []int64) {
	off, adj, ball, hops, sigma, q := p.offsets, p.targets, p.ball, p.hops, p.sigma, p.queue
	q[0], q[1] = u, v
	ball[u], ball[v] = 1, 2
	hops[u], hops[v] = 0, 0
	sigma[u], sigma[v] = 1, 1
	tail := 2
	// The current outermost level of each ball is q[start[b]:end[b]], and
	// work[b] the number of ties its people have.
	start := [3]int{0, 0, 1}
	end := [3]int{0, 1, 2}
	work := [3]int{0, off[u+1] - off[u], off[v+1] - off[v]}
	meet := p.meet[:0]
	for len(meet) == 0 {
		b := uint8(1)
		if work[2] < work[1] {
			b = 2
		}
		from, to := start[b], end[b]
		if from == to {
			break // cannot happen within a component; a guard against looping
		}
		start[b] = tail
		ties := 0
		for k := from; k < to; k++ {
			x := q[k]
			next, sx := hops[x]+1, sigma[x]
			for _, y := range adj[off[x]:off[x+1]] {
				switch ball[y] {
				case 0:
					ball[y], hops[y], sigma[y] = b, next, sx
					q[tail] = y
					tail++
					ties += off[y+1] - off[y]
				case b:
					if hops[y] == next {
						sigma[y] += sx
					}
				default:
					meet = append(meet, x, y)
				}
			}
		}
		end[b], work[b] = tail, ties
	}
	p.meet = meet
	var total float64
	for i := 0; i < len(meet); i += 2 {
		total += sigma[meet[i]] * sigma[meet[i+1]]
	}
	pick := rng.Float64() * total
	for i := 0; i < len(meet); i += 2 {
		x, y := meet[i], meet[i+1]
		if pick -= sigma[x] * sigma[y]; pick < 0 || i+2 == len(meet) {
			p.walkBack(x, rng, count)
			p.walkBack(y, rng, count)
			break
		}
	}
	for _, x := range q[:tail] {
		ball[x] = 0
	}
}

// walkBack walks from x to the end of its ball, choosing each step's
// predecessor w with probability sigma[w]/sigma[x] (a uniform shortest path),
// and counts every person on the way but that end.
func (p *pairSearch) walkBack(x int32, rng *rand.Rand, count []int64) {
	off, adj, ball, hops, sigma := p.offsets, p.targets, p.ball, p.hops, p.sigma
	for hops[x] > 0 {
		count[x]++
		b, want := ball[x], hops[x]-1
		pick := rng.Float64() * sigma[x]
		last := int32(-1)
		for _, w := range adj[off[x]:off[x+1]] {
			if ball[w] == b && hops[w] == want {
				last = w
				if pick -= sigma[w]; pick < 0 {
					break
				}
			}
		}
		x = last // the last predecessor only if rounding left pick at or above the total
	}
}
