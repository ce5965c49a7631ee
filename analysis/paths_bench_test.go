package analysis

import (
	"context"
	"fmt"
	"testing"

	"gonum.org/v1/gonum/graph/network"
)

var benchSizes = []int{2000, 10000}

func BenchmarkBetweenness(b *testing.B) {
	for _, n := range benchSizes {
		g := clusteredNetwork(n, 5, 0.3, 42)
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
		g := clusteredNetwork(n, 5, 0.3, 42)
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

// BenchmarkSampledBetweenness compares KADABRA (SampledBetweenness) with the
// Riondato–Kornaropoulos baseline at the same guarantee (at 10,000 only: the
// baseline takes minutes at 100,000).
func BenchmarkSampledBetweenness(b *testing.B) {
	type method struct {
		name   string
		sample func(context.Context, *Snapshot, float64, float64, uint64) ([]float64, SampleInfo, error)
	}
	kadabra := method{"kadabra", SampledBetweenness}
	for _, c := range []struct {
		n       int
		methods []method
	}{{10000, []method{kadabra, {"riondato-kornaropoulos", riondatoKornaropoulos}}}, {100000, []method{kadabra}}} {
		n := c.n
		g := clusteredNetwork(n, 5, 0.3, 42)
		for _, m := range c.methods {
			b.Run(fmt.Sprintf("%d/epsilon=0.02/%s", n, m.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_, info, err := m.sample(context.Background(), g, 0.02, 0.1, 1)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(info.Samples), "samples")
				}
			})
		}
	}
}

// BenchmarkGonumBetweenness is the baseline: gonum's serial, map-based Brandes.
func BenchmarkGonumBetweenness(b *testing.B) {
	gg := gonumGraph(clusteredNetwork(2000, 5, 0.3, 42))
	b.Run("2000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			network.Betweenness(gg)
		}
	})
}

// BenchmarkAllPathMetrics is one set of searches for betweenness, closeness,
// harmonic and path statistics; compare with BenchmarkBetweenness plus
// BenchmarkCloseness.
func BenchmarkAllPathMetrics(b *testing.B) {
	for _, n := range benchSizes {
		g := clusteredNetwork(n, 5, 0.3, 42)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := AllPathMetrics(context.Background(), g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSampledCloseness is Eppstein–Wang sampling at epsilon 0.05 against
// BenchmarkCloseness's search from everyone.
func BenchmarkSampledCloseness(b *testing.B) {
	g := clusteredNetwork(100000, 5, 0.3, 42)
	b.Run("100000/epsilon=0.05", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, _, err := SampledCloseness(context.Background(), g, 0.05, 0.1, 1); err != nil {
				b.Fatal(err)
			}
		}
	})
}
