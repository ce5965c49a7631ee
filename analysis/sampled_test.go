package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph/path"
)

// samplesFor is the Riondato–Kornaropoulos sample size, as SampledBetweenness
// computes it.
func samplesFor(g *Snapshot, epsilon, delta float64) int {
	vd := vertexDiameterBound(g, edgeLengths(g))
	return int(math.Ceil(0.5 / (epsilon * epsilon) * (math.Floor(math.Log2(float64(vd-2))) + 1 + math.Log(1/delta))))
}

// On the fixture's larger graphs, sampling sizes fit for epsilon = 0.02 (more
// samples than people, where SampledBetweenness would compute exactly) keep
// every estimate within the stated bound for a fixed seed.
func TestSampledBetweennessWithinEpsilonOfNetworkX(t *testing.T) {
	const epsilon, delta = 0.02, 0.1
	for _, r := range loadReference(t) {
		if len(r.Nodes) < 100 {
			continue
		}
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			n := g.N()
			samples := samplesFor(g, epsilon, delta)
			got, err := sampleBetweenness(context.Background(), g, edgeLengths(g), samples, 7)
			if err != nil {
				t.Fatal(err)
			}
			bound := epsilon * float64(n) / float64(n-2)
			r.assertCloseEach(t, g, "betweenness", got, bound)
			t.Logf("%d samples, bound %.4f", samples, bound)
		})
	}
}

// sampledCases are graphs large enough that sampling is cheaper than the
// exact computation at the given epsilon. The weighted bound on the vertex
// diameter is looser (hops are bounded through the shortest tie), so the
// weighted case needs a larger epsilon.
var sampledCases = []struct {
	weighted bool
	epsilon  float64
}{{false, 0.05}, {true, 0.08}}

// Riondato–Kornaropoulos, the baseline SampledBetweenness replaced, through
// its own entry point.
func TestRiondatoKornaropoulosWithinEpsilon(t *testing.T) {
	for _, c := range sampledCases {
		t.Run(fmt.Sprint("weighted=", c.weighted), func(t *testing.T) {
			g := randomSnapshot(5, 1500, 0.004, c.weighted)
			exact, err := Betweenness(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			est, info, err := riondatoKornaropoulos(context.Background(), g, c.epsilon, 0.1, 3)
			if err != nil {
				t.Fatal(err)
			}
			n := float64(g.N())
			if info.Method != methodRiondatoKornaropoulos {
				t.Errorf("method %q; want %q", info.Method, methodRiondatoKornaropoulos)
			}
			if info.Samples == 0 || info.Delta != 0.1 || math.Abs(info.Epsilon-c.epsilon*n/(n-2)) > 1e-15 {
				t.Fatalf("info %+v; want samples > 0, epsilon %v·n/(n-2), delta 0.1", info, c.epsilon)
			}
			if want := samplesFor(g, c.epsilon, 0.1); info.Samples != want {
				t.Errorf("%d samples; want %d", info.Samples, want)
			}
			worst := 0.0
			for v := range exact {
				worst = max(worst, math.Abs(est[v]-exact[v]))
			}
			if worst > info.Epsilon {
				t.Errorf("largest error %v exceeds epsilon %v", worst, info.Epsilon)
			}
			t.Logf("%d samples: largest error %.4f, epsilon %.4f", info.Samples, worst, info.Epsilon)
		})
	}
}

func TestSampledBetweennessIsDeterministic(t *testing.T) {
	for _, c := range sampledCases {
		g := randomSnapshot(6, 1500, 0.004, c.weighted)
		run := func(procs int, seed uint64) []float64 {
			var b []float64
			var info SampleInfo
			var err error
			withProcs(procs, func() { b, info, err = SampledBetweenness(context.Background(), g, c.epsilon, 0.1, seed) })
			if err != nil {
				t.Fatal(err)
			}
			if info.Samples == 0 {
				t.Fatalf("weighted=%v: computed exactly; want sampling", c.weighted)
			}
			return b
		}
		first := run(4, 11)
		if again := run(4, 11); !slices.Equal(first, again) {
			t.Errorf("weighted=%v: two runs with the same seed differ", c.weighted)
		}
		if one := run(1, 11); !slices.Equal(first, one) {
			t.Errorf("weighted=%v: the result depends on the number of workers", c.weighted)
		}
		if other := run(4, 12); slices.Equal(first, other) {
			t.Errorf("weighted=%v: different seeds give the same estimates", c.weighted)
		}
	}
}

func TestSampledBetweennessIsExactWhenCheaper(t *testing.T) {
	g := randomSnapshot(7, 60, 0.08, false)
	exact, err := Betweenness(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	got, info, err := SampledBetweenness(context.Background(), g, 0.1, 0.1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if info != (SampleInfo{}) || !slices.Equal(got, exact) {
		t.Errorf("info %+v; want zero and the exact betweenness", info)
	}
}

func TestSampledBetweennessEdgeCases(t *testing.T) {
	cases := append(edgeCases(), struct {
		name string
		g    *Snapshot
	}{"pairs only", snapshotOf(6, [2]int{0, 1}, [2]int{2, 3}, [2]int{4, 5})})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, info, err := SampledBetweenness(context.Background(), c.g, 0.01, 0.01, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) != c.g.N() || slices.ContainsFunc(b, func(x float64) bool { return x != 0 }) || info != (SampleInfo{}) {
				t.Errorf("got %v, %+v; want %d exact zeros", b, info, c.g.N())
			}
		})
	}
}

func TestSampledBetweennessRejectsBadAccuracy(t *testing.T) {
	g := pathSnapshot(5)
	for _, c := range [][2]float64{{0, 0.1}, {1, 0.1}, {0.1, 0}, {0.1, 1}, {math.NaN(), 0.1}, {0.1, -1}} {
		if _, _, err := SampledBetweenness(context.Background(), g, c[0], c[1], 1); !errors.Is(err, ErrBadAccuracy) {
			t.Errorf("epsilon %v, delta %v: got %v; want ErrBadAccuracy", c[0], c[1], err)
		}
	}
}

func TestSampledBetweennessCancelled(t *testing.T) {
	g := randomSnapshot(5, 1500, 0.004, false)
	if _, _, err := SampledBetweenness(cancelled(), g, 0.05, 0.1, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}

// The bound must hold: no shortest path may have more people than it says.
// Weighted, the true count is the most people on any shortest path, found
// through gonum's all shortest paths.
func TestVertexDiameterBoundHolds(t *testing.T) {
	if got := vertexDiameterBound(pathSnapshot(7), nil); got != 7 {
		t.Errorf("path of 7: bound %d; want 7", got)
	}
	for _, c := range testGraphs() {
		t.Run(c.name, func(t *testing.T) {
			all := path.DijkstraAllPaths(gonumGraph(c.g))
			most := 1
			for u := range c.g.N() {
				for v := range c.g.N() {
					paths, _ := all.AllBetween(int64(u), int64(v))
					for _, p := range paths {
						most = max(most, len(p))
					}
				}
			}
			if bound := vertexDiameterBound(c.g, edgeLengths(c.g)); bound < most {
				t.Errorf("bound %d; a shortest path has %d people", bound, most)
			}
		})
	}
}
