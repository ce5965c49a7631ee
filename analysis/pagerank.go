package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// PageRank returns the PageRank of each person (Brin and Page, "The anatomy of
// a large-scale hypertextual Web search engine", 1998) on the undirected
// network, with the given damping factor (0.85 is the usual choice) and
// uniform teleportation. A random walker follows a tie with probability
// proportional to its strength (all ties alike in an unweighted snapshot);
// the rank of a person without ties is spread uniformly over everyone, as in
// networkx.pagerank. The ranks sum to 1.
//
// The kernel is a pull-based power iteration over the CSR, parallel over
// ranges of people, stopped when the L1 change between iterations falls below
// n·1e-12. Partial sums are added in a fixed order, so the result does not
// depend on the number of CPUs. Strengths are scaled by the largest before
// they are summed, which changes no rank but keeps a person's total strength
// from overflowing. It returns an error for a damping factor outside [0, 1),
// and the context's error, wrapped, when ctx is cancelled. With damping below
// 1 the iteration is a contraction and converges; if it does not within
// 10,000 iterations, or if strengths are so extreme (5e-324 beside 1) that the
// next iterate would not be finite, it returns the last finite iterate with
// ErrNotConverged.
func PageRank(ctx context.Context, g *Snapshot, damping float64) ([]float64, error) {
	if !(damping >= 0 && damping < 1) {
		return nil, fmt.Errorf("pagerank: damping %v is not in [0, 1)", damping)
	}
	n := g.N()
	if n == 0 {
		return []float64{}, nil
	}
	offsets, weights := g.offsets, g.weights
	// scale makes the largest strength 1, so that no total overflows.
	scale := 1.0
	if wmax := maxWeight(weights); wmax > 0 && !math.IsInf(1/wmax, 0) {
		scale = 1 / wmax
	}
	// invStrength[v] turns v's rank into the share it sends along each unit
	// of strength; it is 0 for people without ties, whose rank is dangling.
	invStrength := make([]float64, n)
	rank := make([]float64, n)
	share := make([]float64, n) // rank[v] * invStrength[v]
	dangling := 0.0
	for v := range n {
		s := 0.0
		for _, w := range weights[offsets[v]:offsets[v+1]] {
			s += w * scale
		}
		rank[v] = 1 / float64(n)
		if offsets[v] < offsets[v+1] {
			invStrength[v] = scale / s
			share[v] = rank[v] * invStrength[v]
		} else {
			dangling += rank[v]
		}
	}
	nextRank := make([]float64, n)
	nextShare := make([]float64, n)
	bounds := workBlocks(offsets)
	nb := len(bounds) - 1
	workers := parallelism(nb)
	changePart := make([]float64, nb)
	danglingPart := make([]float64, nb)
	err := powerIterate(ctx, "pagerank", n, func() float64 {
		base := (damping*dangling + 1 - damping) / float64(n)
		forEachBlock(workers, nb, func(_, b int) {
			change, dang := 0.0, 0.0
			for v := bounds[b]; v < bounds[b+1]; v++ {
				r := damping*g.addNeighbours(0, v, share) + base
				change += math.Abs(r - rank[v])
				nextRank[v] = r
				nextShare[v] = r * invStrength[v]
				if offsets[v] == offsets[v+1] {
					dang += r
				}
			}
			changePart[b], danglingPart[b] = change, dang
		})
		change, dang := 0.0, 0.0
		for b := range nb {
			change += changePart[b]
			dang += danglingPart[b]
		}
		if math.IsInf(change, 0) || math.IsNaN(change) {
			return change // keep rank, the last finite iterate
		}
		dangling = dang
		rank, nextRank = nextRank, rank
		share, nextShare = nextShare, share
		return change
	})
	if err != nil && !errors.Is(err, ErrNotConverged) {
		return nil, err
	}
	return rank, err
}

// maxWeight returns the largest of weights, or 0 for none (an unweighted
// snapshot has no weights).
func maxWeight(weights []float64) float64 {
	m := 0.0
	for _, w := range weights {
		m = max(m, w)
	}
	return m
}

// blockWork is the least work (people plus tie ends) in one block of a
// parallel kernel: enough to dwarf the cost of handing the block out.
const blockWork = 1 << 14

// workBlocks splits people 0..n−1 into contiguous ranges of about blockWork
// people plus tie ends each, so that hubs do not unbalance the workers, and
// returns the boundaries (first 0, last n). The split depends only on the
// graph: kernels that add per-block partial sums in block order get the same
// answer whatever the number of CPUs.
func workBlocks(offsets []int) []int {
	n := len(offsets) - 1
	total := n + offsets[n]
	nb := max(1, (total+blockWork-1)/blockWork)
	bounds := make([]int, nb+1)
	for b := 1; b < nb; b++ {
		want := b * total / nb
		bounds[b] = sort.Search(n, func(v int) bool { return v+offsets[v] >= want })
	}
	bounds[nb] = n
	return bounds
}

// parallelism is the number of workers worth starting for nb blocks.
func parallelism(nb int) int { return max(1, min(runtime.GOMAXPROCS(0), nb)) }

// forEachBlock calls fn for every block 0..nb−1 on workers goroutines, each
// block exactly once; worker (0..workers−1) identifies the goroutine so that
// fn can use per-worker scratch space. With one worker it runs inline.
func forEachBlock(workers, nb int, fn func(worker, b int)) {
	if workers <= 1 {
		for b := range nb {
			fn(0, b)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var crash workerPanic
	for w := range workers {
		wg.Go(func() {
			defer crash.catch()
			for {
				b := int(next.Add(1)) - 1
				if b >= nb {
					return
				}
				fn(w, b)
			}
		})
	}
	wg.Wait()
	crash.raise()
}
