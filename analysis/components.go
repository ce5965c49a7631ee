package analysis

import (
	"cmp"
	"slices"
)

// Components labels every person with their connected component: label[v] is in
// 0..len(sizes)-1 and sizes[c] is the number of people in component c.
// Components are numbered by size, largest first; components of equal size
// keep the order of their lowest-numbered person. A person with no ties is a
// component of one. Weights are ignored.
func Components(g *Snapshot) (label []int32, sizes []int) {
	return ComponentsWithout(g, nil)
}

// ComponentsWithout labels the connected components of g without the people
// gone (nil: nobody), numbered as Components numbers them; people gone are
// labelled −1. Key players ask it what is left when someone leaves; the
// report's map, which part of a chosen set of people holds together.
func ComponentsWithout(g *Snapshot, gone []bool) (label []int32, sizes []int) {
	n := g.N()
	label = make([]int32, n)
	for v := range label {
		label[v] = -1
	}
	queue := make([]int32, n)
	for root := range n {
		if label[root] >= 0 || gone != nil && gone[root] {
			continue
		}
		c := int32(len(sizes))
		label[root], queue[0] = c, int32(root)
		tail := 1
		for head := 0; head < tail; head++ {
			for _, w := range g.Neighbors(int(queue[head])) {
				if label[w] < 0 && (gone == nil || !gone[w]) {
					label[w] = c
					queue[tail] = w
					tail++
				}
			}
		}
		sizes = append(sizes, tail)
	}
	order := make([]int32, len(sizes))
	for c := range order {
		order[c] = int32(c)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(sizes[b], sizes[a]) })
	rank := make([]int32, len(sizes))
	sorted := make([]int, len(sizes))
	for r, c := range order {
		rank[c], sorted[r] = int32(r), sizes[c]
	}
	for v, c := range label {
		if c >= 0 {
			label[v] = rank[c]
		}
	}
	return label, sorted
}

// ArticulationPoints returns, in ascending order, the people whose removal
// would split their component: the cut vertices. Weights are ignored.
func ArticulationPoints(g *Snapshot) []int {
	cut, _ := biconnectivity(g, false)
	return cut
}

// Bridges returns the ties whose removal would split their component, each as
// {u, v} with u < v, in ascending order. Weights are ignored.
func Bridges(g *Snapshot) [][2]int {
	_, bridges := biconnectivity(g, true)
	return bridges
}

// biconnectivity finds the articulation points and (if wanted) the bridges of
// g with Hopcroft and Tarjan's depth-first search (J. Hopcroft and R. Tarjan,
// "Algorithm 447: efficient algorithms for graph manipulation",
// Communications of the ACM 16(6), 1973), iteratively so that a long path
// cannot overflow the stack. The snapshot is a simple graph, so the tie back
// to a person's parent is recognised by the parent alone.
func biconnectivity(g *Snapshot, wantBridges bool) (cut []int, bridges [][2]int) {
	n := g.N()
	off, adj := g.offsets, g.targets
	// disc is the discovery time (0 = unvisited), low the earliest discovery
	// time reachable from the subtree through one back tie, next the next
	// CSR slot to explore.
	disc := make([]int32, n)
	low := make([]int32, n)
	parent := make([]int32, n)
	next := make([]int, n)
	isCut := make([]bool, n)
	stack := make([]int32, 0, 64)
	cut = []int{}
	if wantBridges {
		bridges = [][2]int{}
	}
	var clock int32
	for root := range n {
		if disc[root] != 0 {
			continue
		}
		clock++
		disc[root], low[root], parent[root], next[root] = clock, clock, -1, off[root]
		stack = append(stack, int32(root))
		children := 0
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			if e := next[v]; e < off[v+1] {
				next[v]++
				w := adj[e]
				switch {
				case disc[w] == 0:
					clock++
					disc[w], low[w], parent[w], next[w] = clock, clock, v, off[w]
					stack = append(stack, w)
					if int(v) == root {
						children++
					}
				case w != parent[v]:
					low[v] = min(low[v], disc[w])
				}
				continue
			}
			stack = stack[:len(stack)-1]
			p := parent[v]
			if p < 0 {
				continue
			}
			low[p] = min(low[p], low[v])
			if low[v] >= disc[p] && int(p) != root {
				isCut[p] = true
			}
			if wantBridges && low[v] > disc[p] {
				bridges = append(bridges, [2]int{int(min(p, v)), int(max(p, v))})
			}
		}
		if children >= 2 {
			isCut[root] = true
		}
	}
	for v, c := range isCut {
		if c {
			cut = append(cut, v)
		}
	}
	slices.SortFunc(bridges, func(a, b [2]int) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	return cut, bridges
}
