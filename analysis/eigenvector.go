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
// depends on the starting vector, except that people without ties get
// exactly 0 when anyone has a tie: their share shrinks at every step, so 0
// is the limit the iteration approaches (NetworkX stops at values such as
// 1.9e-88). When 10,000 iterations do not suffice (a
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
	if err != nil && !errors.Is(err, ErrNotConverged) {
		return nil, err
	}
	zeroIsolates(g, x)
	// The start vector, if no step was finite, has unit L1 norm; zeroing
	// isolates takes a little off the norm.
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

// zeroIsolates sets x to 0 for the people without ties, unless nobody has a
// tie. On A+I an isolate's value is multiplied by 1 at every step while the
// component with the largest eigenvalue λ > 1 grows by λ, so after
// normalisation its value tends to 0; the iteration only stops before it
// gets there.
func zeroIsolates(g *Snapshot, x []float64) {
	if g.M() == 0 {
		return
	}
	for v := range x {
		if g.Degree(v) == 0 {
			x[v] = 0
		}
	}
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
