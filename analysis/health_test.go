package analysis

import (
	"cmp"
	"context"
	"encoding/json"
	"math"
	"slices"
	"testing"
)

// TestHealthMatchesReference compares the whole-network figures of Analyse
// with NetworkX's in the reference fixture.
func TestHealthMatchesReference(t *testing.T) {
	const tol = 1e-9
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			res, err := Analyse(context.Background(), g, Options{Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			h, want := res.Graph, r.GraphMetrics
			if h.People != want.Nodes || h.Ties != want.Edges || h.Components != want.Components {
				t.Errorf("people %d, ties %d, components %d; want %d, %d, %d",
					h.People, h.Ties, h.Components, want.Nodes, want.Edges, want.Components)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"density", h.Density, want.Density},
				{"largestComponentShare", h.LargestComponentShare, want.LargestComponentShare},
				{"averageClustering", h.AverageClustering, want.AverageClustering},
				{"transitivity", h.Transitivity, want.Transitivity},
				{"degreeCentralization", h.DegreeCentralization, want.DegreeCentralization},
				{"betweennessCentralization", *h.BetweennessCentralization, want.BetweennessCentralization},
				{"averagePathLength", *h.AveragePathLength, want.AveragePathLength},
				{"diameter", *h.Diameter, want.Diameter},
			} {
				assertClose(t, r.Name+" "+c.name, c.got, c.want, tol)
			}
			// The fixture sorts by id, Health by index: compare sorted by id.
			named := h.Named(g)
			slices.Sort(named.ArticulationPoints)
			for i, b := range named.Bridges {
				named.Bridges[i] = [2]string{min(b[0], b[1]), max(b[0], b[1])}
			}
			slices.SortFunc(named.Bridges, func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
			if !slices.Equal(named.ArticulationPoints, nonNil(want.ArticulationPoints)) {
				t.Errorf("articulation points %q; want %q", named.ArticulationPoints, want.ArticulationPoints)
			}
			if !slices.Equal(named.Bridges, nonNil(want.Bridges)) {
				t.Errorf("bridges %q; want %q", named.Bridges, want.Bridges)
			}
			if g.M() > 0 {
				// Louvain is a heuristic: the modularity reported is that of
				// the communities found, near NetworkX's best over ten seeds.
				if h.Modularity == nil || *h.Modularity != Modularity(g, communityOf(res)) || *h.Modularity < want.LouvainModularity-0.05 {
					t.Errorf("modularity %v; want Modularity of the communities, near %v", h.Modularity, want.LouvainModularity)
				}
			}
			isolated, peripheral := 0, 0
			for _, d := range r.want(t, g, "degree") {
				switch d {
				case 0:
					isolated++
				case 1:
					peripheral++
				}
			}
			if h.Isolated != isolated || h.Peripheral != peripheral {
				t.Errorf("isolated %d, peripheral %d; want %d, %d", h.Isolated, h.Peripheral, isolated, peripheral)
			}
		})
	}
}

func TestHealthJSON(t *testing.T) {
	g := brokerNetwork(t)
	tests := []struct {
		name    string
		metrics MetricSet
		absent  []string
	}{
		{"everything", 0, nil},
		{"degree only", MetricDegree, []string{"modularity", "betweennessCentralization", "averagePathLength", "diameter"}},
		{"closeness", MetricCloseness, []string{"modularity", "betweennessCentralization"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Analyse(context.Background(), g, Options{Metrics: tt.metrics})
			if err != nil {
				t.Fatal(err)
			}
			data, err := json.Marshal(res.Graph.Named(g))
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatal(err)
			}
			keys := []string{"nodes", "edges", "density", "components", "largestComponentShare", "averageClustering",
				"transitivity", "modularity", "articulationPoints", "bridges", "degreeCentralization",
				"betweennessCentralization", "averagePathLength", "diameter", "isolated", "peripheral"}
			for _, k := range keys {
				if _, ok := got[k]; ok == slices.Contains(tt.absent, k) {
					t.Errorf("key %q present = %v in %s", k, ok, data)
				}
			}
			if len(got) != len(keys)-len(tt.absent) {
				t.Errorf("%d keys in %s; want %d", len(got), data, len(keys)-len(tt.absent))
			}
			// b3 (p's only contact) and x cut the network; p–b3 is a bridge.
			wantAP := []any{"b3", "x"}
			if !slices.Equal(got["articulationPoints"].([]any), wantAP) {
				t.Errorf("articulationPoints %v; want %v", got["articulationPoints"], wantAP)
			}
			if b := got["bridges"].([]any); len(b) != 2 { // b3–p and q1–q2
				t.Errorf("bridges %v; want two", b)
			}
			if got["nodes"] != float64(15) || got["isolated"] != float64(2) || got["peripheral"] != float64(3) {
				t.Errorf("nodes %v, isolated %v, peripheral %v; want 15, 2, 3", got["nodes"], got["isolated"], got["peripheral"])
			}
		})
	}
}

func TestHealthOfNetworksWithoutTies(t *testing.T) {
	for _, n := range []int{0, 1, 3} {
		b := NewBuilder(false)
		for i := range n {
			b.AddPerson(string(rune('a' + i)))
		}
		res, err := Analyse(context.Background(), b.Build(), Options{})
		if err != nil {
			t.Fatalf("%d people: %v", n, err)
		}
		h := res.Graph
		if h.People != n || h.Ties != 0 || h.Density != 0 || h.Isolated != n || h.Modularity != nil ||
			h.ArticulationPoints == nil || h.Bridges == nil || math.IsNaN(h.AverageClustering) {
			t.Errorf("%d people: health %+v", n, h)
		}
		if _, err := json.Marshal(h); err != nil {
			t.Errorf("%d people: %v", n, err)
		}
	}
}

func communityOf(r *Result) []int32 {
	c := make([]int32, len(r.People))
	for v, p := range r.People {
		c[v] = int32(p.Community)
	}
	return c
}

func nonNil[T any](x []T) []T {
	if x == nil {
		return []T{}
	}
	return x
}
