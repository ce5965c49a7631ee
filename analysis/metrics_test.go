package analysis

import (
	"context"
	"math"
	"testing"
)

// TestMetricRegistry checks that every metric names a kernel that Analyse
// runs and fills, and that every kernel has a metric.
func TestMetricRegistry(t *testing.T) {
	names := map[string]bool{}
	var covered MetricSet
	for _, m := range Metrics {
		if names[metricKey(m.Name)] {
			t.Errorf("metric %q listed twice", m.Name)
		}
		names[metricKey(m.Name)] = true
		if m.Title == "" || m.Meaning == "" || m.Value == nil {
			t.Errorf("metric %q lacks a title, a meaning or a value", m.Name)
		}
		if got, ok := MetricNamed(m.Enum()); !ok || got.Name != m.Name {
			t.Errorf("MetricNamed(%q) = %q, %v; want %q", m.Enum(), got.Name, ok, m.Name)
		}
		covered |= m.Kernel
	}
	if covered != AllMetrics {
		t.Errorf("kernels without a metric: %v", AllMetrics&^covered)
	}
	var kernelsListed MetricSet
	for _, kn := range kernelTable {
		if kernelsListed&kn.set != 0 {
			t.Errorf("kernel %v listed twice", kn.set)
		}
		kernelsListed |= kn.set
		if kn.fill == nil {
			t.Errorf("kernel %v has no fill", kn.set)
		}
	}
	if kernelsListed != AllMetrics {
		t.Errorf("metrics without a kernel: %v", AllMetrics&^kernelsListed)
	}
	for _, tt := range []struct{ name, enum string }{
		{"pagerank", "PAGERANK"}, {"inDegree", "IN_DEGREE"}, {"effectiveSize", "EFFECTIVE_SIZE"},
	} {
		if got := (Metric{Name: tt.name}).Enum(); got != tt.enum {
			t.Errorf("Enum(%q) = %q; want %q", tt.name, got, tt.enum)
		}
	}
}

// TestMetricValues checks that each metric, computed alone, reads the values
// of its kernel, and that no other metric's values are filled in.
func TestMetricValues(t *testing.T) {
	g := brokerNetwork(t)
	all, err := Analyse(context.Background(), g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Metrics {
		r, err := Analyse(context.Background(), g, Options{Metrics: m.Kernel})
		if err != nil {
			t.Fatal(err)
		}
		nonzero := false
		for v := range r.People {
			got, want := m.Value(&r.People[v]), m.Value(&all.People[v])
			if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("%s of person %d: %v alone, %v with everything", m.Name, v, got, want)
			}
			nonzero = nonzero || got != 0
		}
		if !nonzero && m.Name != "community" && m.Name != "inDegree" {
			t.Errorf("%s: every value is 0", m.Name)
		}
	}
}

// TestAnalysePrior checks that a result grows metric by metric: what the
// prior result holds is reused, not computed again, and the figures match a
// result computed at once.
func TestAnalysePrior(t *testing.T) {
	g := brokerNetwork(t)
	first, err := Analyse(context.Background(), g, Options{Metrics: MetricPageRank})
	if err != nil {
		t.Fatal(err)
	}
	var stages []string
	second, err := Analyse(context.Background(), g, Options{
		Metrics: MetricCloseness, Roles: true, Prior: first,
		Progress: func(s Step) {
			if s.Stage != "" {
				stages = append(stages, s.Stage)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stages {
		if s == "pagerank" || s == "structure" {
			t.Errorf("stage %q ran again though the prior result has it", s)
		}
	}
	want := MetricPageRank | MetricCloseness | MetricBetweenness | MetricEigenvector | MetricCommunity
	if second.Metrics != want || !second.HasRoles() || !second.HasPaths() {
		t.Errorf("Metrics = %v, roles %v, paths %v; want %v with roles and paths", second.Metrics, second.HasRoles(), second.HasPaths(), want)
	}
	once, err := Analyse(context.Background(), g, Options{Metrics: MetricPageRank | MetricCloseness, Roles: true})
	if err != nil {
		t.Fatal(err)
	}
	for v := range once.People {
		if once.People[v] != second.People[v] && !math.IsNaN(once.People[v].Constraint) {
			t.Errorf("person %d: %+v grown, %+v at once", v, second.People[v], once.People[v])
		}
	}
	if len(once.Connectors) != len(second.Connectors) || len(once.Sponsors) != len(second.Sponsors) {
		t.Errorf("%d connectors and %d sponsors grown; %d and %d at once",
			len(second.Connectors), len(second.Sponsors), len(once.Connectors), len(once.Sponsors))
	}
}

// TestEmptyPaths checks that a scope with nobody in it has no average path
// length or diameter (null in GraphQL), not 0: there is no largest
// component to measure.
func TestEmptyPaths(t *testing.T) {
	r, err := Analyse(context.Background(), NewBuilder(true).Build(), Options{Paths: PathsAlways})
	if err != nil {
		t.Fatal(err)
	}
	if r.Graph.AveragePathLength != nil || r.Graph.Diameter != nil {
		t.Errorf("average path length %v, diameter %v on an empty scope; want nil", r.Graph.AveragePathLength, r.Graph.Diameter)
	}
}

// TestProgressPlan checks that the steps reported add up: the last report
// has Done == Total, whatever is asked and whatever is reused.
func TestProgressPlan(t *testing.T) {
	g := clusteredNetwork(300, 3, 0.3, 1)
	prior, err := Analyse(context.Background(), g, Options{Metrics: MetricPageRank})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		opts Options
	}{
		{"everything", Options{}},
		{"betweenness and paths in one", Options{Metrics: MetricBetweenness | MetricCloseness, Paths: PathsAlways}},
		{"sampled betweenness", Options{Metrics: MetricBetweenness, SampleAbove: 10, Epsilon: 0.2}},
		{"estimated closeness with paths", Options{Metrics: MetricBetweenness | MetricHarmonic, Paths: PathsAlways, EstimateClosenessAbove: 10, ClosenessEpsilon: 0.3}},
		{"roles on a prior", Options{Roles: true, Introductions: true, Metrics: MetricDegree, Prior: prior}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var last Step
			tt.opts.Progress = func(s Step) { last = s }
			if _, err := Analyse(context.Background(), g, tt.opts); err != nil {
				t.Fatal(err)
			}
			if last.Total == 0 || last.Done != last.Total {
				t.Errorf("last step %+v; want every step done", last)
			}
		})
	}
}

// TestMetricProvenance checks that each metric says how it was computed:
// exact kernels as such, sampled betweenness and estimated closeness with
// their method, sample and bound.
func TestMetricProvenance(t *testing.T) {
	g := clusteredNetwork(2000, 3, 0.3, 1)
	r, err := Analyse(context.Background(), g, Options{
		Metrics:     MetricBetweenness | MetricCloseness | MetricHarmonic | MetricPageRank | MetricDegree,
		SampleAbove: 100, Epsilon: 0.1, EstimateClosenessAbove: 100, ClosenessEpsilon: 0.2,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]MetricProvenance{}
	for _, p := range r.Provenance.Metrics {
		got[p.Metric] = p
	}
	if len(got) != 5 {
		t.Errorf("provenance of %d metrics, want 5: %+v", len(got), r.Provenance.Metrics)
	}
	if b := got["betweenness"]; b.Exact || b.Method != MethodKADABRA || b.Samples == 0 || b.ErrorBound <= 0 {
		t.Errorf("betweenness %+v; want KADABRA with its sample and bound", b)
	}
	for _, name := range []string{"closeness", "harmonic"} {
		if c := got[name]; c.Exact || c.Method != "eppstein-wang" || c.Samples == 0 || c.ErrorBound <= 0 || c.ErrorProbability != DefaultDelta {
			t.Errorf("%s %+v; want Eppstein–Wang with its sources and bound", name, c)
		}
	}
	if p := got["pagerank"]; !p.Exact || p.Method != "power iteration" {
		t.Errorf("pagerank %+v", p)
	}
	if d := got["degree"]; !d.Exact || d.Method != "exact" {
		t.Errorf("degree %+v", d)
	}
	if r.Provenance.Exact {
		t.Error("Provenance.Exact with sampled metrics")
	}
}
