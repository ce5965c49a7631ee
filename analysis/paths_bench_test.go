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

func BenchmarkSampledBetweenness(b *testing.B) {
	g := clusteredNetwork(10000, 5, 0.3, 42)
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
	gg := gonumGraph(clusteredNetwork(2000, 5, 0.3, 42))
	b.Run("2000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			network.Betweenness(gg)
		}
	})
}
