package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// Helpers shared by the tests of the path-based metrics: small random graphs
// and the same graphs as gonum sees them, to cross-check against gonum's
// independent implementations.

// randomSnapshot returns a G(n, p) random graph. Weighted, strengths are
// powers of two, so that distances 1/strength and their sums are exact in
// floating point and ties between paths do not depend on how sums are rounded.
func randomSnapshot(seed uint64, n int, p float64, weighted bool) *Snapshot {
	rng := rand.New(rand.NewPCG(seed, 1))
	b := NewBuilder(weighted)
	for v := range n {
		b.AddPerson(fmt.Sprint(v))
	}
	for u := range n {
		for v := u + 1; v < n; v++ {
			if rng.Float64() < p {
				strength := math.Ldexp(1, rng.IntN(4))
				if err := b.AddTie(fmt.Sprint(u), fmt.Sprint(v), strength); err != nil {
					panic(err)
				}
			}
		}
	}
	return b.Build()
}

// testGraphs are random graphs of various densities, weighted and not, most of
// them disconnected with isolates.
func testGraphs() []namedNetwork {
	var out []namedNetwork
	for i, c := range []struct {
		n int
		p float64
	}{{12, 0.15}, {30, 0.08}, {40, 0.2}, {60, 0.05}, {25, 0.5}} {
		for _, weighted := range []bool{false, true} {
			name := fmt.Sprintf("gnp-%d-%.2f-weighted=%v", c.n, c.p, weighted)
			out = append(out, namedNetwork{name, randomSnapshot(uint64(100+i), c.n, c.p, weighted)})
		}
	}
	return out
}

// gonumGraph returns g as a gonum graph with node ids 0..n-1 and, weighted,
// edge weight = distance = 1/strength.
func gonumGraph(g *Snapshot) graph.Undirected {
	if !g.Weighted() {
		u := simple.NewUndirectedGraph()
		for v := range g.N() {
			u.AddNode(simple.Node(v))
		}
		for v := range g.N() {
			for _, w := range g.Neighbors(v) {
				if int(w) > v {
					u.SetEdge(simple.Edge{F: simple.Node(v), T: simple.Node(w)})
				}
			}
		}
		return u
	}
	u := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for v := range g.N() {
		u.AddNode(simple.Node(v))
	}
	for v := range g.N() {
		for k, w := range g.Neighbors(v) {
			if int(w) > v {
				u.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(v), T: simple.Node(w), W: 1 / g.Strengths(v)[k]})
			}
		}
	}
	return u
}

// gonumDistances returns all shortest-path distances of g (Inf when out of
// reach), by gonum's Dijkstra.
func gonumDistances(g *Snapshot) (path.AllShortest, [][]float64) {
	all := path.DijkstraAllPaths(gonumGraph(g))
	d := make([][]float64, g.N())
	for u := range d {
		d[u] = make([]float64, g.N())
		for v := range d[u] {
			d[u][v] = all.Weight(int64(u), int64(v))
		}
	}
	return all, d
}

// pathSnapshot is the path 0–1–…–(n-1).
func pathSnapshot(n int) *Snapshot {
	ties := make([][2]int, 0, n)
	for v := 1; v < n; v++ {
		ties = append(ties, [2]int{v - 1, v})
	}
	return snapshotOf(n, ties...)
}

// edgeCases are the degenerate snapshots every path metric must handle.
func edgeCases() []namedNetwork {
	return []namedNetwork{
		{"empty", snapshotOf(0)},
		{"one person", snapshotOf(1)},
		{"two people", snapshotOf(2, [2]int{0, 1})},
		{"two isolates", snapshotOf(2)},
		{"all isolates", snapshotOf(5)},
	}
}

func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestSearcherDistancesMatchGonum(t *testing.T) {
	for _, c := range testGraphs() {
		t.Run(c.name, func(t *testing.T) {
			_, want := gonumDistances(c.g)
			s := newSearcher(c.g, edgeLengths(c.g), false)
			for u := range c.g.N() {
				s.search(int32(u), -1)
				got := make([]float64, c.g.N())
				for v := range got {
					got[v] = math.Inf(1)
				}
				for k, v := range s.order[:s.reached] {
					if c.g.Weighted() {
						got[v] = s.dist[v]
						if k > 0 && s.dist[v] < s.dist[s.order[k-1]] {
							t.Fatalf("from %d: settled %d at %v after %v", u, v, s.dist[v], s.dist[s.order[k-1]])
						}
					} else {
						got[v] = float64(s.hops[v])
					}
				}
				for v := range got {
					if got[v] != want[u][v] {
						t.Fatalf("distance %d→%d = %v; gonum %v", u, v, got[v], want[u][v])
					}
				}
			}
		})
	}
}

func TestParallelVisitsEveryItemOnce(t *testing.T) {
	for _, items := range []int{0, 1, 15, 16, 17, 1000} {
		seen := make([]int, items)
		ws, err := parallel(context.Background(), items, func() *int { return new(int) }, func(w *int, i int) {
			seen[i]++
			*w++
		})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, w := range ws {
			total += *w
		}
		if total != items {
			t.Errorf("%d items: workers visited %d", items, total)
		}
		for i, k := range seen {
			if k != 1 {
				t.Errorf("%d items: item %d visited %d times", items, i, k)
			}
		}
	}
}

// The bit-parallel search must agree with one breadth-first search per
// source, over several batches of 64 and a disconnected graph.
func TestMultiSourceMatchesSingleSearches(t *testing.T) {
	g := randomSnapshot(9, 300, 0.008, false)
	sources := make([]int32, g.N())
	for v := range sources {
		sources[v] = int32(g.N() - 1 - v) // any order will do
	}
	got := make([]distanceSummary, len(sources))
	if err := summariseDistances(context.Background(), g, sources, func(i int, d distanceSummary) { got[i] = d }); err != nil {
		t.Fatal(err)
	}
	s := newSearcher(g, nil, false)
	for i, src := range sources {
		s.bfs(src)
		want := distanceSummary{reached: s.reached}
		for _, v := range s.order[1:s.reached] {
			d := float64(s.hops[v])
			want.sum += d
			want.inverse += 1 / d
			want.farthest = max(want.farthest, d)
		}
		if got[i].reached != want.reached || got[i].sum != want.sum || got[i].farthest != want.farthest ||
			math.Abs(got[i].inverse-want.inverse) > 1e-12 {
			t.Fatalf("from %d: got %+v; want %+v", src, got[i], want)
		}
	}
}
