package analysis

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	gonumcommunity "gonum.org/v1/gonum/graph/community"
)

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

func BenchmarkLouvain(b *testing.B) { benchLouvain(b, benchNetwork(b)) }

// benchLouvain times Louvain on g and reports the modularity it reaches.
func benchLouvain(b *testing.B, g *Snapshot) {
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
func BenchmarkLouvain5k(b *testing.B) { benchLouvain(b, clusteredNetwork(5000, 5, 0.3, 42)) }

func BenchmarkGonumModularize5k(b *testing.B) {
	gg := toGonumUndirected(clusteredNetwork(5000, 5, 0.3, 42))
	b.ReportAllocs()
	var r gonumcommunity.ReducedGraph
	for b.Loop() {
		r = gonumcommunity.Modularize(gg, 1, rand.New(rand.NewPCG(1, 0)))
	}
	b.ReportMetric(gonumcommunity.Q(gg, r.Communities(), 1), "modularity")
}
