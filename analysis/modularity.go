package analysis

import "math"

// Modularity returns the Newman–Girvan modularity (Newman and Girvan,
// "Finding and evaluating community structure in networks", 2004) of a
// division of the people into communities, with resolution 1:
//
//	Q = Σ_c ( L_c/m − (K_c/2m)² ),
//
// where m is the total tie strength, L_c the strength of ties inside
// community c and K_c the total strength of its members. Ties count by
// strength in a weighted snapshot and alike otherwise, as
// networkx.community.modularity with weight='weight'.
//
// community[v] is the community of person v, a label in 0..n−1; labels need
// not be contiguous. It returns NaN when community does not have one such
// label per person, or when there are no ties (modularity is then undefined).
func Modularity(g *Snapshot, community []int32) float64 {
	n := g.N()
	if len(community) != n {
		return math.NaN()
	}
	k := 0
	for _, c := range community {
		if c < 0 || int(c) >= n {
			return math.NaN()
		}
		k = max(k, int(c)+1)
	}
	strength := make([]float64, n)
	bounds := workBlocks(g.offsets)
	nb := len(bounds) - 1
	inside := make([]float64, nb)
	forEachBlock(parallelism(nb), nb, func(_, b int) {
		in := 0.0
		for v := bounds[b]; v < bounds[b+1]; v++ {
			lo, hi := g.offsets[v], g.offsets[v+1]
			s, cv := 0.0, community[v]
			ws := g.weights[lo:hi]
			for i, u := range g.targets[lo:hi] {
				s += ws[i]
				if community[u] == cv {
					in += ws[i]
				}
			}
			strength[v] = s
		}
		inside[b] = in
	})
	twoM, in := 0.0, 0.0
	total := make([]float64, k)
	for v, s := range strength {
		total[community[v]] += s
		twoM += s
	}
	if twoM == 0 {
		return math.NaN()
	}
	for _, p := range inside {
		in += p
	}
	q := in / twoM
	for _, t := range total {
		q -= (t / twoM) * (t / twoM)
	}
	return q
}
