package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// runNetgraph runs netgraph with args as main would, with an empty
// environment, and returns the exit code and what it printed.
func runNetgraph(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := Env{Getenv: func(string) string { return "" }, Stdout: &out, Stderr: &errOut}
	code = run(context.Background(), args, env)
	return code, out.String(), errOut.String()
}

// writeTestFile writes content to name in dir and returns its path.
func writeTestFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// fixtureGraph is a graph of analysis/testdata/reference.json with the
// values NetworkX computed for it (NaN as nil).
type fixtureGraph struct {
	Name         string                         `json:"name"`
	Weighted     bool                           `json:"weighted"`
	Nodes        []string                       `json:"nodes"`
	Edges        [][3]any                       `json:"edges"`
	NodeMetrics  map[string]map[string]*float64 `json:"nodeMetrics"`
	GraphMetrics map[string]any                 `json:"graphMetrics"`
}

// loadFixtureGraph returns the named graph of the analysis package's
// NetworkX fixture.
func loadFixtureGraph(t *testing.T, name string) fixtureGraph {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "analysis", "testdata", "reference.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fixture struct {
		Graphs []fixtureGraph `json:"graphs"`
	}
	if err := json.Unmarshal(data, &fixture); err != nil {
		t.Fatal(err)
	}
	for _, g := range fixture.Graphs {
		if g.Name == name {
			return g
		}
	}
	t.Fatalf("no graph %q in the reference fixture", name)
	return fixtureGraph{}
}

// writeCSV writes the graph as an edge list (with a weight column when the
// graph is weighted) and a node list, and returns their paths.
func (g fixtureGraph) writeCSV(t *testing.T) (edges, nodes string) {
	t.Helper()
	dir := t.TempDir()
	var e strings.Builder
	e.WriteString("source,target,weight\n")
	for _, edge := range g.Edges {
		fmt.Fprintf(&e, "%v,%v,%v\n", edge[0], edge[1], edge[2])
	}
	n := "id\n" + strings.Join(g.Nodes, "\n") + "\n"
	return writeTestFile(t, dir, "edges.csv", e.String()), writeTestFile(t, dir, "nodes.csv", n)
}

// analyseOutput is the JSON of `netgraph analyse`, with nodes kept raw so
// that tests can see which keys are present.
type analyseOutput struct {
	Graph         map[string]json.RawMessage   `json:"graph"`
	Nodes         []map[string]json.RawMessage `json:"nodes"`
	Introductions []map[string]json.RawMessage `json:"introductions"`
	Provenance    map[string]json.RawMessage   `json:"provenance"`
}

func decodeAnalyse(t *testing.T, stdout string) (analyseOutput, map[string]json.RawMessage) {
	t.Helper()
	var out analyseOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output is not JSON: %v\n%.500s", err, stdout)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &top); err != nil {
		t.Fatal(err)
	}
	return out, top
}

func jsonNumber(t *testing.T, raw json.RawMessage) float64 {
	t.Helper()
	var x float64
	if err := json.Unmarshal(raw, &x); err != nil {
		t.Fatalf("%s is not a number: %v", raw, err)
	}
	return x
}

func jsonKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// TestAnalyse_Reference runs `netgraph analyse` end to end on graphs of the
// NetworkX fixture (analysis/testdata/reference.json, made by
// analysis/testdata/reference.py) and compares its JSON with NetworkX's
// values: the CLI reads, analyses and writes what the analysis package
// computes.
func TestAnalyse_Reference(t *testing.T) {
	for _, tc := range []struct {
		graph  string
		weight bool
	}{
		{"karate", false},
		{"les-miserables", true},
	} {
		t.Run(tc.graph, func(t *testing.T) {
			ref := loadFixtureGraph(t, tc.graph)
			edges, nodes := ref.writeCSV(t)
			args := []string{"analyse", "--edges", edges, "--nodes", nodes, "--format", "json"}
			if tc.weight {
				args = append(args, "--weight", "weight")
			}
			code, stdout, stderr := runNetgraph(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			out, top := decodeAnalyse(t, stdout)

			for _, k := range []string{"graph", "nodes", "introductions", "provenance"} {
				if _, ok := top[k]; !ok {
					t.Errorf("no %q in the output (keys %v)", k, jsonKeys(top))
				}
			}
			for _, k := range []string{"nodes", "edges", "density", "components", "largestComponentShare",
				"averageClustering", "transitivity", "modularity", "articulationPoints", "bridges",
				"degreeCentralization", "betweennessCentralization", "averagePathLength", "diameter"} {
				if _, ok := out.Graph[k]; !ok {
					t.Errorf("graph has no %q (keys %v)", k, jsonKeys(out.Graph))
				}
			}
			for _, k := range []string{"density", "transitivity", "averageClustering", "averagePathLength",
				"diameter", "degreeCentralization", "betweennessCentralization"} {
				want, _ := ref.GraphMetrics[k].(float64)
				if got := jsonNumber(t, out.Graph[k]); math.Abs(got-want) > 1e-6 {
					t.Errorf("graph %s = %v, NetworkX %v", k, got, want)
				}
			}
			var aps []string
			if err := json.Unmarshal(out.Graph["articulationPoints"], &aps); err != nil {
				t.Fatal(err)
			}
			wantAPs := []string{}
			for _, v := range ref.GraphMetrics["articulationPoints"].([]any) {
				wantAPs = append(wantAPs, v.(string))
			}
			if slices.Sort(aps); !slices.Equal(aps, slices.Sorted(slices.Values(wantAPs))) {
				t.Errorf("articulation points %v, NetworkX %v", aps, wantAPs)
			}

			if len(out.Nodes) != len(ref.Nodes) {
				t.Fatalf("%d nodes, want %d", len(out.Nodes), len(ref.Nodes))
			}
			all := []string{"id", "degree", "inDegree", "outDegree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
				"pagerank", "core", "clustering", "constraint", "effectiveSize", "community", "communityName"}
			for _, node := range out.Nodes {
				if got := jsonKeys(node); !slices.Equal(got, slices.Sorted(slices.Values(all))) {
					t.Fatalf("node keys %v, want %v", got, all)
				}
				var id string
				if err := json.Unmarshal(node["id"], &id); err != nil {
					t.Fatal(err)
				}
				for _, metric := range []string{"betweenness", "pagerank", "closeness", "eigenvector", "degree", "core"} {
					want := ref.NodeMetrics[metric][id]
					if want == nil {
						continue
					}
					if got := jsonNumber(t, node[metric]); math.Abs(got-*want) > 1e-6 {
						t.Errorf("%s of %s = %v, NetworkX %v", metric, id, got, *want)
					}
				}
			}

			if len(out.Introductions) == 0 {
				t.Error("no introductions")
			}
			for _, in := range out.Introductions {
				for _, k := range []string{"a", "b", "score", "mutualContacts"} {
					if _, ok := in[k]; !ok {
						t.Errorf("introduction without %q: %v", k, jsonKeys(in))
					}
				}
			}
			for _, k := range []string{"computedAt", "exact", "metrics", "seed"} {
				if _, ok := out.Provenance[k]; !ok {
					t.Errorf("provenance without %q: %v", k, jsonKeys(out.Provenance))
				}
			}
		})
	}
}

// karateCSV writes Zachary's karate club as an edge list and returns its path.
func karateCSV(t *testing.T) string {
	t.Helper()
	edges, _ := loadFixtureGraph(t, "karate").writeCSV(t)
	return edges
}

func TestAnalyse_MetricsSubset(t *testing.T) {
	edges := karateCSV(t)

	t.Run("OnlyAskedFor", func(t *testing.T) {
		code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--metrics", "betweenness, PageRank")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		out, top := decodeAnalyse(t, stdout)
		for _, node := range out.Nodes {
			if got := jsonKeys(node); !slices.Equal(got, []string{"betweenness", "id", "pagerank"}) {
				t.Fatalf("node keys %v, want id, betweenness and pagerank only", got)
			}
		}
		if _, ok := top["introductions"]; ok {
			t.Error("introductions without --introductions or all metrics")
		}
		if _, ok := out.Graph["modularity"]; ok {
			t.Error("modularity without communities")
		}
	})

	t.Run("WithIntroductions", func(t *testing.T) {
		code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--metrics", "pagerank", "--introductions")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		out, _ := decodeAnalyse(t, stdout)
		if len(out.Introductions) == 0 {
			t.Error("no introductions with --introductions")
		}
		// Introductions need communities, which are then reported, by name too.
		if got := jsonKeys(out.Nodes[0]); !slices.Equal(got, []string{"community", "communityName", "id", "pagerank"}) {
			t.Errorf("node keys %v, want id, pagerank, community and communityName", got)
		}
	})
}

func TestAnalyse_NaNIsNull(t *testing.T) {
	dir := t.TempDir()
	edges := writeTestFile(t, dir, "edges.csv", "a,b\nx,y\ny,z\n")
	nodes := writeTestFile(t, dir, "nodes.csv", "id\nloner\n")
	code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--nodes", nodes, "--metrics", "constraint")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `{"id":"loner","constraint":null,"effectiveSize":null}`) {
		t.Errorf("a person without ties should have null constraint and effective size:\n%s", stdout)
	}
	decodeAnalyse(t, stdout)
}

func TestAnalyse_Errors(t *testing.T) {
	dir := t.TempDir()
	good := writeTestFile(t, dir, "good.csv", "source,target\na,b\n")
	bad := writeTestFile(t, dir, "bad.csv", "source,target,weight\na,b,1\nb,c,heavy\n")
	tiny := writeTestFile(t, dir, "tiny.csv", "source,target,weight\na,b,1\nb,c,5e-324\n")
	nul := writeTestFile(t, dir, "nul.csv", "source,target\na,b\nb,c\x00d\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"BadLine", []string{"--edges", bad, "--weight", "weight"}, 1, bad + ` line 3: strength "heavy" is not a number`},
		{"TinyStrength", []string{"--edges", tiny, "--weight", "weight"}, 1, tiny + ` line 3: strength "5e-324" is below the minimum tie strength 0.01`},
		{"NULInID", []string{"--edges", nul}, 1, nul + ` line 3: column 2 (target): id "c\x00d" holds a control character (U+0000) at character 2`},
		{"NoFile", []string{"--edges", filepath.Join(dir, "missing.csv")}, 1, "missing.csv"},
		{"UnknownMetric", []string{"--edges", good, "--metrics", "degree,betweeness"}, 2, `"betweeness"`},
		{"UnknownFormat", []string{"--edges", good, "--format", "xml"}, 2, `"xml"`},
		{"NoEdges", nil, 2, "--edges is required"},
		{"BadTop", []string{"--edges", good, "--top", "0"}, 2, "--top"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runNetgraph(t, append([]string{"analyse"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q does not say %q", stderr, tc.want)
			}
			if stdout != "" {
				t.Errorf("printed %q on failure", stdout)
			}
		})
	}
}

func TestAnalyse_CSV(t *testing.T) {
	edges := karateCSV(t)
	code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--format", "csv", "--metrics", "degree,betweenness")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if lines[0] != "id,degree,betweenness" {
		t.Errorf("header %q, want id,degree,betweenness", lines[0])
	}
	if len(lines) != 35 {
		t.Errorf("%d lines, want a header and 34 people", len(lines))
	}
	// Person 0 is first in the edge list: 16 ties, betweenness 0.4376 (NetworkX).
	if !strings.HasPrefix(lines[1], "0,16,0.4376") {
		t.Errorf("first row %q, want person 0 with 16 ties and betweenness 0.4376…", lines[1])
	}
}

func TestAnalyse_Table(t *testing.T) {
	edges := karateCSV(t)
	code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--format", "table", "--top", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "34 people, 78 ties, 1 component\n") {
		t.Errorf("summary line: %q", strings.SplitN(stdout, "\n", 2)[0])
	}
	// The betweenness section: a header and the top 3, 0 and 33 first
	// (NetworkX: 0.4376 and 0.3041), values right-aligned.
	sections := strings.Split(stdout, "\n\n")
	var section []string
	for _, s := range sections {
		if strings.HasPrefix(s, "Betweenness") {
			section = strings.Split(strings.TrimSpace(s), "\n")
		}
	}
	if len(section) != 5 {
		t.Fatalf("betweenness section %q, want a title, a header and 3 rows", section)
	}
	first, second := strings.Fields(section[2]), strings.Fields(section[3])
	if !slices.Equal(first, []string{"1", "0", "0.4376"}) || !slices.Equal(second, []string{"2", "33", "0.3041"}) {
		t.Errorf("top rows %q and %q, want person 0 (0.4376) then 33 (0.3041)", section[2], section[3])
	}
	width := len(section[1])
	for _, row := range section[2:] {
		if len(row) != width {
			t.Errorf("row %q is not as wide as the header %q: columns are not aligned", row, section[1])
		}
	}
	for _, title := range []string{"Degree", "PageRank", "Constraint", "Effective size"} {
		if !strings.Contains(stdout, "\n"+title) {
			t.Errorf("no %s section", title)
		}
	}
	if strings.Contains(stdout, "\nCommunity") {
		t.Error("communities are labels, not a ranking")
	}
}

// TestAnalyse_NodesColumns: the nodes file's name and organisation columns
// reach the JSON and CSV outputs and the reasons (Bo's single tie is to
// Ann Lee, not to "a"), and --group reads another of its columns.
func TestAnalyse_NodesColumns(t *testing.T) {
	dir := t.TempDir()
	edges := writeTestFile(t, dir, "edges.csv", "from,to\na,b\na,c\nc,d\na,d\n")
	nodes := writeTestFile(t, dir, "nodes.csv", "id,name,organisation,region\na,Ann Lee,Acme,North\nb,Bo,Beta,South\nc,,Acme,North\nd,Di,Beta,North\n")
	code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--nodes", nodes, "--group", "region")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		`{"id":"a","name":"Ann Lee",`, `"organisations":["Acme"]`,
		`{"id":"c","name":"c",`, // no name: the id stands in
		`"a single tie, to Ann Lee"`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("JSON lacks %s:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stdout, `"brokerage"`) {
		t.Errorf("--group region: no brokerage:\n%s", stdout)
	}
	code, stdout, stderr = runNetgraph(t, "analyse", "--edges", edges, "--nodes", nodes, "--format", "csv", "--metrics", "degree")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if lines := strings.Split(stdout, "\n"); lines[0] != "id,name,roles,organisations,degree" || lines[1] != "a,Ann Lee,,Acme,3" {
		t.Errorf("CSV starts\n%s\n%s", lines[0], lines[1])
	}
}

// TestAnalyse_CommunityNames: the nodes file's organisation, profession
// and region columns name the communities in the JSON output, on each node
// and in the communities list, with what each name is made of.
func TestAnalyse_CommunityNames(t *testing.T) {
	dir := t.TempDir()
	edges := writeTestFile(t, dir, "edges.csv", "from,to\na,b\nb,c\nc,a\nd,e\ne,f\nf,d\nc,d\n")
	nodes := writeTestFile(t, dir, "nodes.csv", "id,name,organisation,profession,region\n"+
		"a,Ann,Acme,Nurse,North\nb,Bo,Acme,Nurse,North\nc,Cy,Acme,GP,North\n"+
		"d,Di,,Librarian,South\ne,Ed,Beta,Librarian,South\nf,Flo,Beta,Librarian,South\ng,Gil,,,\n")
	code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--nodes", nodes, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Nodes []struct {
			ID, CommunityName string
		}
		Communities []struct {
			Name     string
			SharedBy []struct{ Kind, Value string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "Acme, North", "c": "Acme, North", "d": "Librarian, South", "g": "community 2"}
	for _, n := range out.Nodes {
		if w, ok := want[n.ID]; ok && n.CommunityName != w {
			t.Errorf("node %s in %q; want %q", n.ID, n.CommunityName, w)
		}
	}
	if len(out.Communities) != 3 || out.Communities[0].Name != "Acme, North" || len(out.Communities[0].SharedBy) != 2 ||
		out.Communities[0].SharedBy[0].Kind != "organisation" || out.Communities[1].SharedBy[1].Kind != "region" {
		t.Errorf("communities %+v", out.Communities)
	}
}

// TestAnalyse_StdinAndDelimiters: "-" reads the edge list from stdin;
// semicolons and tabs are told from the header line or named by
// --delimiter.
func TestAnalyse_StdinAndDelimiters(t *testing.T) {
	run := func(stdin string, args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		env := Env{Getenv: func(string) string { return "" }, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut}
		code := run(context.Background(), append([]string{"analyse", "--metrics", "degree", "--format", "csv"}, args...), env)
		return code, out.String(), errOut.String()
	}
	want := "id,degree\na,1\nb,2\nc,1\n"
	for _, tc := range []struct {
		name, stdin string
		args        []string
	}{
		{"Commas", "from,to\na,b\nb,c\n", nil},
		{"Semicolons", "from;to;note\na;b;x, y\nb;c;z\n", nil},
		{"Tabs", "from\tto\na\tb\nb\tc\n", nil},
		// The header holds more commas than tabs: the flag says which.
		{"NamedTab", "from\tto\tnote, x, y\na\tb\tp\nb\tc\tq\n", []string{"--delimiter", "tab"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(tc.stdin, append([]string{"--edges", "-"}, tc.args...)...)
			if code != 0 || stdout != want {
				t.Errorf("exit %d, output\n%s\nwant\n%s\nstderr %s", code, stdout, want, stderr)
			}
		})
	}
	t.Run("NoHeader", func(t *testing.T) {
		code, _, stderr := run("a,b\nb,c\n", "--edges", "-")
		if want := `stdin line 1: no header row: column 2 holds "b", the id of a person in the network, so the first row is data; add a header such as "from,to,strength"`; code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr %s; want %s", code, stderr, want)
		}
	})
	t.Run("AttendanceNamedTab", func(t *testing.T) {
		// a and b met at e1, b and c at e2: the path a–b–c again.
		code, stdout, stderr := run("person\tevent\tnote, x, y\na\te1\tp\nb\te1\tq\nb\te2\tr\nc\te2\ts\n",
			"--attendance", "-", "--delimiter", "tab")
		if code != 0 || stdout != want {
			t.Errorf("exit %d, output\n%s\nwant\n%s\nstderr %s", code, stdout, want, stderr)
		}
	})
	t.Run("BadDelimiter", func(t *testing.T) {
		if code, _, stderr := run("", "--edges", "-", "--delimiter", "|"); code != 2 || !strings.Contains(stderr, `--delimiter "|"`) {
			t.Errorf("exit %d, stderr %s", code, stderr)
		}
	})
}

func TestAnalyse_HTML(t *testing.T) {
	edges := karateCSV(t)
	t.Run("All", func(t *testing.T) {
		code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--format", "html")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		// Person 0 brokers most (betweenness 0.4376, NetworkX), so is the
		// first connector; everyone is in one component, so all are drawn.
		connectors := stdout[strings.Index(stdout, `<section id="connectors">`):]
		if !strings.Contains(connectors[:strings.Index(connectors, "</tr>\n<tr>")+200], `<td class="num">1</td><td><span class="person"><code>0</code></span>`) {
			t.Errorf("person 0 is not the first connector:\n%s", connectors[:min(len(connectors), 600)])
		}
		for _, want := range []string{"The map shows all 34 people.", "the highest is 0.4376."} {
			if !strings.Contains(stdout, want) {
				t.Errorf("the page has no %q", want)
			}
		}
		if n := strings.Count(stdout, `<svg class="plot"`); n != 3 {
			t.Errorf("%d plots, want 3", n)
		}
	})
	t.Run("WithoutBetweenness", func(t *testing.T) {
		code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--format", "html", "--metrics", "degree")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "Betweenness was not computed.") || strings.Count(stdout, `<svg class="plot"`) != 2 {
			t.Error("without betweenness the page should draw the map and degree only, and say why")
		}
	})
}
