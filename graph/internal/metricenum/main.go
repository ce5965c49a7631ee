// Command metricenum writes the GraphQL enum CentralityMetric from the metric
// registry (analysis.Metrics): one value per metric marked Centrality, in the
// registry's order, described by the metric's Meaning and Definition. Adding
// a metric to the registry thus offers it to Query.centrality without anyone
// editing the schema. `go generate ./graph` runs it before gqlgen, and
// graph/gen_check.sh fails when the file it wrote is not current.
//
// Usage, from graph/: go run ./internal/metricenum ../metrics.graphqls
package main

import (
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/netgraph/netgraph/analysis"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: metricenum FILE")
		os.Exit(2)
	}
	schema, err := render(analysis.Metrics)
	if err == nil {
		err = os.WriteFile(os.Args[1], []byte(schema), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "metricenum:", err)
		os.Exit(1)
	}
}

// header heads the file, so that nobody edits it by hand.
const header = "# Generated from analysis/metrics.go by graph/internal/metricenum; do not edit.\n" +
	"# Run `go generate ./graph` after changing the metric registry.\n"

// enumDescription is the enum's own description: what every value shares.
const enumDescription = "A measure of how central a person is. Path-based measures treat a tie of " +
	"strength s as a distance of 1/s, so a strong tie is a short path; where a " +
	"pair is tied in several ways, the strongest tie counts."

// render is the schema file declaring CentralityMetric for metrics.
func render(metrics []analysis.Metric) (string, error) {
	var b strings.Builder
	b.WriteString(header + "\n")
	block(&b, "", enumDescription)
	b.WriteString("enum CentralityMetric {\n")
	n := 0
	for _, m := range metrics {
		if !m.Centrality {
			continue
		}
		if m.Meaning == "" || m.Definition == "" {
			return "", fmt.Errorf("metric %q (analysis/metrics.go): a Centrality metric needs a Meaning and a Definition, its GraphQL description", m.Name)
		}
		if d := m.Description(); strings.Contains(d, `"""`) || strings.Contains(d, `\`) {
			// Neither occurs in the registry's words; escaping them in a
			// block string is not worth the code until one does.
			return "", fmt.Errorf("metric %q (analysis/metrics.go): its description holds \"\"\" or a backslash", m.Name)
		}
		block(&b, "  ", m.Description())
		b.WriteString("  " + m.Enum() + "\n")
		n++
	}
	if n == 0 {
		return "", fmt.Errorf("analysis/metrics.go: no metric is marked Centrality, and a GraphQL enum needs a value")
	}
	b.WriteString("}\n")
	return b.String(), nil
}

// block writes text as a GraphQL block string, wrapped at 78 columns. The
// text holds no """ and no backslash (render checks).
func block(b *strings.Builder, indent, text string) {
	b.WriteString(indent + `"""` + "\n")
	line := indent
	for _, word := range strings.Fields(text) {
		if line != indent && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > 78 {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n" + indent + `"""` + "\n")
}
