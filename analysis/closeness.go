package analysis

import (
	"context"
	"fmt"
)

// closenessAndPaths returns every person's closeness and harmonic centrality
// and the path statistics of the largest component (as PathStats), from
// shortest-path searches from everyone shared among GOMAXPROCS workers (see
// summariseDistances). Distances count hops, or sum 1/strength in a weighted
// snapshot.
//
// Closeness is ((r−1)/Σd)·((r−1)/(n−1)), where r is the number of people person
// v can reach (v included) and Σd the sum of their distances: Wasserman and
// Faust's correction for disconnected graphs (S. Wasserman and K. Faust, Social
// Network Analysis, Cambridge University Press, 1994), as NetworkX's
// closeness_centrality(wf_improved=True). It is 0 for a person with no ties.
// Harmonic centrality is Σ 1/d over the people v can reach, not normalised, as
// NetworkX's harmonic_centrality. Analyse takes both from here, or from
// AllPathMetrics when betweenness is wanted too.
func closenessAndPaths(ctx context.Context, g *Snapshot) (closeness, harmonic []float64, paths PathSummary, err error) {
	n := g.N()
	summaries := make([]distanceSummary, n)
	everyone := make([]int32, n)
	for v := range everyone {
		everyone[v] = int32(v)
	}
	err = summariseDistances(ctx, g, everyone, func(v int, d distanceSummary) { summaries[v] = d })
	if err != nil {
		return nil, nil, PathSummary{}, fmt.Errorf("closeness: %w", err)
	}
	closeness, harmonic, paths = closenessFromSummaries(g, func(v int) distanceSummary { return summaries[v] })
	return closeness, harmonic, paths, nil
}

// closenessFromSummaries turns the summed-up searches from every person into
// closeness, harmonic and the path statistics of the largest component.
func closenessFromSummaries(g *Snapshot, summary func(v int) distanceSummary) (closeness, harmonic []float64, paths PathSummary) {
	n := g.N()
	closeness, harmonic = make([]float64, n), make([]float64, n)
	label, _ := Components(g)
	var sums, farthest []float64
	for v := range n {
		d := summary(v)
		if d.sum > 0 {
			others := float64(d.reached - 1)
			closeness[v] = others / d.sum * (others / float64(n-1))
		}
		harmonic[v] = d.inverse
		if label[v] == 0 {
			sums, farthest = append(sums, d.sum), append(farthest, d.farthest)
		}
	}
	return closeness, harmonic, summarisePaths(sums, farthest)
}
