package analysis

import (
	"context"
	"fmt"
)

// PathSummary describes the shortest paths of a network's largest component.
type PathSummary struct {
	// AveragePathLength is the mean distance over ordered pairs of distinct
	// people, as NetworkX's average_shortest_path_length.
	AveragePathLength float64
	// Diameter is the largest distance between two people.
	Diameter float64
}

// PathStats returns the average shortest path length and the diameter of the
// largest component (component 0 of Components), both 0 when it has a single
// person or the snapshot is empty. Distances count hops, or sum 1/strength in
// a weighted snapshot. It searches from every member of the component, shared
// among GOMAXPROCS workers (see summariseDistances).
func PathStats(ctx context.Context, g *Snapshot) (PathSummary, error) {
	label, sizes := Components(g)
	if len(sizes) == 0 || sizes[0] < 2 {
		return PathSummary{}, nil
	}
	members := make([]int32, 0, sizes[0])
	for v, c := range label {
		if c == 0 {
			members = append(members, int32(v))
		}
	}
	sums := make([]float64, len(members))
	farthest := make([]float64, len(members))
	err := summariseDistances(ctx, g, members, func(i int, d distanceSummary) {
		sums[i], farthest[i] = d.sum, d.farthest
	})
	if err != nil {
		return PathSummary{}, fmt.Errorf("path statistics: %w", err)
	}
	return summarisePaths(sums, farthest), nil
}

// summarisePaths combines the searches from the members of the largest
// component, in ascending order: sums[i] and farthest[i] are the sum of the
// distances from the i-th member to the others and the largest. It adds up in
// that fixed order, so that the result does not depend on scheduling.
func summarisePaths(sums, farthest []float64) PathSummary {
	if len(sums) < 2 {
		return PathSummary{}
	}
	var total, diameter float64
	for i := range sums {
		total += sums[i]
		diameter = max(diameter, farthest[i])
	}
	c := float64(len(sums))
	return PathSummary{AveragePathLength: total / (c * (c - 1)), Diameter: diameter}
}
