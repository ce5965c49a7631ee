package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// keyPlayerGraph is a graph of analysis/testdata/keyplayer.json (made by
// analysis/testdata/keyplayer.py from NetworkX's components and shortest
// paths).
type keyPlayerGraph struct {
	Name                  string      `json:"name"`
	Nodes                 []string    `json:"nodes"`
	Edges                 [][2]string `json:"edges"`
	Fragmentation         float64     `json:"fragmentation"`
	DistanceFragmentation float64     `json:"distanceFragmentation"`
	WhatIf                []whatIfOut `json:"whatIf"`
	KPPNeg                []struct {
		K             int      `json:"k"`
		Set           []string `json:"set"`
		Fragmentation float64  `json:"fragmentation"`
	} `json:"kppNeg"`
}

// whatIfOut is the "whatIf" object, as the fixture and the CLI write it.
type whatIfOut struct {
	Removed               []string `json:"removed"`
	Components            int      `json:"components"`
	Fragmentation         float64  `json:"fragmentation"`
	DistanceFragmentation float64  `json:"distanceFragmentation"`
	CutOff                []string `json:"cutOff"`
}

func loadKeyPlayerGraph(t *testing.T, name string) keyPlayerGraph {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "analysis", "testdata", "keyplayer.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fixture struct {
		Graphs []keyPlayerGraph `json:"graphs"`
	}
	if err := json.Unmarshal(data, &fixture); err != nil {
		t.Fatal(err)
	}
	for _, g := range fixture.Graphs {
		if g.Name == name {
			return g
		}
	}
	t.Fatalf("no graph %q in the key-player fixture", name)
	return keyPlayerGraph{}
}

func (g keyPlayerGraph) writeCSV(t *testing.T) (edges, nodes string) {
	t.Helper()
	dir := t.TempDir()
	var e strings.Builder
	e.WriteString("source,target\n")
	for _, tie := range g.Edges {
		fmt.Fprintf(&e, "%s,%s\n", tie[0], tie[1])
	}
	return writeTestFile(t, dir, "edges.csv", e.String()),
		writeTestFile(t, dir, "nodes.csv", "id\n"+strings.Join(g.Nodes, "\n")+"\n")
}

func closeTo(a, b float64) bool { return math.Abs(a-b) <= 1e-12 }

// TestAnalyse_WhatIfAndKeyPlayers runs `netgraph analyse --what-if
// --key-players` on graphs of the NetworkX key-player fixture and compares
// "whatIf", "keyPlayers" and the graph's fragmentation figures.
func TestAnalyse_WhatIfAndKeyPlayers(t *testing.T) {
	for _, name := range []string{"karate", "florentine families", "disconnected", "two equal halves"} {
		t.Run(name, func(t *testing.T) {
			g := loadKeyPlayerGraph(t, name)
			edges, nodes := g.writeCSV(t)
			kpp := g.KPPNeg[len(g.KPPNeg)-1]
			for _, want := range g.WhatIf {
				if len(want.Removed) == 0 {
					continue
				}
				code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--nodes", nodes,
					"--what-if", strings.Join(want.Removed, ","), "--key-players", strconv.Itoa(kpp.K), "--format", "json")
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				out, top := decodeAnalyse(t, stdout)
				var got whatIfOut
				if err := json.Unmarshal(top["whatIf"], &got); err != nil {
					t.Fatalf("whatIf %s: %v", top["whatIf"], err)
				}
				if !slices.Equal(got.Removed, want.Removed) || got.Components != want.Components ||
					!closeTo(got.Fragmentation, want.Fragmentation) ||
					!closeTo(got.DistanceFragmentation, want.DistanceFragmentation) ||
					!slices.Equal(got.CutOff, want.CutOff) {
					t.Errorf("whatIf %+v; NetworkX %+v", got, want)
				}
				var keys map[string]json.RawMessage
				_ = json.Unmarshal(top["whatIf"], &keys)
				if k := jsonKeys(keys); !slices.Equal(k, []string{"components", "cutOff", "distanceFragmentation", "fragmentation", "removed"}) {
					t.Errorf("whatIf keys %v", k)
				}
				var players struct {
					Set           []string `json:"set"`
					Fragmentation float64  `json:"fragmentation"`
				}
				if err := json.Unmarshal(top["keyPlayers"], &players); err != nil {
					t.Fatalf("keyPlayers %s: %v", top["keyPlayers"], err)
				}
				if !slices.Equal(players.Set, kpp.Set) || !closeTo(players.Fragmentation, kpp.Fragmentation) {
					t.Errorf("keyPlayers %+v; NetworkX greedy %+v", players, kpp)
				}
				if f := jsonNumber(t, out.Graph["fragmentation"]); !closeTo(f, g.Fragmentation) {
					t.Errorf("graph fragmentation %v; NetworkX %v", f, g.Fragmentation)
				}
				if df := jsonNumber(t, out.Graph["distanceFragmentation"]); !closeTo(df, g.DistanceFragmentation) {
					t.Errorf("graph distanceFragmentation %v; NetworkX %v", df, g.DistanceFragmentation)
				}
			}
		})
	}
}

// TestAnalyse_FragmentationOnlyWithSearches: without --what-if and
// --key-players their keys are absent; the graph's distance fragmentation,
// which takes a search from every person, comes only when closeness or
// harmonic centrality made one anyway.
func TestAnalyse_FragmentationOnlyWithSearches(t *testing.T) {
	edges := karateCSV(t)
	code, stdout, stderr := runNetgraph(t, "analyse", "--edges", edges, "--metrics", "degree", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out, top := decodeAnalyse(t, stdout)
	for _, key := range []string{"whatIf", "keyPlayers"} {
		if _, ok := top[key]; ok {
			t.Errorf("%q written unasked", key)
		}
	}
	if _, ok := out.Graph["fragmentation"]; !ok {
		t.Error("graph fragmentation missing")
	}
	if _, ok := out.Graph["distanceFragmentation"]; ok {
		t.Error("distanceFragmentation written without a search from everyone")
	}
	code, stdout, stderr = runNetgraph(t, "analyse", "--edges", edges, "--metrics", "harmonic", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out, _ = decodeAnalyse(t, stdout)
	if _, ok := out.Graph["distanceFragmentation"]; !ok {
		t.Error("distanceFragmentation missing with harmonic")
	}
}

func TestAnalyse_WhatIfErrors(t *testing.T) {
	edges := karateCSV(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--what-if", "0,nobody"}, `no person "nobody"`},
		{[]string{"--key-players", "-1"}, "--key-players"},
	} {
		code, stdout, stderr := runNetgraph(t, append([]string{"analyse", "--edges", edges, "--format", "json"}, tc.args...)...)
		if code == 0 || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q (want it to mention %q)", tc.args, code, stdout, stderr, tc.want)
		}
	}
}
