package analysis

import (
	"context"
	"fmt"
	"math"
	"math/bits"
)

// Betweenness returns every person's betweenness centrality: the share of
// shortest paths between pairs of other people that pass through them,
// normalised by 2/((n-1)(n-2)) over all n people, isolates included, as
// NetworkX's betweenness_centrality(normalized=True). With n <= 2 every value
// is 0. Paths count hops, or sum distances 1/strength in a weighted snapshot,
// where two paths tie only if their lengths are equal in floating point (as in
// NetworkX; see searcher.dijkstra).
//
// It is Brandes' algorithm (U. Brandes, "A faster algorithm for betweenness
// centrality", Journal of Mathematical Sociology 25(2), 2001): one
// breadth-first search or Dijkstra search per source and a dependency pass
// back over it, O(nm) time (O(nm log n) weighted), sources shared among
// GOMAXPROCS workers. The result does not depend on how the work was shared:
// each worker adds its dependencies in fixed point (integers, whose sum does
// not depend on order), scaled so that no sum can overflow; rounding moves a
// normalised value by at most about n·2⁻⁶², 2e-13 for a million people.
func Betweenness(ctx context.Context, g *Snapshot) ([]float64, error) {
	return brandes(ctx, g, nil)
}

// brandes computes Betweenness and, when summaries is not nil (it then has a
// slot per person), sums up each person's search in their slot, for
// AllPathMetrics. With n <= 2 it searches nothing and leaves summaries alone.
func brandes(ctx context.Context, g *Snapshot, summaries []distanceSummary) ([]float64, error) {
	n := g.N()
	if n <= 2 {
		return make([]float64, n), nil
	}
	length := edgeLengths(g)
	scale := fixedPointScale(n)
	type worker struct {
		t *searcher
		// scratch holds, unweighted, (1+delta[w])/sigma[w] per person and,
		// weighted, delta itself: the dependency of the source on w.
		scratch []float64
		acc     []int64
	}
	ws, err := parallel(ctx, n, func() *worker {
		return &worker{t: newSearcher(g, length, true), scratch: make([]float64, n), acc: make([]int64, n)}
	}, func(w *worker, s int) {
		w.t.search(int32(s), -1)
		if summaries != nil {
			summaries[s] = w.t.summariseSearch()
		}
		if length == nil {
			w.t.dependenciesByHops(w.scratch, w.acc, scale)
		} else {
			w.t.dependenciesByPreds(w.scratch, w.acc, scale)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("betweenness: %w", err)
	}
	// Each pair was counted from both ends: the ordered-pair total divided by
	// (n-1)(n-2) is NetworkX's normalisation 2/((n-1)(n-2)) of the unordered one.
	return addUp(n, ws, func(w *worker) []int64 { return w.acc }, 1/(scale*float64(n-1)*float64(n-2))), nil
}

// addUp returns each person's count summed over the workers' counts, times
// norm. Counts are integers so that the sum does not depend on how the work
// was shared.
func addUp[W any](n int, ws []W, counts func(W) []int64, norm float64) []float64 {
	b := make([]float64, n)
	for v := range b {
		var total int64
		for _, w := range ws {
			total += counts(w)[v]
		}
		b[v] = float64(total) * norm
	}
	return b
}

// fixedPointScale is the power of two by which dependencies are multiplied
// before rounding to integers. A person's total over all sources is at most
// (n-1)(n-2) < n², plus at most 1/2 of rounding per source, so a scale of
// 2^(62-bitlen(n²)) keeps every sum below 2^62. Rounding costs at most half a
// unit, 2^-(k+1), per source: n·2^-(k+1)/((n-1)(n-2)) ≈ n·2^-62 after
// normalisation.
func fixedPointScale(n int) float64 {
	nn := uint64(n) * uint64(n)
	return math.Ldexp(1, 62-bits.Len64(nn))
}

// dependenciesByHops runs Brandes' dependency pass after bfsPaths from source
// order[0], adding each person's dependency times scale to acc.
//
// Rather than pushing sigma[v]/sigma[w]·(1+delta[w]) to every predecessor v
// of w, each person pulls from their successors, which the reverse order has
// already finished: delta[v] = sigma[v]·Σ coef[w] with
// coef[w] = (1+delta[w])/sigma[w], one division per person.
func (t *searcher) dependenciesByHops(coef []float64, acc []int64, scale float64) {
	sigma, succ, succStart := t.sigma, t.succ, t.succStart
	order := t.order[:t.reached]
	for k := len(order) - 1; k > 0; k-- {
		v := order[k]
		var sum float64
		for _, w := range succ[succStart[k]:succStart[k+1]] {
			sum += coef[w]
		}
		sv := sigma[v]
		delta := sv * sum
		coef[v] = (1 + delta) / sv
		acc[v] += int64(delta*scale + 0.5)
	}
}

// dependenciesByPreds runs Brandes' dependency pass after a Dijkstra search
// with paths, over the recorded predecessors, adding each person's dependency
// times scale to acc.
func (t *searcher) dependenciesByPreds(delta []float64, acc []int64, scale float64) {
	sigma, preds, predStart := t.sigma, t.preds, t.predStart
	order := t.order[:t.reached]
	for _, v := range order {
		delta[v] = 0
	}
	for k := len(order) - 1; k > 0; k-- {
		w := order[k]
		dw := delta[w]
		coef := (1 + dw) / sigma[w]
		for _, v := range preds[predStart[k]:predStart[k+1]] {
			delta[v] += sigma[v] * coef
		}
		acc[w] += int64(dw*scale + 0.5)
	}
}

// BetweennessCentralization is Freeman's centralisation of the normalised
// betweenness values b (as returned by Betweenness): Σ(max(b) − b[i]) / (n−1),
// 1 for a star and 0 when everyone is equally between. It is 0 for fewer than
// two people.
func BetweennessCentralization(betweenness []float64) float64 {
	n := len(betweenness)
	if n < 2 {
		return 0
	}
	top := betweenness[0]
	for _, b := range betweenness {
		top = max(top, b)
	}
	var sum float64
	for _, b := range betweenness {
		sum += top - b
	}
	return sum / float64(n-1)
}
