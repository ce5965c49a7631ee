package main

import (
	"os"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/analysis"
)

// TestSchemaFileIsCurrent fails when metrics.graphqls is not what the
// registry writes: a metric was added, removed or reworded in
// analysis/metrics.go without `go generate ./graph`, or the file was edited.
func TestSchemaFileIsCurrent(t *testing.T) {
	committed, err := os.ReadFile("../../../metrics.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	want, err := render(analysis.Metrics)
	if err != nil {
		t.Fatal(err)
	}
	if string(committed) != want {
		t.Errorf("metrics.graphqls is not what analysis/metrics.go generates; run `go generate ./graph`.\nwant:\n%s", want)
	}
}

// TestRender checks the file's shape on a registry of two: only Centrality
// metrics become values, described by their meaning then their definition,
// wrapped and indented.
func TestRender(t *testing.T) {
	got, err := render([]analysis.Metric{
		{Name: "inDegree", Centrality: true, Meaning: "who is sought out", Definition: "Ties recorded towards them."},
		{Name: "community", Meaning: "their group"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := header + "\n" + `"""
A measure of how central a person is. Path-based measures treat a tie of
strength s as a distance of 1/s, so a strong tie is a short path; where a pair
is tied in several ways, the strongest tie counts.
"""
enum CentralityMetric {
  """
  Who is sought out. Ties recorded towards them.
  """
  IN_DEGREE
}
`
	if got != want {
		t.Errorf("render gave\n%s\nwant\n%s", got, want)
	}
}

// TestRenderErrors checks that a registry the schema cannot describe is
// refused with the metric named, rather than written as a broken schema.
func TestRenderErrors(t *testing.T) {
	for _, c := range []struct {
		name    string
		metrics []analysis.Metric
		want    string
	}{
		{"NoDefinition", []analysis.Metric{{Name: "degree", Centrality: true, Meaning: "ties"}}, `metric "degree"`},
		{"NoMeaning", []analysis.Metric{{Name: "degree", Centrality: true, Definition: "Ties."}}, `metric "degree"`},
		{"TripleQuote", []analysis.Metric{{Name: "degree", Centrality: true, Meaning: "ties", Definition: `Ties """.`}}, `metric "degree"`},
		{"NoCentralityMetric", []analysis.Metric{{Name: "community", Meaning: "their group"}}, "no metric is marked Centrality"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := render(c.metrics)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("render: %v; want an error naming %s", err, c.want)
			}
		})
	}
}
