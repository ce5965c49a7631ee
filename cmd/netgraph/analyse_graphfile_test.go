package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnalyseGraphFiles analyses one network as JSON and as GEXF and GraphML,
// reads the two files back with NetworkX and igraph
// (graphfile/testdata/readback.py) and checks that every node carries every
// metric with the value the JSON gives, and every tie its strength.
func TestAnalyseGraphFiles(t *testing.T) {
	if err := exec.Command("python3", "-c", "import networkx, igraph").Run(); err != nil {
		if os.Getenv("NETGRAPH_REQUIRE_READERS") != "" {
			t.Fatalf("python3 with networkx and igraph is required: %v", err)
		}
		t.Skip("python3 with networkx (>= 3.3) and igraph not found")
	}
	dir := t.TempDir()
	edges := filepath.Join(dir, "ties.csv")
	var b strings.Builder
	b.WriteString("source,target,strength\n")
	for i := range 30 { // two rings of 15 joined by two ties, strengths 1–5
		ring, j := i/15, i%15
		fmt.Fprintf(&b, "p%02d,p%02d,%d\n", i, ring*15+(j+1)%15, 1+i%5)
		if j%4 == 0 {
			fmt.Fprintf(&b, "p%02d,p%02d,2\n", i, ring*15+(j+7)%15)
		}
	}
	b.WriteString("p00,p15,1\np07,p22,3\n")
	writeFile(t, edges, b.String())

	code, out, stderr := runCommand(t, nil, "analyse", "--edges", edges, "--weight", "strength", "--format", "json")
	if code != 0 {
		t.Fatalf("json: %d %s", code, stderr)
	}
	var want struct {
		Nodes []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{}
	for _, f := range []string{"gexf", "graphml"} {
		code, out, stderr := runCommand(t, nil, "analyse", "--edges", edges, "--weight", "strength", "--format", f)
		if code != 0 {
			t.Fatalf("%s: %d %s", f, code, stderr)
		}
		paths[f] = filepath.Join(dir, "g."+f)
		writeFile(t, paths[f], out)
	}
	raw, err := exec.Command("python3", "../../graphfile/testdata/readback.py", paths["gexf"], paths["graphml"]).Output()
	if err != nil {
		t.Fatalf("readback.py: %v", err)
	}
	var read map[string]struct {
		Nodes map[string]map[string]any
		Edges [][3]json.RawMessage
	}
	if err := json.Unmarshal(raw, &read); err != nil {
		t.Fatal(err)
	}
	for reader, got := range read {
		if len(got.Nodes) != 30 || len(got.Edges) != 40 {
			t.Errorf("%s: %d nodes, %d ties; want 30, 40", reader, len(got.Nodes), len(got.Edges))
		}
		checked := 0
		for _, node := range want.Nodes {
			id := node["id"].(string)
			for key, v := range node {
				x, isNumber := v.(float64)
				if !isNumber {
					continue
				}
				y, ok := got.Nodes[id][key].(float64)
				if !ok || math.Abs(x-y) > 1e-12*math.Max(1, math.Abs(x)) {
					t.Errorf("%s: %s %s = %v, JSON says %v", reader, id, key, got.Nodes[id][key], x)
				}
				checked++
			}
		}
		if checked < 30*10 {
			t.Errorf("%s: only %d values compared", reader, checked)
		}
	}
}
