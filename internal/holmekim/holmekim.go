// Package holmekim generates Holme–Kim power-law networks with clustering
// (P. Holme and B. J. Kim, "Growing scale-free networks with tunable
// clustering", Physical Review E 65, 2002), as
// networkx.powerlaw_cluster_graph(n, m, p) does: each newcomer makes m ties
// by preferential attachment, each tie after the first closing a triangle
// with probability p. They are the test and benchmark networks of analysis
// and engine, shaped like professional networks: hubs, clusters, a small
// world.
package holmekim

import (
	"math/rand/v2"
	"slices"
)

// Ties returns the ties of a Holme–Kim network of people 0..n−1, in the
// order they were made; about n·m of them. It is deterministic for a seed.
func Ties(n, m int, p float64, seed uint64) [][2]int32 {
	rng := rand.New(rand.NewPCG(seed, 0))
	adj := make([][]int32, n)
	ties := make([][2]int32, 0, n*m)
	tie := func(a, c int32) {
		adj[a] = append(adj[a], c)
		adj[c] = append(adj[c], a)
		ties = append(ties, [2]int32{a, c})
	}
	// repeated holds every person once per tie end (and the m founders), so
	// that a uniform pick from it is a pick proportional to degree.
	repeated := make([]int32, 0, 2*n*m)
	for v := range m {
		repeated = append(repeated, int32(v))
	}
	for source := int32(m); int(source) < n; source++ {
		// m distinct preferential targets.
		targets := make([]int32, 0, m)
		for len(targets) < m {
			t := repeated[rng.IntN(len(repeated))]
			if !slices.Contains(targets, t) {
				targets = append(targets, t)
			}
		}
		target := targets[len(targets)-1]
		targets = targets[:len(targets)-1]
		tie(source, target)
		repeated = append(repeated, target)
		for count := 1; count < m; count++ {
			if rng.Float64() < p {
				var hood []int32
				for _, nb := range adj[target] {
					if nb != source && !slices.Contains(adj[source], nb) {
						hood = append(hood, nb)
					}
				}
				if len(hood) > 0 {
					nb := hood[rng.IntN(len(hood))]
					tie(source, nb)
					repeated = append(repeated, nb)
					continue
				}
			}
			target = targets[len(targets)-1]
			targets = targets[:len(targets)-1]
			tie(source, target)
			repeated = append(repeated, target)
		}
		for range m {
			repeated = append(repeated, source)
		}
	}
	return ties
}
