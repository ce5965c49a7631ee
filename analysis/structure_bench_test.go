package analysis

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"

	gonumcommunity "gonum.org/v1/gonum/graph/community"
)

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

var (
	bench50kOnce sync.Once
	bench50k     *Snapshot
)

// benchNetwork is a Holme–Kim network of 50,000 people and about 250,000
// ties, like networkx.powerlaw_cluster_graph(50000, 5, 0.3).
func benchNetwork(b *testing.B) *Snapshot {
	b.Helper()
	bench50kOnce.Do(func() { bench50k = clusteredNetwork(50000, 5, 0.3, 42) })
	return bench50k
}

func BenchmarkPageRank(b *testing.B) {
	g := benchNetwork(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PageRank(context.Background(), g, 0.85); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEigenvector(b *testing.B) {
	g := benchNetwork(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Eigenvector(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLouvain(b *testing.B) {
	g := benchNetwork(b)
	b.ReportAllocs()
	var labels []int32
	for b.Loop() {
		var err error
		if labels, err = Louvain(context.Background(), g, 1); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(Modularity(g, labels), "modularity")
}

func BenchmarkClustering(b *testing.B) {
	g := benchNetwork(b)
	b.ReportAllocs()
	for b.Loop() {
		Clustering(g)
	}
}

func BenchmarkConstraint(b *testing.B) {
	g := benchNetwork(b)
	b.ReportAllocs()
	for b.Loop() {
		Constraint(g)
	}
}

func BenchmarkCoreNumbers(b *testing.B) {
	g := benchNetwork(b)
	b.ReportAllocs()
	for b.Loop() {
		CoreNumbers(g)
	}
}

// BenchmarkLouvain5k and BenchmarkGonumModularize5k compare Louvain with
// gonum's community.Modularize on the same 5,000-person network.
func BenchmarkLouvain5k(b *testing.B) {
	g := clusteredNetwork(5000, 5, 0.3, 42)
	b.ReportAllocs()
	var labels []int32
	for b.Loop() {
		var err error
		if labels, err = Louvain(context.Background(), g, 1); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(Modularity(g, labels), "modularity")
}

func BenchmarkGonumModularize5k(b *testing.B) {
	gg := toGonumUndirected(clusteredNetwork(5000, 5, 0.3, 42))
	b.ReportAllocs()
	var r gonumcommunity.ReducedGraph
	for b.Loop() {
		r = gonumcommunity.Modularize(gg, 1, rand.New(rand.NewPCG(1, 0)))
	}
	b.ReportMetric(gonumcommunity.Q(gg, r.Communities(), 1), "modularity")
}
