package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportNetworkFile exports the spreadsheet templates' network from the
// store as GEXF and GraphML and reads both with NetworkX: names as labels,
// organisations, the tie kinds (two ties of different kinds between the same
// people are two edges) and strengths.
func TestExportNetworkFile(t *testing.T) {
	if err := exec.Command("python3", "-c", "import networkx").Run(); err != nil {
		if os.Getenv("NETGRAPH_REQUIRE_READERS") != "" {
			t.Fatalf("python3 with networkx is required: %v", err)
		}
		t.Skip("python3 with networkx (>= 3.3) not found")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "netgraph.db")
	files, _ := filepath.Glob("../../docs/templates/*.csv")
	extra := filepath.Join(dir, "more-ties.csv")
	writeFile(t, extra, "from,to,kind,strength\np1,p2,advises,3\n")
	if code, _, stderr := runCommand(t, nil, append([]string{"import", "--db", db, extra}, files...)...); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	for _, format := range []string{"gexf", "graphml"} {
		out := filepath.Join(dir, "net."+format)
		code, _, stderr := runCommand(t, nil, "export", "--db", db, "--format", format, "--out", out)
		if code != 0 || !strings.Contains(stderr, "3 people, 4 ties") {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		script := `
import sys, networkx as nx
g = nx.read_gexf(sys.argv[1]) if sys.argv[1].endswith("gexf") else nx.read_graphml(sys.argv[1])
names = {d["label"]: d for _, d in g.nodes(data=True)}
ann = names["Ann Lee"]
assert ann["organisations"] == "Leeds Teaching Hospitals", ann
assert ann["profession"] == "Nurse" and ann["degree"] == 2 and "betweenness" in ann and "community" in ann, ann
assert g.is_multigraph() and g.number_of_edges() == 4, g
kinds = sorted((d["kind"], d["weight"]) for _, _, d in g.edges(data=True))
assert kinds == [("ADVISES", 3.0), ("COLLABORATES", 6.0), ("KNOWS", 1.0), ("KNOWS", 2.5)], kinds
`
		if out, err := exec.Command("python3", "-c", script, out).CombinedOutput(); err != nil {
			t.Errorf("%s read back by NetworkX: %v\n%s", format, err, out)
		}
	}
	if code, _, stderr := runCommand(t, nil, "export", "--db", db, "--format", "dot"); code != 2 || !strings.Contains(stderr, `--format "dot"`) {
		t.Errorf("--format dot: exit %d: %s", code, stderr)
	}
}
