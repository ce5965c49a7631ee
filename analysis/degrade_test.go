package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/netgraph/netgraph/analysis"
)

// weightedSnapshot builds a weighted snapshot from ties "a-b" → strength.
func weightedSnapshot(t *testing.T, ties [][3]any) *analysis.Snapshot {
	t.Helper()
	b := analysis.NewBuilder(true)
	for _, e := range ties {
		if err := b.AddTie(e[0].(string), e[1].(string), e[2].(float64)); err != nil {
			t.Fatal(err)
		}
	}
	return b.Build()
}

// finiteUnit fails unless every value is finite and non-negative and, by the
// norm given, they add up to one.
func finiteUnit(t *testing.T, what string, x []float64, norm func([]float64) float64) {
	t.Helper()
	for v, r := range x {
		if math.IsNaN(r) || math.IsInf(r, 0) || r < 0 {
			t.Fatalf("%s[%d] = %v", what, v, r)
		}
	}
	if s := norm(x); math.Abs(s-1) > 1e-9 {
		t.Fatalf("%s has norm %v, want 1", what, s)
	}
}

func l1(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

func l2(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

// TestPageRankHugeStrengths: strengths near the largest float made every
// person's total overflow; PageRank scales them first, and ranks do not
// depend on the unit of strength.
func TestPageRankHugeStrengths(t *testing.T) {
	var unit, huge [][3]any
	for i := range 6 {
		for _, j := range []int{i + 1, i + 3} {
			a, b := fmt.Sprint(i), fmt.Sprint(j%7)
			w := float64(1 + i%3)
			unit = append(unit, [3]any{a, b, w})
			huge = append(huge, [3]any{a, b, w * 5e307})
		}
	}
	want, err := analysis.PageRank(context.Background(), weightedSnapshot(t, unit), 0.85)
	if err != nil {
		t.Fatal(err)
	}
	got, err := analysis.PageRank(context.Background(), weightedSnapshot(t, huge), 0.85)
	if err != nil {
		t.Fatalf("huge strengths: %v", err)
	}
	for v := range want {
		if math.Abs(got[v]-want[v]) > 1e-12 {
			t.Errorf("rank[%d] = %v with huge strengths, %v with small", v, got[v], want[v])
		}
	}
}

// TestPageRankExtremeStrengths: a strength of 5e-324 beside 1 made PageRank
// fail after 10,000 iterations of NaN, and with it every analysis of the
// network; now it stops at the last finite iterate and says so.
func TestPageRankExtremeStrengths(t *testing.T) {
	g := weightedSnapshot(t, [][3]any{{"a", "b", 5e-324}, {"b", "c", 1.0}, {"c", "d", 1.0}, {"d", "b", 2.0}})
	rank, err := analysis.PageRank(context.Background(), g, 0.85)
	if err != nil && !errors.Is(err, analysis.ErrNotConverged) {
		t.Fatalf("PageRank: %v", err)
	}
	t.Log(err)
	finiteUnit(t, "rank", rank, l1)
}

// TestEigenvectorDegrades: on a long path the power iteration converges too
// slowly for its iteration limit, and with strengths near the largest float
// the next iterate overflows; either way Eigenvector returns its last finite
// iterate, with ErrNotConverged, instead of nothing.
func TestEigenvectorDegrades(t *testing.T) {
	var path [][3]any
	for i := range 300 {
		path = append(path, [3]any{fmt.Sprint(i), fmt.Sprint(i + 1), 1.0})
	}
	huge := [][3]any{{"a", "b", 1e308}, {"b", "c", 1e308}, {"c", "a", 1e308}, {"c", "d", 1e308}}
	for name, g := range map[string]*analysis.Snapshot{"path": weightedSnapshot(t, path), "huge": weightedSnapshot(t, huge)} {
		x, err := analysis.Eigenvector(context.Background(), g)
		if !errors.Is(err, analysis.ErrNotConverged) {
			t.Errorf("%s: %v; want ErrNotConverged", name, err)
		}
		t.Logf("%s: %v", name, err)
		finiteUnit(t, name, x, l2)
	}
}

// TestAnalyseFlagsUnconverged: a metric that did not converge no longer fails
// the whole analysis; the provenance names it.
func TestAnalyseFlagsUnconverged(t *testing.T) {
	g := weightedSnapshot(t, [][3]any{{"a", "b", 5e-324}, {"b", "c", 1.0}, {"c", "d", 1.0}, {"d", "b", 2.0}})
	r, err := analysis.Analyse(context.Background(), g, analysis.Options{Roles: true})
	if err != nil {
		t.Fatalf("Analyse: %v", err)
	}
	if len(r.Provenance.Unconverged) == 0 {
		t.Errorf("Provenance.Unconverged is empty; PageRank cannot converge here")
	}
	t.Log(r.Provenance.Unconverged)
	if r.Graph.Density == 0 || len(r.People) != 4 {
		t.Errorf("the rest of the analysis is missing: %+v", r.Graph)
	}
}
