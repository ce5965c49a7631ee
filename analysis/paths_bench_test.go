package analysis

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph/network"
)

// holmeKim returns a Holme–Kim graph (P. Holme and B. J. Kim, "Growing
// scale-free networks with tunable clustering", Physical Review E 65, 2002),
// following NetworkX's powerlaw_cluster_graph(n, m, p): each newcomer ties to
// m people chosen by preferential attachment, each tie after the first being,
// with probability p, a triad-closing tie to a neighbour of the previous
// target instead. Deterministic for a seed.
func holmeKim(n, m int, p float64, seed uint64) *Snapshot {
	rng := rand.New(rand.NewPCG(seed, 2))
	adj := make([][]int32, n)
	tied := func(u, v int32) bool { return slices.Contains(adj[u], v) }
	tie := func(u, v int32) {
		adj[u] = append(adj[u], v)
		adj[v] = append(adj[v], u)
	}
	// repeated lists each person once per tie end (plus the m seeds once),
	// so a uniform draw from it is preferential attachment.
	repeated := make([]int32, 0, 2*n*m)
	for v := range m {
		repeated = append(repeated, int32(v))
	}
	targets := make([]int32, 0, m)
	var candidates []int32
	for source := int32(m); int(source) < n; source++ {
		targets = targets[:0]
		for len(targets) < m {
			if t := repeated[rng.IntN(len(repeated))]; !slices.Contains(targets, t) {
				targets = append(targets, t)
			}
		}
		target := targets[len(targets)-1]
		targets = targets[:len(targets)-1]
		tie(source, target)
		repeated = append(repeated, target)
		for count := 1; count < m; count++ {
			if rng.Float64() < p {
				candidates = candidates[:0]
				for _, w := range adj[target] {
					if w != source && !tied(source, w) {
						candidates = append(candidates, w)
					}
				}
				if len(candidates) > 0 {
					w := candidates[rng.IntN(len(candidates))]
					tie(source, w)
					repeated = append(repeated, w)
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
	b := NewBuilder(false)
	b.Grow(n, n*m)
	for v := range n {
		b.AddPerson(fmt.Sprint(v))
	}
	for u, nb := range adj {
		for _, v := range nb {
			if int(v) > u {
				if err := b.AddTie(fmt.Sprint(u), fmt.Sprint(v), 1); err != nil {
					panic(err)
				}
			}
		}
	}
	return b.Build()
}

var benchSizes = []int{2000, 10000}

func BenchmarkBetweenness(b *testing.B) {
	for _, n := range benchSizes {
		g := holmeKim(n, 5, 0.3, 42)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Betweenness(context.Background(), g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCloseness(b *testing.B) {
	for _, n := range benchSizes {
		g := holmeKim(n, 5, 0.3, 42)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Closeness(context.Background(), g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSampledBetweenness(b *testing.B) {
	g := holmeKim(10000, 5, 0.3, 42)
	b.Run("10000/epsilon=0.02", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := SampledBetweenness(context.Background(), g, 0.02, 0.1, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGonumBetweenness is the baseline: gonum's serial, map-based Brandes.
func BenchmarkGonumBetweenness(b *testing.B) {
	gg := gonumGraph(holmeKim(2000, 5, 0.3, 42))
	b.Run("2000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			network.Betweenness(gg)
		}
	})
}
