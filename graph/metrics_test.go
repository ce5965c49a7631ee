package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/graph/generated"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestCentralityMetricsMatchTheRegistry holds the executable schema's
// CentralityMetric enum to the metric registry, from which metrics.graphqls
// is generated: its values are the registry's metrics marked Centrality, in
// the registry's order and described as the registry describes them, so that
// a metric added to the registry is offered by GraphQL, Query.centrality can
// read any value it is given, and generated code older than the registry
// fails here.
func TestCentralityMetricsMatchTheRegistry(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var enum, registry []string
	for _, v := range schema.Types["CentralityMetric"].EnumValues {
		enum = append(enum, v.Name+": "+strings.Join(strings.Fields(v.Description), " "))
	}
	for _, m := range analysis.Metrics {
		if m.Centrality {
			registry = append(registry, m.Enum()+": "+m.Description())
		}
	}
	if !slices.Equal(enum, registry) {
		t.Errorf("CentralityMetric is\n%s\nthe registry's centrality metrics are\n%s", strings.Join(enum, "\n"), strings.Join(registry, "\n"))
	}
}

// TestAnalysisStatusAndProvenance checks the GraphQL side of the engine's
// per-metric work: IN_DEGREE and OUT_DEGREE rank by recorded direction, the
// provenance lists how each metric held was computed, an empty scope has
// null path statistics, and analysisStatus says what the scope holds.
func TestAnalysisStatusAndProvenance(t *testing.T) {
	c, _ := newAnalysisClient(t, embeddedtest.MustOpenTemp(t))
	w := newSmallWorld(c) // ties hub→ann, hub→bob, hub→cat, cat→dan
	empty := c.createNetwork("Empty Network")

	var out struct {
		In, Out []struct {
			Score  float64
			Person struct{ ID string }
		}
		NetworkHealth struct {
			Provenance struct {
				Stale             bool
				LatestDataVersion string
				DataVersion       string
				Metrics           []struct {
					Metric, Method string
					Exact          bool
				}
			}
		}
		Empty struct {
			People                      int
			AveragePathLength, Diameter *float64
		}
		AnalysisStatus struct {
			State       string
			DataVersion *string
			Computed    []string
			Computing   bool
		}
	}
	c.do(`query($empty: ID!) {
	  in: centrality(metric: IN_DEGREE, top: 1) { score person { id } }
	  out: centrality(metric: OUT_DEGREE, top: 1) { score person { id } }
	  networkHealth { provenance { stale latestDataVersion dataVersion metrics { metric method exact } } }
	  empty: networkHealth(scope: {networkId: $empty}) { people averagePathLength diameter }
	}`, map[string]any{"empty": empty}, &out)
	if len(out.Out) != 1 || out.Out[0].Person.ID != w.hub || out.Out[0].Score != 3 {
		t.Errorf("top out-degree %+v; want the hub, who recorded 3 ties", out.Out)
	}
	if len(out.In) != 1 || out.In[0].Score != 1 {
		t.Errorf("top in-degree %+v; want 1 (nobody is named twice)", out.In)
	}
	p := out.NetworkHealth.Provenance
	if p.Stale || p.LatestDataVersion != p.DataVersion || len(p.Metrics) == 0 {
		t.Errorf("provenance %+v; want current, with the metrics held", p)
	}
	for _, m := range p.Metrics {
		if !m.Exact || m.Method == "" {
			t.Errorf("metric provenance %+v; want exact with a method on a small graph", m)
		}
	}
	if out.Empty.People != 0 || out.Empty.AveragePathLength != nil || out.Empty.Diameter != nil {
		t.Errorf("empty network: %+v; want null path statistics", out.Empty)
	}

	c.do(`{ analysisStatus { state dataVersion computed computing } }`, nil, &out)
	s := out.AnalysisStatus
	if s.State != "CURRENT" || s.DataVersion == nil || !slices.Contains(s.Computed, "inDegree") || s.Computing {
		t.Errorf("analysisStatus %+v; want CURRENT holding inDegree", s)
	}
}
