package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// ErrNotConverged is returned by iterative kernels (Eigenvector, PageRank)
// that did not reach their tolerance within their iteration limit, or whose
// next iterate would not have been finite (strengths so extreme that sums
// overflow). They return their last finite iterate with it: a usable,
// degraded answer, which callers should flag rather than discard.
var ErrNotConverged = errors.New("iteration did not converge")

// Eigenvector returns the eigenvector centrality of each person (Bonacich,
// "Power and centrality: a family of measures", 1987): a person is central
// when tied to central people. Ties count by strength in a weighted snapshot.
// The vector has unit Euclidean norm.
//
// It is computed like networkx.eigenvector_centrality: power iteration on
// A+I (which converges on bipartite networks too) from the uniform vector,
// normalised every step, until the L1 change is below n·1e-12. On a network
// with several components the answer therefore matches NetworkX's, which
// depends on the starting vector. When 10,000 iterations do not suffice (a
// long path converges very slowly) or strengths are so extreme that the next
// iterate would overflow, it returns the last finite iterate with
// ErrNotConverged; when ctx is cancelled, nil and the context's error, each
// wrapped.
func Eigenvector(ctx context.Context, g *Snapshot) ([]float64, error) {
	n := g.N()
	if n == 0 {
		return []float64{}, nil
	}
	x := make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	next := make([]float64, n)
	bounds := workBlocks(g.offsets)
	nb := len(bounds) - 1
	workers := parallelism(nb)
	part := make([]float64, nb)
	sum := func() float64 {
		s := 0.0
		for _, p := range part {
			s += p
		}
		return s
	}
	err := powerIterate(ctx, "eigenvector", n, func() float64 {
		// next = (A+I)x, and its squared norm.
		forEachBlock(workers, nb, func(_, b int) {
			sq := 0.0
			for v := bounds[b]; v < bounds[b+1]; v++ {
				y := g.addNeighbours(x[v], v, x)
				next[v] = y
				sq += y * y
			}
			part[b] = sq
		})
		norm := math.Sqrt(sum())
		if norm == 0 {
			norm = 1
		}
		if math.IsInf(norm, 0) || math.IsNaN(norm) {
			return norm // keep x, the last finite iterate
		}
		forEachBlock(workers, nb, func(_, b int) {
			change := 0.0
			for v := bounds[b]; v < bounds[b+1]; v++ {
				next[v] /= norm
				change += math.Abs(next[v] - x[v])
			}
			part[b] = change
		})
		change := sum()
		if !math.IsInf(change, 0) && !math.IsNaN(change) {
			x, next = next, x
		}
		return change
	})
	if errors.Is(err, ErrNotConverged) {
		// The start vector, if no step was finite, has unit L1 norm.
		norm := 0.0
		for _, v := range x {
			norm += v * v
		}
		if norm = math.Sqrt(norm); norm > 0 {
			for v := range x {
				x[v] /= norm
			}
		}
		return x, err
	}
	if err != nil {
		return nil, err
	}
	return x, nil
}

// powerIterate runs step, one iteration of a power method that returns the
// L1 change it made, until the change is below n·1e-12. A step whose change
// is not finite must keep the previous iterate: powerIterate then stops. It
// returns ErrNotConverged after 10,000 iterations or a step that was not
// finite, and the context's error when ctx is cancelled, each wrapped with
// what.
func powerIterate(ctx context.Context, what string, n int, step func() (change float64)) error {
	const tolerance = 1e-12
	for i := range maxIterations {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		change := step()
		if math.IsInf(change, 0) || math.IsNaN(change) {
			return fmt.Errorf("%s: iteration %d overflowed (tie strengths too extreme), kept iteration %d: %w",
				what, i+1, i, ErrNotConverged)
		}
		if change < float64(n)*tolerance {
			return nil
		}
	}
	return fmt.Errorf("%s after %d iterations: %w", what, maxIterations, ErrNotConverged)
}

// maxIterations bounds powerIterate.
const maxIterations = 10000

// addNeighbours returns y plus the sum of x over v's neighbours, each term
// times the tie's strength in a weighted snapshot.
func (g *Snapshot) addNeighbours(y float64, v int, x []float64) float64 {
	lo, hi := g.offsets[v], g.offsets[v+1]
	if g.weighted {
		ws := g.weights[lo:hi]
		for k, u := range g.targets[lo:hi] {
			y += x[u] * ws[k]
		}
		return y
	}
	for _, u := range g.targets[lo:hi] {
		y += x[u]
	}
	return y
}
