package graph_test

import (
	"slices"
	"testing"

	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/graph/generated"
)

// TestCentralityMetricsMatchTheRegistry holds the schema's CentralityMetric
// enum to the metric registry: every value is a registry metric marked
// Centrality, and every such metric is a value, so that a metric added to
// the registry is offered by GraphQL, and Query.centrality can read any
// value it is given.
func TestCentralityMetricsMatchTheRegistry(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var enum []string
	for _, v := range schema.Types["CentralityMetric"].EnumValues {
		enum = append(enum, v.Name)
	}
	var registry []string
	for _, m := range analysis.Metrics {
		if m.Centrality {
			registry = append(registry, m.Enum())
		}
	}
	slices.Sort(enum)
	slices.Sort(registry)
	if !slices.Equal(enum, registry) {
		t.Errorf("CentralityMetric is %v; the registry's centrality metrics are %v", enum, registry)
	}
}
