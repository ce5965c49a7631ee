// Command introductions scores pairs of people with netgraph's introduction
// score, for measure.py, which hides ties of real networks and of the demo
// and sees how well each link predictor ranks them back:
//
//	go run ./bench/introductions -demo > demo.json   # the demo network, with profiles
//	go run ./bench/introductions < graph.json        # scores of graph.json's pairs
//
// graph.json is {"nodes": [{"id", "organisations", "sectors", "region",
// "interests"}...], "edges": [[i, j]...], "pairs": [[i, j]...]}, people by
// their place in nodes; the output is {"scores": [...]}, one per pair, as
// analysis.IntroductionScorer gives it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/demo"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/store/embedded"
)

// node is a person and what introductions know of them.
type node struct {
	ID            string   `json:"id"`
	Organisations []string `json:"organisations,omitempty"`
	Sectors       []string `json:"sectors,omitempty"`
	Region        string   `json:"region,omitempty"`
	Interests     []string `json:"interests,omitempty"`
}

type graphFile struct {
	Nodes []node   `json:"nodes"`
	Edges [][2]int `json:"edges"`
	Pairs [][2]int `json:"pairs,omitempty"`
}

func main() {
	dump := flag.Bool("demo", false, "write the demo network, as the engine reads it from a store, instead of scoring")
	flag.Parse()
	var err error
	if *dump {
		err = writeDemo(os.Stdout)
	} else {
		err = score()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "introductions:", err)
		os.Exit(1)
	}
}

// writeDemo seeds the demo into a store of its own in a temporary folder and
// writes the whole graph's snapshot, profiles and all.
func writeDemo(w *os.File) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "introductions-demo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	store, err := embedded.Open(filepath.Join(dir, "demo.db"))
	if err != nil {
		return err
	}
	defer store.Close()
	if _, err := demo.Seed(ctx, store); err != nil {
		return err
	}
	a, err := engine.New(store, engine.Options{Seed: 1}).AnalyseFor(ctx, engine.Scope{}, engine.Need{})
	if err != nil {
		return err
	}
	g := a.Snapshot
	out := graphFile{Nodes: make([]node, g.N())}
	for v := range g.N() {
		p := g.Profile(v)
		n := node{ID: g.ID(v), Sectors: p.Sectors, Region: p.Region, Interests: p.Interests}
		for _, o := range p.Organisations {
			n.Organisations = append(n.Organisations, o.ID)
		}
		out.Nodes[v] = n
		for _, w := range g.Neighbors(v) {
			if v < int(w) {
				out.Edges = append(out.Edges, [2]int{v, int(w)})
			}
		}
	}
	return json.NewEncoder(w).Encode(out)
}

// score reads a graph and pairs on standard input and writes their scores.
func score() error {
	var in graphFile
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		return fmt.Errorf("read graph: %w", err)
	}
	b := analysis.NewBuilder(false)
	for _, n := range in.Nodes {
		p := analysis.Profile{Sectors: n.Sectors, Region: n.Region, Interests: n.Interests}
		for _, o := range n.Organisations {
			p.Organisations = append(p.Organisations, analysis.Group{ID: o})
		}
		b.SetProfile(n.ID, p)
	}
	for _, e := range in.Edges {
		if err := b.AddTie(in.Nodes[e[0]].ID, in.Nodes[e[1]].ID, 1); err != nil {
			return err
		}
	}
	g := b.Build()
	s := analysis.NewIntroductionScorer(g)
	scores := make([]float64, len(in.Pairs))
	for i, p := range in.Pairs {
		scores[i] = s.Score(p[0], p[1])
	}
	return json.NewEncoder(os.Stdout).Encode(map[string]any{"scores": scores})
}
