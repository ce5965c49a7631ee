package analysis

// CoreNumbers returns the core number of each person: the largest k such that
// the person belongs to a k-core, a maximal group in which everyone has at
// least k ties to others in the group. It uses the O(n+m) bucket algorithm of
// Batagelj and Zaveršnik ("An O(m) algorithm for cores decomposition of
// networks", 2003), as networkx.core_number does. Structural: strengths are
// ignored.
func CoreNumbers(g *Snapshot) []int {
	n := g.N()
	core := Degrees(g)
	maxDeg := 0
	for _, d := range core {
		maxDeg = max(maxDeg, d)
	}
	// bin[d] is where the people of current degree d start in order, which
	// lists people by current degree; pos is each person's place in it.
	bin := make([]int, maxDeg+1)
	for _, d := range core {
		bin[d]++
	}
	start := 0
	for d, count := range bin {
		bin[d] = start
		start += count
	}
	order := make([]int32, n)
	pos := make([]int, n)
	for v, d := range core {
		pos[v] = bin[d]
		order[pos[v]] = int32(v)
		bin[d]++
	}
	for d := maxDeg; d > 0; d-- {
		bin[d] = bin[d-1]
	}
	bin[0] = 0
	for i := range n {
		v := order[i]
		for _, u := range g.targets[g.offsets[v]:g.offsets[v+1]] {
			if du := core[u]; du > core[v] {
				// Move u to the front of its degree bucket, then shrink
				// the bucket by one so that u now sits in bucket du−1.
				pu, pw := pos[u], bin[du]
				if w := order[pw]; w != u {
					pos[u], pos[w] = pw, pu
					order[pu], order[pw] = w, u
				}
				bin[du]++
				core[u]--
			}
		}
	}
	return core
}
