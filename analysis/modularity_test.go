package analysis

import (
	"math"
	"testing"

	gonumgraph "gonum.org/v1/gonum/graph"
	gonumcommunity "gonum.org/v1/gonum/graph/community"
	gonumsimple "gonum.org/v1/gonum/graph/simple"
)

// toGonumUndirected copies a snapshot into a gonum weighted undirected graph whose node
// IDs are the snapshot's indices.
func toGonumUndirected(g *Snapshot) *gonumsimple.WeightedUndirectedGraph {
	gg := gonumsimple.NewWeightedUndirectedGraph(0, 0)
	for v := range g.N() {
		gg.AddNode(gonumsimple.Node(v))
	}
	for v := range g.N() {
		for i, u := range g.Neighbors(v) {
			if int(u) > v {
				gg.SetWeightedEdge(gg.NewWeightedEdge(gonumsimple.Node(v), gonumsimple.Node(u), g.Strengths(v)[i]))
			}
		}
	}
	return gg
}

// gonumModularity is gonum's modularity of the division of g given by labels.
func gonumModularity(g *Snapshot, labels []int32) float64 {
	groups := map[int32][]gonumgraph.Node{}
	for v, c := range labels {
		groups[c] = append(groups[c], gonumsimple.Node(v))
	}
	var communities [][]gonumgraph.Node
	for _, nodes := range groups {
		communities = append(communities, nodes)
	}
	return gonumcommunity.Q(toGonumUndirected(g), communities, 1)
}

func TestModularityMatchesGonum(t *testing.T) {
	for _, tc := range []struct {
		name   string
		g      *Snapshot
		labels func(n int) []int32
	}{
		{"holme-kim, blocks of 7", clusteredNetwork(300, 3, 0.4, 1), func(n int) []int32 {
			l := make([]int32, n)
			for v := range l {
				l[v] = int32(v / 7)
			}
			return l
		}},
		{"holme-kim, residues mod 5", clusteredNetwork(300, 3, 0.4, 2), func(n int) []int32 {
			l := make([]int32, n)
			for v := range l {
				l[v] = int32(v % 5)
			}
			return l
		}},
		{"weighted, everyone alone", weightedNetwork(200, 900, 3), func(n int) []int32 { return singletons(n) }},
		{"weighted, one community", weightedNetwork(200, 900, 4), func(n int) []int32 { return make([]int32, n) }},
		{"weighted, sparse labels", weightedNetwork(200, 900, 5), func(n int) []int32 {
			l := make([]int32, n)
			for v := range l {
				l[v] = int32(v % 3 * 50)
			}
			return l
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			labels := tc.labels(tc.g.N())
			got, want := Modularity(tc.g, labels), gonumModularity(tc.g, labels)
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("Modularity = %.15f; gonum community.Q = %.15f", got, want)
			}
		})
	}
}

func TestModularityRejectsBadLabels(t *testing.T) {
	g := clusteredNetwork(20, 2, 0.5, 1)
	for name, labels := range map[string][]int32{
		"too few":      make([]int32, g.N()-1),
		"negative":     append(make([]int32, g.N()-1), -1),
		"out of range": append(make([]int32, g.N()-1), int32(g.N())),
	} {
		if q := Modularity(g, labels); !math.IsNaN(q) {
			t.Errorf("%s: Modularity = %v; want NaN", name, q)
		}
	}
	if q := Modularity(snapshotOf(4), make([]int32, 4)); !math.IsNaN(q) {
		t.Errorf("no ties: Modularity = %v; want NaN", q)
	}
}
