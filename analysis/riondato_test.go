package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// methodRiondatoKornaropoulos names Riondato and Kornaropoulos' fixed-size
// sampling in SampleInfo.Method.
const methodRiondatoKornaropoulos = "riondato-kornaropoulos"

// riondatoKornaropoulos estimates betweenness as SampledBetweenness does, with
// the same guarantee, but by Riondato and Kornaropoulos' method alone: it
// draws r = ⌈(0.5/ε²)(⌊log₂(VD−2)⌋ + 1 + ln(1/δ))⌉ ordered pairs of distinct
// people uniformly, and for each pair picks one of their shortest paths
// uniformly (searching from one end until the other is settled) and credits
// 1/r to the people inside it. SampledBetweenness replaced it, being faster at
// the same guarantee; it stays here as the baseline that tests and benchmarks
// compare against. It returns the exact Betweenness when r would be at least n.
func riondatoKornaropoulos(ctx context.Context, g *Snapshot, epsilon, delta float64, seed uint64) ([]float64, SampleInfo, error) {
	size := func(vd int) float64 {
		return math.Ceil(0.5 / (epsilon * epsilon) * (math.Floor(math.Log2(float64(vd-2))) + 1 + math.Log(1/delta)))
	}
	b, length, vd, err := withoutSampling(ctx, g, epsilon, delta, size)
	if b != nil || err != nil {
		return b, SampleInfo{}, err
	}
	n, samples := g.N(), int(size(vd))
	b, err = sampleBetweenness(ctx, g, length, samples, seed)
	if err != nil {
		return nil, SampleInfo{}, err
	}
	rescale := float64(n) / float64(n-2)
	return b, SampleInfo{Samples: samples, Epsilon: epsilon * rescale, Delta: delta, Method: methodRiondatoKornaropoulos}, nil
}

// sampleBetweenness draws the given number of shortest paths (see
// SampledBetweenness) and returns the estimates in Betweenness's
// normalisation. g must have more than two people.
func sampleBetweenness(ctx context.Context, g *Snapshot, length []float64, samples int, seed uint64) ([]float64, error) {
	n := g.N()
	type worker struct {
		t     *searcher
		src   *rand.PCG
		rng   *rand.Rand
		count []int64
	}
	ws, err := parallel(ctx, samples, func() *worker {
		src := rand.NewPCG(0, 0)
		return &worker{t: newSearcher(g, length, true), src: src, rng: rand.New(src), count: make([]int64, n)}
	}, func(w *worker, i int) {
		w.src.Seed(seed, splitmix64(uint64(i)))
		u := w.rng.IntN(n)
		v := w.rng.IntN(n - 1)
		if v >= u {
			v++
		}
		w.t.samplePath(int32(u), int32(v), w.rng, w.count)
	})
	if err != nil {
		return nil, fmt.Errorf("sampled betweenness: %w", err)
	}
	return addUp(n, ws, func(w *worker) []int64 { return w.count }, float64(n)/float64(n-2)/float64(samples)), nil
}
