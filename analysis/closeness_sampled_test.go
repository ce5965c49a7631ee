package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
)

// Where every component is smaller than the sample, SampledCloseness searches
// from everyone and agrees with Closeness (and so with NetworkX), up to the
// fixed-point rounding of the reciprocals.
func TestSampledClosenessIsExactWhenSmall(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			closeness, harmonic, info, err := SampledCloseness(context.Background(), g, 0.05, 0.1, 1)
			if err != nil {
				t.Fatal(err)
			}
			if info != (ClosenessSampleInfo{}) {
				t.Errorf("info %+v; want zero (exact)", info)
			}
			r.assertCloseEach(t, g, "closeness", closeness, 1e-9)
			r.assertCloseEach(t, g, "harmonic", harmonic, 1e-6)
		})
	}
}

// closenessCases are networks larger than the sample at epsilon 0.05: a
// Holme–Kim small world, a weighted random graph, and a large component with
// small ones beside it (searched exactly).
func closenessCases() []namedNetwork {
	split := NewBuilder(false)
	big := clusteredNetwork(3000, 3, 0.3, 9)
	for v := range big.N() {
		for _, w := range big.Neighbors(v) {
			if int(w) > v {
				if err := split.AddTie(fmt.Sprint(v), fmt.Sprint(w), 1); err != nil {
					panic(err)
				}
			}
		}
	}
	for i := range 20 { // triangles and a lone person
		a, b, c := fmt.Sprint("t", i, "a"), fmt.Sprint("t", i, "b"), fmt.Sprint("t", i, "c")
		for _, e := range [][2]string{{a, b}, {b, c}, {a, c}} {
			if err := split.AddTie(e[0], e[1], 1); err != nil {
				panic(err)
			}
		}
	}
	split.AddPerson("alone")
	return []namedNetwork{
		{"holme-kim", clusteredNetwork(3000, 5, 0.3, 42)},
		{"weighted", randomSnapshot(8, 2600, 0.0015, true)},
		{"split", split.Build()},
	}
}

// Every estimate lies within the stated bounds of the exact values, and the
// small components of "split" are exact.
func TestSampledClosenessWithinBounds(t *testing.T) {
	const epsilon, delta = 0.05, 0.1
	for _, c := range closenessCases() {
		t.Run(c.name, func(t *testing.T) {
			g := c.g
			exactC, exactH, err := Closeness(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			estC, estH, info, err := SampledCloseness(context.Background(), g, epsilon, delta, 3)
			if err != nil {
				t.Fatal(err)
			}
			if want := int(math.Ceil(math.Log(4*float64(g.N())/delta) / (2 * epsilon * epsilon))); info.Sources != want || info.Delta != delta {
				t.Fatalf("info %+v; want %d sources, delta %v", info, want, delta)
			}
			label, sizes := Components(g)
			n := float64(g.N())
			var worstH, worstD float64
			for v := range exactC {
				size := sizes[label[v]]
				if size < 2 {
					if estC[v] != 0 || estH[v] != 0 {
						t.Errorf("person %d, alone: closeness %v, harmonic %v; want 0", v, estC[v], estH[v])
					}
					continue
				}
				// Mean distance to the people reached, from closeness.
				mean := func(c float64) float64 { return float64(size-1) / (n - 1) / c }
				dh, dd := math.Abs(estH[v]-exactH[v]), math.Abs(mean(estC[v])-mean(exactC[v]))
				if label[v] != 0 {
					if dh > 1e-6 || dd > 1e-9 {
						t.Errorf("person %d in a small component: off by %v (harmonic), %v (mean distance); want exact", v, dh, dd)
					}
					continue
				}
				worstH, worstD = max(worstH, dh), max(worstD, dd)
			}
			if worstH > info.HarmonicError || worstD > info.DistanceError {
				t.Errorf("largest errors %.4f (harmonic), %.4f (mean distance); bounds %.4f, %.4f",
					worstH, worstD, info.HarmonicError, info.DistanceError)
			}
			t.Logf("%d sources: largest errors %.3f of bound %.1f (harmonic), %.4f of bound %.3f (mean distance)",
				info.Sources, worstH, info.HarmonicError, worstD, info.DistanceError)
		})
	}
}

func TestSampledClosenessIsDeterministic(t *testing.T) {
	for _, c := range slices.Delete(closenessCases(), 1, 2) { // not the slow weighted one
		run := func(procs int, seed uint64) []float64 {
			var cl, h []float64
			var err error
			withProcs(procs, func() { cl, h, _, err = SampledCloseness(context.Background(), c.g, 0.05, 0.1, seed) })
			if err != nil {
				t.Fatal(err)
			}
			return append(cl, h...)
		}
		first := run(4, 11)
		if one := run(1, 11); !slices.Equal(first, one) {
			t.Errorf("%s: the result depends on the number of workers", c.name)
		}
		if other := run(4, 12); slices.Equal(first, other) {
			t.Errorf("%s: different seeds give the same estimates", c.name)
		}
	}
}

func TestSampledClosenessEdgeCases(t *testing.T) {
	for _, c := range edgeCases() {
		t.Run(c.name, func(t *testing.T) {
			cl, h, info, err := SampledCloseness(context.Background(), c.g, 0.05, 0.1, 1)
			if err != nil {
				t.Fatal(err)
			}
			wantC, wantH, _ := Closeness(context.Background(), c.g)
			if !slices.Equal(cl, wantC) || !slices.Equal(h, wantH) || info != (ClosenessSampleInfo{}) {
				t.Errorf("got %v, %v, %+v; want %v, %v, exact", cl, h, info, wantC, wantH)
			}
		})
	}
}

func TestSampledClosenessRejectsBadAccuracy(t *testing.T) {
	g := pathSnapshot(5)
	for _, c := range [][2]float64{{0, 0.1}, {1, 0.1}, {0.1, 0}, {0.1, 1}, {math.NaN(), 0.1}} {
		if _, _, _, err := SampledCloseness(context.Background(), g, c[0], c[1], 1); !errors.Is(err, ErrBadAccuracy) {
			t.Errorf("epsilon %v, delta %v: got %v; want ErrBadAccuracy", c[0], c[1], err)
		}
	}
}

func TestSampledClosenessCancelled(t *testing.T) {
	g := clusteredNetwork(3000, 5, 0.3, 42)
	if _, _, _, err := SampledCloseness(cancelled(), g, 0.05, 0.1, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}
