package analysis

import (
	"fmt"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph/topo"
)

func TestComponentsMatchNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			label, sizes := Components(g)
			gm := r.GraphMetrics
			if len(sizes) != gm.Components {
				t.Errorf("%d components; want %d", len(sizes), gm.Components)
			}
			if share := float64(sizes[0]) / float64(g.N()); share != gm.LargestComponentShare {
				t.Errorf("largest component share %v; want %v", share, gm.LargestComponentShare)
			}
			checkComponents(t, g, label, sizes)

			var cut []string
			for _, v := range ArticulationPoints(g) {
				cut = append(cut, g.ID(v))
			}
			slices.Sort(cut) // NetworkX sorts by id
			if !slices.Equal(cut, gm.ArticulationPoints) {
				t.Errorf("articulation points %q; want %q", cut, gm.ArticulationPoints)
			}
			var bridges [][2]string
			for _, b := range Bridges(g) {
				bridge := [2]string{g.ID(b[0]), g.ID(b[1])}
				if bridge[0] > bridge[1] {
					bridge[0], bridge[1] = bridge[1], bridge[0]
				}
				bridges = append(bridges, bridge)
			}
			slices.SortFunc(bridges, func(a, b [2]string) int { return slices.Compare(a[:], b[:]) })
			if !slices.Equal(bridges, gm.Bridges) {
				t.Errorf("bridges %q; want %q", bridges, gm.Bridges)
			}
		})
	}
}

// checkComponents checks that label and sizes describe components: people tied
// share a label, sizes add up, and components come largest first.
func checkComponents(t *testing.T, g *Snapshot, label []int32, sizes []int) {
	t.Helper()
	count := make([]int, len(sizes))
	for v, c := range label {
		count[c]++
		for _, w := range g.Neighbors(v) {
			if label[w] != c {
				t.Fatalf("tied %d and %d have labels %d and %d", v, w, c, label[w])
			}
		}
	}
	if !slices.Equal(count, sizes) {
		t.Errorf("labels count %v; sizes %v", count, sizes)
	}
	if !slices.IsSortedFunc(sizes, func(a, b int) int { return b - a }) {
		t.Errorf("sizes %v not largest first", sizes)
	}
}

func TestComponentsMatchGonum(t *testing.T) {
	for _, c := range testGraphs() {
		t.Run(c.name, func(t *testing.T) {
			label, sizes := Components(c.g)
			checkComponents(t, c.g, label, sizes)
			want := topo.ConnectedComponents(gonumGraph(c.g))
			if len(want) != len(sizes) {
				t.Fatalf("%d components; gonum finds %d", len(sizes), len(want))
			}
			for _, comp := range want {
				first := label[comp[0].ID()]
				for _, v := range comp {
					if label[v.ID()] != first {
						t.Errorf("gonum's component of %d splits across labels %d and %d", comp[0].ID(), first, label[v.ID()])
					}
				}
				if sizes[first] != len(comp) {
					t.Errorf("component %d has size %d; gonum %d", first, sizes[first], len(comp))
				}
			}
		})
	}
}

func TestComponentsOrderTiesByLowestPerson(t *testing.T) {
	// Components {0}, {1, 4}, {2, 3}, {5, 6, 7}: the triple first, then the
	// pairs in order of their lowest person, then the isolate.
	label, sizes := Components(snapshotOf(8, [2]int{1, 4}, [2]int{2, 3}, [2]int{5, 6}, [2]int{6, 7}))
	if want := []int32{3, 1, 2, 2, 1, 0, 0, 0}; !slices.Equal(label, want) {
		t.Errorf("labels %v; want %v", label, want)
	}
	if want := []int{3, 2, 2, 1}; !slices.Equal(sizes, want) {
		t.Errorf("sizes %v; want %v", sizes, want)
	}
}

// countComponents counts the components of g without person skip and without
// the tie between cut[0] and cut[1] (either may be -1).
func countComponents(g *Snapshot, skip int, cut [2]int) int {
	seen := make([]bool, g.N())
	count := 0
	var stack []int
	for root := range g.N() {
		if root == skip || seen[root] {
			continue
		}
		count++
		seen[root] = true
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range g.Neighbors(v) {
				if int(w) == skip || seen[w] || (v == cut[0] && int(w) == cut[1]) || (v == cut[1] && int(w) == cut[0]) {
					continue
				}
				seen[w] = true
				stack = append(stack, int(w))
			}
		}
	}
	return count
}

// By definition: removing an articulation point leaves more components than
// removing a person leaves when it is not one (an isolate's removal leaves one
// fewer), and removing a bridge leaves one more.
func TestArticulationPointsAndBridgesByDefinition(t *testing.T) {
	for _, c := range testGraphs() {
		t.Run(c.name, func(t *testing.T) {
			g := c.g
			base := countComponents(g, -1, [2]int{-1, -1})
			var cut []int
			for v := range g.N() {
				after := countComponents(g, v, [2]int{-1, -1})
				if g.Degree(v) == 0 {
					after++
				}
				if after > base {
					cut = append(cut, v)
				}
			}
			if got := ArticulationPoints(g); !slices.Equal(got, cut) {
				t.Errorf("articulation points %v; want %v", got, cut)
			}
			bridges := [][2]int{}
			for u := range g.N() {
				for _, w := range g.Neighbors(u) {
					if int(w) > u && countComponents(g, -1, [2]int{u, int(w)}) > base {
						bridges = append(bridges, [2]int{u, int(w)})
					}
				}
			}
			if got := Bridges(g); !slices.Equal(got, bridges) {
				t.Errorf("bridges %v; want %v", got, bridges)
			}
		})
	}
}

func TestBiconnectivityOfALongPath(t *testing.T) {
	// Deep enough that a recursive search would need a very large stack.
	const n = 300_000
	g := pathSnapshot(n)
	cut := ArticulationPoints(g)
	if len(cut) != n-2 || cut[0] != 1 || cut[len(cut)-1] != n-2 {
		t.Errorf("%d articulation points from %d to %d; want %d from 1 to %d", len(cut), cut[0], cut[len(cut)-1], n-2, n-2)
	}
	if bridges := Bridges(g); len(bridges) != n-1 || bridges[n-2] != [2]int{n - 2, n - 1} {
		t.Errorf("%d bridges; want %d", len(bridges), n-1)
	}
}

func TestComponentsEdgeCases(t *testing.T) {
	for _, c := range edgeCases() {
		t.Run(c.name, func(t *testing.T) {
			label, sizes := Components(c.g)
			checkComponents(t, c.g, label, sizes)
			if want := c.g.N() - c.g.M(); len(sizes) != want {
				t.Errorf("%d components; want %d", len(sizes), want)
			}
			if cut := ArticulationPoints(c.g); cut == nil || len(cut) != 0 {
				t.Errorf("articulation points %#v; want none", cut)
			}
			want := [][2]int{}
			if c.g.M() == 1 {
				want = [][2]int{{0, 1}}
			}
			if got := Bridges(c.g); got == nil || !slices.Equal(got, want) {
				t.Errorf("bridges %#v; want %v", got, want)
			}
		})
	}
	// A triangle with a tail: 2 joins the tail; the tail tie is the only bridge.
	g := snapshotOf(4, [2]int{0, 1}, [2]int{1, 2}, [2]int{0, 2}, [2]int{2, 3})
	if got := fmt.Sprint(ArticulationPoints(g), Bridges(g)); got != "[2] [[2 3]]" {
		t.Errorf("triangle with a tail: %s; want [2] [[2 3]]", got)
	}
}
