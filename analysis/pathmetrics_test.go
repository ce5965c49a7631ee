package analysis

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// One set of searches gives exactly what the separate functions give, on the
// NetworkX fixture's graphs, the gonum cross-check graphs (weighted and not)
// and the edge cases.
func TestAllPathMetricsMatchesSeparateFunctions(t *testing.T) {
	var cases []namedNetwork
	for _, r := range loadReference(t) {
		cases = append(cases, namedNetwork{r.Name, r.snapshot()})
	}
	cases = append(cases, testGraphs()...)
	cases = append(cases, edgeCases()...)
	cases = append(cases, namedNetwork{"holme-kim", clusteredNetwork(2000, 5, 0.3, 42)})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			got, err := AllPathMetrics(ctx, c.g)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Betweenness(ctx, c.g)
			if err != nil {
				t.Fatal(err)
			}
			closeness, harmonic, err := Closeness(ctx, c.g)
			if err != nil {
				t.Fatal(err)
			}
			paths, err := PathStats(ctx, c.g)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Betweenness, b) {
				t.Error("betweenness differs from Betweenness")
			}
			if !slices.Equal(got.Closeness, closeness) || !slices.Equal(got.Harmonic, harmonic) {
				t.Error("closeness or harmonic differs from Closeness")
			}
			if got.Paths != paths {
				t.Errorf("paths %+v; PathStats says %+v", got.Paths, paths)
			}
		})
	}
}

func TestAllPathMetricsCancelled(t *testing.T) {
	if _, err := AllPathMetrics(cancelled(), clusteredNetwork(500, 3, 0.3, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}
