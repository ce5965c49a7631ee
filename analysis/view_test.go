package analysis

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTopK checks the heap against a full sort, with equal values, NaN and
// both directions, for every k.
func TestTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	values := make([]float64, 200)
	for i := range values {
		values[i] = float64(rng.IntN(20)) // many equal values
		if i%17 == 0 {
			values[i] = math.NaN()
		}
	}
	value := func(v int) float64 { return values[v] }
	for _, lowFirst := range []bool{false, true} {
		var want []int
		for v := range values {
			if !math.IsNaN(values[v]) {
				want = append(want, v)
			}
		}
		slices.SortStableFunc(want, func(u, v int) int {
			if lowFirst {
				return cmp.Compare(values[u], values[v])
			}
			return cmp.Compare(values[v], values[u])
		})
		for _, k := range []int{-1, 0, 1, 2, 7, 50, len(want), len(values), 1000} {
			got := TopK(len(values), value, k, lowFirst)
			n := len(want)
			if k >= 0 && k < n {
				n = k
			}
			if !slices.Equal(got, want[:n]) {
				t.Errorf("lowFirst %v, k %d: %v; want %v", lowFirst, k, got, want[:n])
			}
		}
	}
}

// TestViewRankingAndRoles checks that a view ranks by the registry's metric,
// shares ranks between equal scores, and names roles by id.
func TestViewRankingAndRoles(t *testing.T) {
	g := brokerNetwork(t)
	r, err := Analyse(context.Background(), g, Options{Roles: true, Introductions: true})
	if err != nil {
		t.Fatal(err)
	}
	w := NewView(g, r)
	degree, _ := MetricNamed("degree")
	ranked := w.Ranking(degree, 3)
	if len(ranked) != 3 {
		t.Fatalf("Ranking(degree, 3) = %v", ranked)
	}
	for i, p := range ranked {
		v, _ := g.Index(p.PersonID)
		if p.Score != float64(g.Degree(v)) {
			t.Errorf("%s: score %v, degree %d", p.PersonID, p.Score, g.Degree(v))
		}
		if i > 0 && (p.Score > ranked[i-1].Score || p.Score == ranked[i-1].Score && p.Rank != ranked[i-1].Rank) {
			t.Errorf("ranking out of order or ranks not shared: %v", ranked)
		}
	}
	constraint, _ := MetricNamed("constraint")
	if low := w.Ranking(constraint, 1); len(low) != 1 || math.IsNaN(low[0].Score) {
		t.Errorf("Ranking(constraint, 1) = %v; want the lowest, not NaN", low)
	} else {
		for _, p := range r.People {
			if p.Constraint < low[0].Score {
				t.Errorf("%s has constraint %v below the first ranked %v", p.ID, p.Constraint, low[0].Score)
			}
		}
	}
	if len(r.Connectors) == 0 {
		t.Fatal("no connectors in the broker network")
	}
	first := w.Connectors(1)
	if len(first) != 1 || first[0].PersonID != g.ID(r.Connectors[0].Person) {
		t.Fatalf("Connectors(1) = %v", first)
	}
	if _, roles, ok := w.Person(first[0].PersonID); !ok || !slices.Contains(roles, RoleConnector) {
		t.Errorf("Person(%s) roles = %v; want CONNECTOR", first[0].PersonID, roles)
	}
	if _, _, ok := w.Person("nobody"); ok {
		t.Error("Person(nobody) found")
	}
}
