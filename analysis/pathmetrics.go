package analysis

import (
	"context"
	"fmt"
)

// PathMetrics are the metrics that a shortest-path search from every person
// gives: betweenness (as Betweenness), closeness and harmonic (as closenessAndPaths)
// and the path statistics of the largest component (as PathStats).
type PathMetrics struct {
	Betweenness, Closeness, Harmonic []float64
	Paths                            PathSummary
}

// AllPathMetrics returns betweenness, closeness, harmonic and the path
// statistics from one set of searches: Brandes' searches for betweenness (see
// Betweenness), each also summed up for closeness on the way, level by level.
// It costs what Betweenness costs, O(nm), plus O(n) per search, and saves the
// separate searches closenessAndPaths would make (n/64 bit-parallel
// breadth-first searches unweighted, n Dijkstra searches weighted). The
// results are bit for bit those of the separate functions.
func AllPathMetrics(ctx context.Context, g *Snapshot) (PathMetrics, error) {
	if g.N() <= 2 { // no one is between anyone: Brandes has nothing to search
		closeness, harmonic, paths, err := closenessAndPaths(ctx, g)
		if err != nil {
			return PathMetrics{}, fmt.Errorf("path metrics: %w", err)
		}
		return PathMetrics{Betweenness: make([]float64, g.N()), Closeness: closeness, Harmonic: harmonic, Paths: paths}, nil
	}
	summaries := make([]distanceSummary, g.N())
	b, err := brandes(ctx, g, summaries)
	if err != nil {
		return PathMetrics{}, fmt.Errorf("path metrics: %w", err)
	}
	closeness, harmonic, paths := closenessFromSummaries(g, func(v int) distanceSummary { return summaries[v] })
	return PathMetrics{Betweenness: b, Closeness: closeness, Harmonic: harmonic, Paths: paths}, nil
}

// summariseSearch sums up the distances of the last search, as
// summariseDistances does: unweighted, level by level, so that the sums are
// those of the bit-parallel search; weighted, person by person in the order
// settled, as searcher.summarise.
func (t *searcher) summariseSearch() distanceSummary {
	order := t.order[:t.reached]
	d := distanceSummary{reached: len(order)}
	if len(order) < 2 {
		return d
	}
	if t.length != nil {
		for _, v := range order[1:] {
			d.sum += t.dist[v]
			d.inverse += 1 / t.dist[v]
		}
		d.farthest = t.dist[order[len(order)-1]]
		return d
	}
	level, count := int32(1), 0
	flush := func() {
		l := float64(level)
		d.sum += float64(count) * l
		d.inverse += float64(count) / l
	}
	for _, v := range order[1:] {
		if h := t.hops[v]; h != level {
			flush()
			level, count = h, 0
		}
		count++
	}
	flush()
	d.farthest = float64(level)
	return d
}
