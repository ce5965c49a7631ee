package analysis

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// ClosenessSampleInfo states the accuracy of SampledCloseness: with
// probability at least 1−Delta, every person's harmonic estimate is within
// HarmonicError of their exact harmonic centrality, and every person's
// estimated mean distance to the people they can reach (the reciprocal of
// closeness before the Wasserman–Faust factor) within DistanceError of the
// exact mean. Closeness itself, (r−1)/(n−1) divided by that mean μ, is then
// within a factor μ/(μ ± DistanceError) of exact.
type ClosenessSampleInfo struct {
	// Sources is the number of people searched from in each component larger
	// than that; 0 when every component was searched from everyone, and the
	// result is exact (the errors and Delta are then 0 too).
	Sources int
	// HarmonicError bounds the error of each harmonic estimate (a sum of
	// 1/distance, so in people).
	HarmonicError float64
	// DistanceError bounds the error of each estimated mean distance (in hops,
	// or in units of 1/strength when weighted).
	DistanceError float64
	// Delta is the caller's delta: the chance that some estimate is further off.
	Delta float64
}

// SampledCloseness estimates every person's closeness and harmonic centrality
// (as closenessAndPaths defines them) from shortest-path searches from a uniform
// sample of people, for networks too large for a search from everyone
// (Eppstein and Wang's estimator: D. Eppstein and J. Wang, "Fast approximation
// of centrality", Journal of Graph Algorithms and Applications 8(1), 2004).
//
// In every component of more than k = ⌈ln(4n/δ)/(2ε²)⌉ people it searches
// from k members drawn uniformly with replacement and scales each person's
// sums of distances and of reciprocal distances to those sources by size/k;
// smaller components are searched from everyone, exactly. The number of
// people each person reaches is their component's size, known exactly. By
// Hoeffding's inequality and a union bound over the 2n estimates, with
// probability at least 1−δ every harmonic estimate is within ε·size/ℓ of
// exact (ℓ the shortest tie length, 1 unweighted) and every mean distance
// within ε·D·size/(size−1), D bounding the component's diameter (twice the
// farthest distance from its best-connected member); ClosenessSampleInfo
// reports the largest of each over the sampled components. For a component of
// a million people and ε = 0.05, δ = 0.1, that is k = 3,380 searches, run 64
// at a time by bit-parallel breadth-first search (see multiSource) when
// unweighted, against n for Closeness: O(km/64) time.
//
// The result depends only on the snapshot, epsilon, delta and seed: sums are
// kept in integers (in fixed point, reciprocals in units of 2⁻³²), so neither
// GOMAXPROCS nor scheduling changes it.
func SampledCloseness(ctx context.Context, g *Snapshot, epsilon, delta float64, seed uint64) (closeness, harmonic []float64, info ClosenessSampleInfo, err error) {
	if !(epsilon > 0 && epsilon < 1) || !(delta > 0 && delta < 1) {
		return nil, nil, ClosenessSampleInfo{}, fmt.Errorf("sampled closeness: epsilon %v, delta %v: %w", epsilon, delta, ErrBadAccuracy)
	}
	n := g.N()
	k := int(math.Ceil(math.Log(4*float64(n)/delta) / (2 * epsilon * epsilon)))
	label, sizes := Components(g)
	members := make([][]int32, len(sizes))
	for v, c := range label {
		members[c] = append(members[c], int32(v))
	}
	// Sources component by component, so that a batch of bit-parallel
	// searches mostly shares one component.
	rng := rand.New(rand.NewPCG(seed, 0x5a3c))
	var sources []int32
	sampled := make([]bool, len(sizes))
	for c, m := range members {
		if len(m) <= k {
			sources = append(sources, m...)
			continue
		}
		sampled[c] = true
		for range k {
			sources = append(sources, m[rng.IntN(len(m))])
		}
	}
	length := edgeLengths(g)
	sums, inverses, err := distanceTotals(ctx, g, length, sources)
	if err != nil {
		return nil, nil, ClosenessSampleInfo{}, fmt.Errorf("sampled closeness: %w", err)
	}
	closeness, harmonic = make([]float64, n), make([]float64, n)
	for v, c := range label {
		size := sizes[c]
		if size < 2 {
			continue
		}
		scale := 1.0
		if sampled[c] {
			scale = float64(size) / float64(k)
		}
		others := float64(size - 1)
		if sum := sums[v] * scale; sum > 0 {
			closeness[v] = others / sum * (others / float64(n-1))
		}
		harmonic[v] = inverses[v] * scale
	}
	if !slices.Contains(sampled, true) {
		return closeness, harmonic, ClosenessSampleInfo{}, nil
	}
	info = ClosenessSampleInfo{Sources: k, Delta: delta}
	shortest := 1.0
	if length != nil {
		shortest = slices.Min(length)
	}
	t := newSearcher(g, length, false)
	for c, m := range members {
		if !sampled[c] {
			continue
		}
		size := float64(len(m))
		info.HarmonicError = max(info.HarmonicError, epsilon*size/shortest)
		info.DistanceError = max(info.DistanceError, epsilon*diameterBound(g, t, m)*size/(size-1))
	}
	return closeness, harmonic, info, nil
}

// diameterBound bounds the largest distance within a component, whose members
// are given, by d1+d2: the two farthest distances from its best-connected
// member, through whom every pair is at most that far apart.
func diameterBound(g *Snapshot, t *searcher, members []int32) float64 {
	s := members[0]
	for _, v := range members {
		if g.Degree(int(v)) > g.Degree(int(s)) {
			s = v
		}
	}
	t.search(s, -1)
	order := t.order[:t.reached]
	if len(order) < 2 {
		return 0
	}
	far, next := order[len(order)-1], order[len(order)-2]
	if t.length == nil {
		return float64(t.hops[far] + t.hops[next])
	}
	return t.dist[far] + t.dist[next]
}

// distanceTotals returns, for every person v, the sum over sources s of
// d(s, v) and of 1/d(s, v) (over the sources that reach v, v itself
// excluded), a source listed twice counting twice. Unweighted, 64 sources are
// searched at a time (see multiSource.accumulate).
func distanceTotals(ctx context.Context, g *Snapshot, length []float64, sources []int32) (sums, inverses []float64, err error) {
	n := g.N()
	type worker struct {
		m        *multiSource
		t        *searcher
		sum, inv []int64
	}
	// Reciprocals are added in fixed point, in units of 2⁻³², or smaller
	// units if that could overflow (no reciprocal exceeds 1/(shortest tie));
	// weighted distances too, in units small enough for every distance yet
	// leaving every sum below 2⁶² (no distance exceeds (n−1) times the
	// longest tie).
	invScale, distScale := int64(1)<<32, 0.0
	if length != nil {
		most := float64(len(sources)) / slices.Min(length)
		invScale = min(invScale, int64(1)<<(62-bits.Len64(uint64(math.Ceil(most))+1)))
		bound := float64(len(sources)) * float64(n) * slices.Max(length)
		distScale = math.Ldexp(1, 62-bits.Len64(uint64(math.Ceil(bound))+1))
	}
	items := len(sources)
	if length == nil {
		items = (len(sources) + 63) / 64
	}
	ws, err := parallel(ctx, items, func() *worker {
		w := &worker{sum: make([]int64, n), inv: make([]int64, n)}
		if length == nil {
			w.m = newMultiSource(g)
		} else {
			w.t = newSearcher(g, length, false)
		}
		return w
	}, func(w *worker, i int) {
		if length == nil {
			w.m.accumulate(sources[64*i:min(64*i+64, len(sources))], invScale, w.sum, w.inv)
			return
		}
		w.t.dijkstra(sources[i], -1)
		for _, v := range w.t.order[1:w.t.reached] {
			d := w.t.dist[v]
			w.sum[v] += int64(d*distScale + 0.5)
			w.inv[v] += int64(float64(invScale)/d + 0.5)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	sums, inverses = make([]float64, n), make([]float64, n)
	unit := 1.0
	if length != nil {
		unit = 1 / distScale
	}
	for v := range sums {
		var s, inv int64
		for _, w := range ws {
			s += w.sum[v]
			inv += w.inv[v]
		}
		sums[v] = float64(s) * unit
		inverses[v] = float64(inv) / float64(invScale)
	}
	return sums, inverses, nil
}

// accumulate runs a bit-parallel breadth-first search from up to 64 sources
// (a source may be listed more than once) and adds, for every person reached,
// the hops from each source to sum and the reciprocals, in units of 1/unit,
// to inverse.
func (m *multiSource) accumulate(sources []int32, unit int64, sum, inverse []int64) {
	m.begin(sources)
	for level := int64(1); ; level++ {
		reached := m.advance()
		if len(reached) == 0 {
			return
		}
		reciprocal := (unit + level/2) / level
		for _, w := range reached {
			c := int64(bits.OnesCount64(m.visit[w]))
			sum[w] += c * level
			inverse[w] += c * reciprocal
		}
	}
}
