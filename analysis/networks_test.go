package analysis

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
)

// The networks the tests and benchmarks build, and how they run kernels.

// namedNetwork is a test network with the name of its subtest.
type namedNetwork struct {
	name string
	g    *Snapshot
}

// snapshotOf builds an unweighted snapshot of people "0".."n-1" and the given
// ties.
func snapshotOf(n int, ties ...[2]int) *Snapshot {
	b := NewBuilder(false)
	for v := range n {
		b.AddPerson(strconv.Itoa(v))
	}
	for _, t := range ties {
		if err := b.AddTie(strconv.Itoa(t[0]), strconv.Itoa(t[1]), 1); err != nil {
			panic(err)
		}
	}
	return b.Build()
}

// clusteredNetwork returns a Holme–Kim power-law network with clustering
// (Holme and Kim, "Growing scale-free networks with tunable clustering",
// 2002), generated like networkx.powerlaw_cluster_graph(n, m, p): each
// newcomer makes m ties by preferential attachment, each tie after the first
// closing a triangle with probability p. Deterministic for a seed.
func clusteredNetwork(n, m int, p float64, seed uint64) *Snapshot {
	rng := rand.New(rand.NewPCG(seed, 0))
	adj := make([][]int32, n)
	b := NewBuilder(false)
	b.Grow(n, n*m)
	for v := range n {
		b.AddPerson(strconv.Itoa(v))
	}
	tie := func(a, c int32) {
		adj[a] = append(adj[a], c)
		adj[c] = append(adj[c], a)
		if err := b.AddTie(strconv.Itoa(int(a)), strconv.Itoa(int(c)), 1); err != nil {
			panic(err)
		}
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
	return b.Build()
}

// withProcs runs f with GOMAXPROCS set to procs, to check that parallel
// kernels give the same answer on any number of CPUs.
func withProcs(procs int, f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	f()
}
