package graphfile_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/graphfile"
)

// sample is a small network with every attribute type, a missing value,
// parallel ties of two kinds and names that need escaping.
func sample() *graphfile.Graph {
	return &graphfile.Graph{
		Description: "Test network <sample> & co",
		NodeAttributes: []graphfile.Attribute{
			{Name: "degree", Type: graphfile.Integer},
			{Name: "betweenness", Type: graphfile.Double},
			{Name: "organisation", Type: graphfile.String},
			{Name: "connector", Type: graphfile.Boolean},
		},
		EdgeAttributes: []graphfile.Attribute{{Name: "kind", Type: graphfile.String}},
		Nodes: []graphfile.Node{
			{ID: "per_1", Label: "Zoë O'Brien", Values: []any{3, 0.6666666666666666, "Leeds & York <NHS> \"FT\"", true}},
			{ID: "per_2", Label: "Ben Okafor", Values: []any{2, 0.1, "Leeds & York <NHS> \"FT\"", false}},
			{ID: "per_3", Label: "Ann Lee", Values: []any{1, 0.0, "Tab\there", nil}},
			{ID: "per_4", Label: "", Values: []any{0, 1e-9, nil, false}},
		},
		Edges: []graphfile.Edge{
			{Source: "per_1", Target: "per_2", Weight: 6, Values: []any{"COLLABORATES"}},
			{Source: "per_1", Target: "per_2", Weight: 2.5, Values: []any{"KNOWS"}},
			{Source: "per_1", Target: "per_3", Weight: 0.01, Values: []any{"ADVISES"}},
		},
	}
}

func TestWrite_WellFormedXML(t *testing.T) {
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b, sample()); err != nil {
				t.Fatal(err)
			}
			d := xml.NewDecoder(&b)
			for {
				_, err := d.Token()
				if err != nil {
					if err.Error() == "EOF" {
						break
					}
					t.Fatalf("not well-formed XML: %v\n%s", err, b.String())
				}
			}
		})
	}
}

var writers = map[string]func(*bytes.Buffer, *graphfile.Graph) error{
	"gexf":    func(b *bytes.Buffer, g *graphfile.Graph) error { return graphfile.WriteGEXF(b, g) },
	"graphml": func(b *bytes.Buffer, g *graphfile.Graph) error { return graphfile.WriteGraphML(b, g) },
}

func TestWrite_RefusesWhatCannotBeWritten(t *testing.T) {
	cases := map[string]func(g *graphfile.Graph){
		"ReservedName":   func(g *graphfile.Graph) { g.NodeAttributes[0].Name = "Label" },
		"DuplicateName":  func(g *graphfile.Graph) { g.NodeAttributes[1].Name = "degree" },
		"WrongType":      func(g *graphfile.Graph) { g.Nodes[0].Values[0] = "three" },
		"TooManyValues":  func(g *graphfile.Graph) { g.Edges[0].Values = append(g.Edges[0].Values, "x") },
		"UnknownEnd":     func(g *graphfile.Graph) { g.Edges[0].Target = "per_9" },
		"DuplicateNode":  func(g *graphfile.Graph) { g.Nodes[1].ID = "per_1" },
		"UnknownType":    func(g *graphfile.Graph) { g.EdgeAttributes[0].Type = 9 },
		"InfiniteWeight": func(g *graphfile.Graph) { g.Edges[0].Weight = 1 / zero },
	}
	for name, spoil := range cases {
		for format, write := range writers {
			t.Run(name+"/"+format, func(t *testing.T) {
				g := sample()
				spoil(g)
				var b bytes.Buffer
				if err := write(&b, g); err == nil {
					t.Fatalf("wrote a graph it should refuse:\n%s", b.String())
				}
				if b.Len() != 0 {
					t.Errorf("wrote %d bytes before refusing", b.Len())
				}
			})
		}
	}
}

var zero float64

// TestReadBack writes the sample in both formats and reads the files with
// NetworkX (GEXF and GraphML) and igraph (GraphML), through
// testdata/readback.py: every node, attribute value and tie must come back
// as written. It skips when those readers are missing, unless
// NETGRAPH_REQUIRE_READERS is set (as in CI).
func TestReadBack(t *testing.T) {
	if err := exec.Command("python3", "-c", "import networkx, igraph").Run(); err != nil {
		if os.Getenv("NETGRAPH_REQUIRE_READERS") != "" {
			t.Fatalf("python3 with networkx and igraph is required: %v", err)
		}
		t.Skip("python3 with networkx (>= 3.3) and igraph not found; pip install networkx igraph")
	}
	dir := t.TempDir()
	g := sample()
	paths := map[string]string{"gexf": filepath.Join(dir, "g.gexf"), "graphml": filepath.Join(dir, "g.graphml")}
	for format, write := range writers {
		var b bytes.Buffer
		if err := write(&b, g); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(paths[format], b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command("python3", "testdata/readback.py", paths["gexf"], paths["graphml"]).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("readback.py: %v\n%s", err, stderr)
	}
	var read map[string]struct {
		Directed bool
		Nodes    map[string]map[string]any
		Edges    [][3]json.RawMessage
	}
	if err := json.Unmarshal(out, &read); err != nil {
		t.Fatal(err)
	}
	if len(read) != 3 {
		t.Fatalf("readers: %v", read)
	}
	for reader, got := range read {
		t.Run(reader, func(t *testing.T) {
			if got.Directed {
				t.Error("read as directed")
			}
			if len(got.Nodes) != len(g.Nodes) {
				t.Errorf("%d nodes, want %d", len(got.Nodes), len(g.Nodes))
			}
			for _, n := range g.Nodes {
				attrs, ok := got.Nodes[n.ID]
				if !ok {
					t.Errorf("node %s missing", n.ID)
					continue
				}
				if n.Label != "" && attrs["label"] != n.Label {
					t.Errorf("node %s label %q, want %q", n.ID, attrs["label"], n.Label)
				}
				for i, a := range g.NodeAttributes {
					checkValue(t, reader, "node "+n.ID+" "+a.Name, n.Values[i], attrs[a.Name])
				}
			}
			checkEdges(t, g, got.Edges)
		})
	}
}

// checkValue compares a written value with what a reader saw. A value left
// out may be absent, or (igraph, which gives every vertex every attribute)
// the type's empty value.
func checkValue(t *testing.T, reader, what string, want, got any) {
	t.Helper()
	if want == nil {
		if got != nil && got != "" && got != false {
			t.Errorf("%s: %s read %v for no value", reader, what, got)
		}
		return
	}
	switch w := want.(type) {
	case int:
		if f, ok := got.(float64); !ok || f != float64(w) {
			t.Errorf("%s: %s = %v, want %d", reader, what, got, w)
		}
	case float64:
		if f, ok := got.(float64); !ok || f != w {
			t.Errorf("%s: %s = %v, want %v", reader, what, got, w)
		}
	case bool:
		// igraph reads GraphML booleans as numbers (0/1).
		if got != w && got != map[bool]float64{false: 0, true: 1}[w] {
			t.Errorf("%s: %s = %v, want %v", reader, what, got, w)
		}
	default:
		if got != want {
			t.Errorf("%s: %s = %q, want %q", reader, what, got, want)
		}
	}
}

func checkEdges(t *testing.T, g *graphfile.Graph, got [][3]json.RawMessage) {
	t.Helper()
	key := func(a, b, kind string, w float64) string {
		if b < a {
			a, b = b, a
		}
		return fmt.Sprintf("%s-%s %s %v", a, b, kind, w)
	}
	var want, have []string
	for _, e := range g.Edges {
		want = append(want, key(e.Source, e.Target, e.Values[0].(string), e.Weight))
	}
	for _, e := range got {
		var a, b string
		var attrs struct {
			Kind   string
			Weight float64
		}
		if json.Unmarshal(e[0], &a) != nil || json.Unmarshal(e[1], &b) != nil || json.Unmarshal(e[2], &attrs) != nil {
			t.Fatalf("edge %s", e)
		}
		have = append(have, key(a, b, attrs.Kind, attrs.Weight))
	}
	slices.Sort(want)
	slices.Sort(have)
	if !slices.Equal(want, have) {
		t.Errorf("edges:\n got %s\nwant %s", strings.Join(have, "; "), strings.Join(want, "; "))
	}
}
