package analysis

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sync"
	"testing"
)

// The reference fixture, testdata/reference.json, holds graphs and the values
// NetworkX 2.8.8 computes for them (made by testdata/reference.py; format in
// docs/analysis-api.md). Tests compare the analysis package against it.

// referenceGraph is one graph of the fixture with NetworkX's results.
type referenceGraph struct {
	Name     string          `json:"name"`
	Weighted bool            `json:"weighted"`
	Nodes    []string        `json:"nodes"`
	Edges    []referenceEdge `json:"edges"`
	// NodeMetrics maps a metric name ("degree", "betweenness", ...) to each
	// person's value; nil stands for NetworkX's NaN (written as null).
	NodeMetrics  map[string]map[string]*float64 `json:"nodeMetrics"`
	GraphMetrics referenceGraphMetrics          `json:"graphMetrics"`
}

// referenceEdge is a tie as written in the fixture: ["a", "b", strength].
type referenceEdge struct {
	A, B     string
	Strength float64
}

func (e *referenceEdge) UnmarshalJSON(data []byte) error {
	var triple [3]json.RawMessage
	if err := json.Unmarshal(data, &triple); err != nil {
		return fmt.Errorf("edge %s: %w", data, err)
	}
	for i, dst := range []any{&e.A, &e.B, &e.Strength} {
		if err := json.Unmarshal(triple[i], dst); err != nil {
			return fmt.Errorf("edge %s: %w", data, err)
		}
	}
	return nil
}

// referenceGraphMetrics are NetworkX's whole-graph figures. Path figures are
// of the largest component (unique in every fixture graph); articulation
// points are sorted, and each bridge is a sorted pair in a sorted list.
type referenceGraphMetrics struct {
	Nodes                     int         `json:"nodes"`
	Edges                     int         `json:"edges"`
	Density                   float64     `json:"density"`
	Components                int         `json:"components"`
	LargestComponentShare     float64     `json:"largestComponentShare"`
	AverageClustering         float64     `json:"averageClustering"`
	Transitivity              float64     `json:"transitivity"`
	ArticulationPoints        []string    `json:"articulationPoints"`
	Bridges                   [][2]string `json:"bridges"`
	AveragePathLength         float64     `json:"averagePathLength"`
	Diameter                  float64     `json:"diameter"`
	DegreeCentralization      float64     `json:"degreeCentralization"`
	BetweennessCentralization float64     `json:"betweennessCentralization"`
	// LouvainModularity is the best of NetworkX's Louvain over seeds 0..9.
	LouvainModularity float64 `json:"louvainModularity"`
}

var reference struct {
	once   sync.Once
	graphs []referenceGraph
	err    error
}

// loadReference returns the fixture's graphs, reading the file once per test
// binary. Callers must not modify what it returns.
func loadReference(t testing.TB) []referenceGraph {
	t.Helper()
	reference.once.Do(func() {
		data, err := os.ReadFile("testdata/reference.json")
		if err != nil {
			reference.err = err
			return
		}
		var doc struct {
			Graphs []referenceGraph `json:"graphs"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			reference.err = fmt.Errorf("testdata/reference.json: %w", err)
			return
		}
		reference.graphs = doc.Graphs
	})
	if reference.err != nil {
		t.Fatal(reference.err)
	}
	return reference.graphs
}

// snapshot builds the graph, adding people in the listed order first so that
// person v of the snapshot is r.Nodes[v] and people without ties exist.
func (r referenceGraph) snapshot() *Snapshot {
	b := NewBuilder(r.Weighted)
	b.Grow(len(r.Nodes), len(r.Edges))
	for _, id := range r.Nodes {
		b.AddPerson(id)
	}
	for _, e := range r.Edges {
		if err := b.AddTie(e.A, e.B, e.Strength); err != nil {
			panic(fmt.Sprintf("reference graph %s: %v", r.Name, err)) // the fixture is ours: a bug, not input
		}
	}
	return b.Build()
}

// nodeMetric returns NetworkX's value of a metric for every person, by id
// (nil for NaN). It fails the test if the fixture lacks the metric.
func (r referenceGraph) nodeMetric(t testing.TB, name string) map[string]*float64 {
	t.Helper()
	m, ok := r.NodeMetrics[name]
	if !ok {
		t.Fatalf("reference graph %s has no node metric %q", r.Name, name)
	}
	return m
}

// want returns NetworkX's value of a metric indexed like g (built by
// r.snapshot), with NaN where the fixture has null.
func (r referenceGraph) want(t testing.TB, g *Snapshot, name string) []float64 {
	t.Helper()
	m := r.nodeMetric(t, name)
	out := make([]float64, g.N())
	for v := range out {
		x, ok := m[g.ID(v)]
		switch {
		case !ok:
			t.Fatalf("reference graph %s, metric %s: no value for %q", r.Name, name, g.ID(v))
		case x == nil:
			out[v] = math.NaN()
		default:
			out[v] = *x
		}
	}
	return out
}

// withinTol reports whether got is within tol of want, relative to |want| when
// |want| > 1 and absolute otherwise. NaN matches only NaN (null in the
// fixture); infinities match only themselves.
func withinTol(got, want, tol float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	}
	return math.Abs(got-want) <= tol*max(1, math.Abs(want))
}

// assertClose reports an error unless got is close to want (see withinTol).
func assertClose(t testing.TB, what string, got, want, tol float64) {
	t.Helper()
	if !withinTol(got, want, tol) {
		t.Errorf("%s = %v; want %v (±%g)", what, got, want, tol)
	}
}

// assertCloseEach compares a per-person result with NetworkX's metric name,
// reporting at most a few mismatches by person id.
func (r referenceGraph) assertCloseEach(t testing.TB, g *Snapshot, name string, got []float64, tol float64) {
	t.Helper()
	want := r.want(t, g, name)
	if len(got) != len(want) {
		t.Fatalf("%s %s: got %d values; want %d", r.Name, name, len(got), len(want))
	}
	bad := 0
	for v := range want {
		if withinTol(got[v], want[v], tol) {
			continue
		}
		if bad++; bad <= 5 {
			t.Errorf("%s %s[%q] = %v; want %v (±%g)", r.Name, name, g.ID(v), got[v], want[v], tol)
		}
	}
	if bad > 5 {
		t.Errorf("%s %s: %d mismatches in all", r.Name, name, bad)
	}
}

func TestReferenceFixtureLoads(t *testing.T) {
	graphs := loadReference(t)
	if len(graphs) < 8 {
		t.Fatalf("got %d reference graphs; want at least 8", len(graphs))
	}
	metrics := []string{"degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
		"pagerank", "core", "clustering", "constraint", "effectiveSize"}
	for _, r := range graphs {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			gm := r.GraphMetrics
			if g.N() != len(r.Nodes) || g.N() != gm.Nodes {
				t.Errorf("N() = %d; fixture lists %d people, graphMetrics.nodes = %d", g.N(), len(r.Nodes), gm.Nodes)
			}
			if g.M() != len(r.Edges) || g.M() != gm.Edges {
				t.Errorf("M() = %d; fixture lists %d ties, graphMetrics.edges = %d", g.M(), len(r.Edges), gm.Edges)
			}
			if g.Weighted() != r.Weighted {
				t.Errorf("Weighted() = %v; want %v", g.Weighted(), r.Weighted)
			}
			for v, id := range r.Nodes {
				if g.ID(v) != id {
					t.Fatalf("person %d is %q; want %q (listed order)", v, g.ID(v), id)
				}
			}
			for _, name := range metrics {
				if n := len(r.nodeMetric(t, name)); n != g.N() {
					t.Errorf("metric %s has %d values; want %d", name, n, g.N())
				}
			}
			degree, strength := r.want(t, g, "degree"), r.want(t, g, "strength")
			for v := range g.N() {
				assertClose(t, fmt.Sprintf("degree of %q", g.ID(v)), float64(g.Degree(v)), degree[v], 0)
				sum := 0.0
				for _, s := range g.Strengths(v) {
					sum += s
				}
				assertClose(t, fmt.Sprintf("strength of %q", g.ID(v)), sum, strength[v], 1e-12)
			}
		})
	}
}

func TestWithinTolTreatsNullAsNaN(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		got, want, tol float64
		ok             bool
	}{
		{1, 1, 0, true},
		{0.5 + 1e-10, 0.5, 1e-9, true},
		{0.5 + 1e-8, 0.5, 1e-9, false},
		{1000 + 1e-7, 1000, 1e-9, true}, // relative above 1
		{nan, nan, 0, true},
		{0, nan, 1, false},
		{nan, 0, 1, false},
		{inf, inf, 0, true},
		{1e300, inf, 1, false},
	} {
		if ok := withinTol(c.got, c.want, c.tol); ok != c.ok {
			t.Errorf("withinTol(%v, %v, %v) = %v; want %v", c.got, c.want, c.tol, ok, c.ok)
		}
	}
}
