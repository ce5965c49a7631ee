package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// snaNetwork is a network of analysis/testdata/brokerage.json (made by
// analysis/testdata/brokerage.R with R's sna::brokerage). Score rows are in
// sna's order: coordinator, itinerant, representative, gatekeeper, liaison,
// total; "NaN" and "Inf" are strings.
type snaNetwork struct {
	Name     string   `json:"name"`
	Directed bool     `json:"directed"`
	Nodes    []string `json:"nodes"`
	Group    []string `json:"group"`
	Ties     [][2]int `json:"ties"`
	Raw      [][6]any `json:"raw"`
	Z        [][6]any `json:"z"`
}

func loadSNANetwork(t *testing.T, name string) snaNetwork {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "analysis", "testdata", "brokerage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fixture struct {
		Networks []snaNetwork `json:"networks"`
	}
	if err := json.Unmarshal(data, &fixture); err != nil {
		t.Fatal(err)
	}
	for _, n := range fixture.Networks {
		if n.Name == name {
			return n
		}
	}
	t.Fatalf("no network %q in the sna fixture", name)
	return snaNetwork{}
}

// writeCSV writes the network's ties and a nodes file whose columns are the
// id, an unrelated column and the group, and returns their paths.
func (n snaNetwork) writeCSV(t *testing.T) (edges, nodes string) {
	t.Helper()
	dir := t.TempDir()
	var e, p strings.Builder
	e.WriteString("source,target\n")
	for _, tie := range n.Ties {
		fmt.Fprintf(&e, "%s,%s\n", n.Nodes[tie[0]], n.Nodes[tie[1]])
	}
	p.WriteString("id,notes,club\n")
	for v, id := range n.Nodes {
		fmt.Fprintf(&p, "%s,\"ignored, as before\",%s\n", id, n.Group[v])
	}
	return writeTestFile(t, dir, "edges.csv", e.String()), writeTestFile(t, dir, "nodes.csv", p.String())
}

// snaValue is a fixture value as a float (NaN and ±Inf from strings).
func snaValue(t *testing.T, x any) float64 {
	t.Helper()
	switch x := x.(type) {
	case float64:
		return x
	case string:
		f, err := strconv.ParseFloat(x, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	t.Fatalf("fixture value %v", x)
	return 0
}

// TestAnalyse_Brokerage runs `netgraph analyse --group` on networks of the
// sna fixture, undirected (ties read both ways) and --directed, and compares
// each node's "brokerage" and "brokerageZ" with sna's raw counts and
// z-scores (an undefined z, NaN or infinite in sna, is null).
func TestAnalyse_Brokerage(t *testing.T) {
	roles := []string{"coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"}
	for _, name := range []string{"karate by club", "florentine by wealth", "random directed, 3 groups", "random directed, 5 groups"} {
		t.Run(name, func(t *testing.T) {
			n := loadSNANetwork(t, name)
			edges, nodes := n.writeCSV(t)
			args := []string{"analyse", "--edges", edges, "--nodes", nodes, "--group", "club", "--format", "json"}
			if n.Directed {
				args = append(args, "--directed")
			}
			code, stdout, stderr := runNetgraph(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			out, _ := decodeAnalyse(t, stdout)
			index := map[string]int{}
			for v, id := range n.Nodes {
				index[id] = v
			}
			if len(out.Nodes) != len(n.Nodes) {
				t.Fatalf("%d nodes; want %d", len(out.Nodes), len(n.Nodes))
			}
			for _, node := range out.Nodes {
				var id string
				if err := json.Unmarshal(node["id"], &id); err != nil {
					t.Fatal(err)
				}
				v := index[id]
				var raw map[string]float64
				var z map[string]*float64
				if err := json.Unmarshal(node["brokerage"], &raw); err != nil {
					t.Fatalf("node %s brokerage %s: %v", id, node["brokerage"], err)
				}
				if err := json.Unmarshal(node["brokerageZ"], &z); err != nil {
					t.Fatalf("node %s brokerageZ %s: %v", id, node["brokerageZ"], err)
				}
				if len(raw) != 6 || len(z) != 6 {
					t.Fatalf("node %s: keys %v and %v", id, jsonKeys(raw), jsonKeys(z))
				}
				for i, role := range roles {
					if want := snaValue(t, n.Raw[v][i]); raw[role] != want {
						t.Errorf("node %s %s = %v; sna %v", id, role, raw[role], want)
					}
					want := snaValue(t, n.Z[v][i])
					switch got := z[role]; {
					case math.IsNaN(want) || math.IsInf(want, 0):
						if got != nil {
							t.Errorf("node %s z %s = %v; sna %v (null)", id, role, *got, want)
						}
					case got == nil || math.Abs(*got-want) > 1e-9*max(1, math.Abs(want)):
						t.Errorf("node %s z %s = %v; sna %v", id, role, got, want)
					}
				}
			}
			var said struct {
				GroupBy  string `json:"groupBy"`
				Directed bool   `json:"directed"`
			}
			if err := json.Unmarshal(out.Provenance["brokerage"], &said); err != nil {
				t.Fatalf("provenance brokerage %s: %v", out.Provenance["brokerage"], err)
			}
			if said.GroupBy != "club" || said.Directed != n.Directed {
				t.Errorf("provenance says %+v", said)
			}
		})
	}
}

func TestAnalyse_BrokerageAbsentWithoutGroup(t *testing.T) {
	code, stdout, stderr := runNetgraph(t, "analyse", "--edges", karateCSV(t), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out, _ := decodeAnalyse(t, stdout)
	if _, ok := out.Nodes[0]["brokerage"]; ok {
		t.Error("brokerage written without --group")
	}
	if _, ok := out.Provenance["brokerage"]; ok {
		t.Error("provenance names a brokerage grouping without --group")
	}
}

// TestAnalyse_BrokerageUngrouped: people missing from the nodes file, or
// with no value, are grouped together as "no COLUMN".
func TestAnalyse_BrokerageUngrouped(t *testing.T) {
	dir := t.TempDir()
	edges := writeTestFile(t, dir, "edges.csv", "source,target\na,b\nb,c\nc,d\n")
	nodes := writeTestFile(t, dir, "nodes.csv", "id,sector\na,NHS\nb,Charity\nc,\n")
	code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--nodes", nodes, "--group", "sector", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out, _ := decodeAnalyse(t, stdout)
	got := map[string]map[string]float64{}
	for _, node := range out.Nodes {
		var id string
		var raw map[string]float64
		_ = json.Unmarshal(node["id"], &id)
		if err := json.Unmarshal(node["brokerage"], &raw); err != nil {
			t.Fatal(err)
		}
		got[id] = raw
	}
	// b brokers a–c both ways: NHS and the ungrouped c, b a charity: liaison.
	// c brokers b–d: c and d are both ungrouped, b a charity: representative
	// and gatekeeper, once each way.
	if got["b"]["liaison"] != 2 || got["b"]["total"] != 2 {
		t.Errorf("b: %v", got["b"])
	}
	if got["c"]["representative"] != 1 || got["c"]["gatekeeper"] != 1 || got["c"]["total"] != 2 {
		t.Errorf("c: %v", got["c"])
	}
}

func TestAnalyse_BrokerageErrors(t *testing.T) {
	dir := t.TempDir()
	edges := writeTestFile(t, dir, "edges.csv", "source,target\na,b\n")
	nodes := writeTestFile(t, dir, "nodes.csv", "id,sector\na,NHS\n")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"group without nodes", []string{"--group", "sector"}, "--nodes"},
		{"directed without group", []string{"--nodes", nodes, "--directed"}, "--group"},
		{"no such column", []string{"--nodes", nodes, "--group", "region"}, `no column "region"`},
		{"the id column", []string{"--nodes", nodes, "--group", "id"}, "id column"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runNetgraph(t, append([]string{"analyse", "--edges", edges, "--format", "json"}, tc.args...)...)
			if code == 0 || stdout != "" {
				t.Fatalf("exit %d, printed %q", code, stdout)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q does not mention %q", stderr, tc.want)
			}
		})
	}
}
