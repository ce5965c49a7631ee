package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// SampleInfo states the accuracy of SampledBetweenness: with probability at
// least 1−Delta, every person's estimate is within Epsilon of their exact
// normalised betweenness (as Betweenness returns it).
type SampleInfo struct {
	// Samples is the number of shortest paths sampled; 0 when the result is
	// exact (Epsilon and Delta are then 0 too, and Method empty).
	Samples int
	// Epsilon is the caller's epsilon rescaled to Betweenness's normalisation:
	// epsilon·n/(n−2).
	Epsilon float64
	// Delta is the caller's delta: the chance that some estimate is further off.
	Delta float64
	// Method names the sampling method: MethodKADABRA.
	Method string
}

// MethodKADABRA, the method SampleInfo.Method names, is Borassi and Natale's
// adaptive sampling (see SampledBetweenness).
const MethodKADABRA = "kadabra"

// ErrBadAccuracy is returned by SampledBetweenness when epsilon or delta is not
// strictly between 0 and 1.
var ErrBadAccuracy = errors.New("epsilon and delta must each lie strictly between 0 and 1")

// SampledBetweenness estimates every person's normalised betweenness (see
// Betweenness) from a sample of shortest paths, for networks too large for the
// exact O(nm) computation: with probability at least 1−delta every estimate
// over ordered pairs of people is within epsilon, and, rescaled by n/(n−2) to
// Betweenness's normalisation, within the Epsilon reported in SampleInfo.
//
// It samples adaptively by KADABRA (M. Borassi and E. Natale, "KADABRA is an
// ADaptive Algorithm for Betweenness via Random Approximation", ESA 2016; see
// kadabra): uniform ordered pairs of distinct people and one of their
// shortest paths uniformly, found by balanced bidirectional breadth-first
// search (Dijkstra's algorithm stopped at the target when weighted), until
// Borassi and Natale's bounds put every estimate within epsilon, and at most
// Riondato and Kornaropoulos' sample size for failure probability delta/2,
// ω = ⌈(0.5/ε²)(⌊log₂(VD−2)⌋ + 1 + ln(2/δ))⌉, VD bounding the people on any
// shortest path (M. Riondato and E. M. Kornaropoulos, "Fast approximation of
// betweenness centrality through sampling", Data Mining and Knowledge
// Discovery 30(2), 2016). On a small world a sample costs about √m, so the
// whole costs O(ω√m) against Brandes' O(nm).
//
// When ω would be at least n, the exact Betweenness is returned instead
// (SampleInfo zero). The result depends only on the snapshot, epsilon, delta
// and seed: each sample draws from its own PCG stream derived from seed and
// its number, samples are counted in integers and the stopping rule is checked
// at fixed sample counts, so neither GOMAXPROCS nor scheduling changes it.
func SampledBetweenness(ctx context.Context, g *Snapshot, epsilon, delta float64, seed uint64) ([]float64, SampleInfo, error) {
	b, length, vd, err := withoutSampling(ctx, g, epsilon, delta, func(vd int) float64 {
		return math.Ceil(0.5 / (epsilon * epsilon) * (math.Floor(math.Log2(float64(vd-2))) + 1 + math.Log(2/delta)))
	})
	if b != nil || err != nil {
		return b, SampleInfo{}, err
	}
	return kadabra(ctx, g, length, epsilon, delta, seed, vd)
}

// withoutSampling checks a sampling's epsilon and delta and answers where
// sampling cannot help: every betweenness is 0 when no shortest path has
// anyone inside it, and exact when the sample size for VD, the bound on the
// people on any shortest path, would reach n. Otherwise b is nil, and length
// and vd are g's edge lengths and VD, for the sampler.
func withoutSampling(ctx context.Context, g *Snapshot, epsilon, delta float64, size func(vd int) float64) (b, length []float64, vd int, err error) {
	if !(epsilon > 0 && epsilon < 1) || !(delta > 0 && delta < 1) {
		return nil, nil, 0, fmt.Errorf("sampled betweenness: epsilon %v, delta %v: %w", epsilon, delta, ErrBadAccuracy)
	}
	n := g.N()
	length = edgeLengths(g)
	if n > 2 {
		vd = vertexDiameterBound(g, length)
	}
	if vd <= 2 {
		return make([]float64, n), nil, vd, nil
	}
	if size(vd) >= float64(n) {
		b, err = Betweenness(ctx, g)
		return b, nil, vd, err
	}
	return nil, length, vd, nil
}

// samplePath searches from u until v is settled, then walks back from v to u
// choosing each predecessor p of the current person x with probability
// sigma[p]/sigma[x], which picks one shortest u–v path uniformly, and counts
// the people inside it. It does nothing if v is out of u's reach.
func (t *searcher) samplePath(u, v int32, rng *rand.Rand, count []int64) {
	t.search(u, v)
	if t.length == nil && t.hops[v] < 0 || t.length != nil && t.state[v] >= unseen {
		return
	}
	for x := v; ; {
		x = t.choosePredecessor(x, rng.Float64()*t.sigma[x])
		if x == u {
			return
		}
		count[x]++
	}
}

// choosePredecessor returns the predecessor p of x (on shortest paths from the
// source) at which the running sum of sigma[p] first exceeds pick, a number in
// [0, sigma[x]).
func (t *searcher) choosePredecessor(x int32, pick float64) int32 {
	last := int32(-1)
	if t.length == nil {
		want := t.hops[x] - 1
		for _, p := range t.targets[t.offsets[x]:t.offsets[x+1]] {
			if t.hops[p] == want {
				if pick -= t.sigma[p]; pick < 0 {
					return p
				}
				last = p
			}
		}
		return last // only if rounding left pick at or above the total
	}
	k := settledIndex(t.state[x])
	for _, p := range t.preds[t.predStart[k]:t.predStart[k+1]] {
		if pick -= t.sigma[p]; pick < 0 {
			return p
		}
		last = p
	}
	return last
}

// vertexDiameterBound returns an upper bound on the number of people on any
// shortest path, after Riondato and Kornaropoulos: one search per component
// from its best-connected person s, whose two largest distances d1 >= d2
// bound every distance in the component by d1+d2 (through s). That is d1+d2
// hops, or, weighted, (d1+d2)/(shortest tie length) hops; the bound is that
// plus one person, and never more than the component's size.
func vertexDiameterBound(g *Snapshot, length []float64) int {
	label, sizes := Components(g)
	start := make([]int32, len(sizes))
	for c := range start {
		start[c] = -1
	}
	for v, c := range label {
		if s := start[c]; s < 0 || g.Degree(v) > g.Degree(int(s)) {
			start[c] = int32(v)
		}
	}
	t := newSearcher(g, length, false)
	bound := 1
	for c, s := range start {
		size := sizes[c]
		if size <= 2 {
			bound = max(bound, size)
			continue
		}
		t.search(s, -1)
		order := t.order[:t.reached]
		far, next := order[len(order)-1], order[len(order)-2]
		var hops float64
		if length == nil {
			hops = float64(t.hops[far] + t.hops[next])
		} else {
			shortest := math.Inf(1)
			for _, v := range order {
				for _, l := range length[g.offsets[v]:g.offsets[v+1]] {
					shortest = min(shortest, l)
				}
			}
			// Allow for rounding in the division: a bound may not fall short.
			hops = math.Floor((t.dist[far] + t.dist[next]) / shortest * (1 + 1e-9))
		}
		bound = max(bound, int(min(hops+1, float64(size))))
	}
	return bound
}

// splitmix64 scrambles x (Steele, Lea and Flood's SplitMix64 finaliser), so
// that consecutive sample numbers seed unrelated PCG streams.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
