package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"testing"
)

// keyPlayerReference is one graph of testdata/keyplayer.json, written by
// testdata/keyplayer.py from NetworkX's components and shortest paths.
type keyPlayerReference struct {
	Name                  string      `json:"name"`
	Nodes                 []string    `json:"nodes"`
	Edges                 [][2]string `json:"edges"`
	Fragmentation         float64     `json:"fragmentation"`
	DistanceFragmentation float64     `json:"distanceFragmentation"`
	WhatIf                []struct {
		Removed               []string `json:"removed"`
		Components            int      `json:"components"`
		Fragmentation         float64  `json:"fragmentation"`
		DistanceFragmentation float64  `json:"distanceFragmentation"`
		CutOff                []string `json:"cutOff"`
	} `json:"whatIf"`
	KPPNeg []struct {
		K             int      `json:"k"`
		Set           []string `json:"set"`
		Fragmentation float64  `json:"fragmentation"`
	} `json:"kppNeg"`
	KPPPos []struct {
		K             int      `json:"k"`
		Steps         int      `json:"steps"`
		Set           []string `json:"set"`
		Reached       int      `json:"reached"`
		Reach         float64  `json:"reach"`
		Fragmentation float64  `json:"fragmentation"`
	} `json:"kppPos"`
}

func loadKeyPlayerReference(t *testing.T) []keyPlayerReference {
	t.Helper()
	data, err := os.ReadFile("testdata/keyplayer.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Graphs []keyPlayerReference `json:"graphs"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Graphs) < 5 {
		t.Fatalf("fixture holds %d graphs", len(file.Graphs))
	}
	return file.Graphs
}

func (r *keyPlayerReference) snapshot(t *testing.T) *Snapshot {
	t.Helper()
	b := NewBuilder(false)
	for _, id := range r.Nodes {
		b.AddPerson(id)
	}
	for _, e := range r.Edges {
		if err := b.AddTie(e[0], e[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	return b.Build()
}

func indexes(t *testing.T, g *Snapshot, ids []string) []int {
	t.Helper()
	out := make([]int, len(ids))
	for i, id := range ids {
		v, ok := g.Index(id)
		if !ok {
			t.Fatalf("no person %q", id)
		}
		out[i] = v
	}
	return out
}

func names(g *Snapshot, people []int) []string {
	out := make([]string, len(people))
	for i, v := range people {
		out[i] = g.ID(v)
	}
	return out
}

func TestKeyPlayersMatchNetworkX(t *testing.T) {
	ctx := context.Background()
	for _, r := range loadKeyPlayerReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot(t)
			assertClose(t, "Fragmentation", Fragmentation(g), r.Fragmentation, 1e-12)
			df, err := DistanceFragmentation(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			assertClose(t, "DistanceFragmentation", df, r.DistanceFragmentation, 1e-12)
			_, harmonic, err := Closeness(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			if got := DistanceFragmentationFromHarmonic(g, harmonic); got != df {
				t.Errorf("DistanceFragmentationFromHarmonic = %v; DistanceFragmentation %v", got, df)
			}
			for _, want := range r.WhatIf {
				w, err := WhatIfLeft(ctx, g, indexes(t, g, want.Removed))
				if err != nil {
					t.Fatal(err)
				}
				if got := names(g, w.Removed); !slices.Equal(got, want.Removed) {
					t.Errorf("removed %v; want %v", got, want.Removed)
				}
				if w.Remaining != len(r.Nodes)-len(want.Removed) || w.Components != want.Components {
					t.Errorf("without %v: %d left in %d components; want %d in %d", want.Removed,
						w.Remaining, w.Components, len(r.Nodes)-len(want.Removed), want.Components)
				}
				assertClose(t, "what-if fragmentation", w.Fragmentation, want.Fragmentation, 1e-12)
				assertClose(t, "what-if distance fragmentation", w.DistanceFragmentation, want.DistanceFragmentation, 1e-12)
				if got := names(g, w.CutOff); !slices.Equal(got, want.CutOff) {
					t.Errorf("without %v: cut off %v; want %v", want.Removed, got, want.CutOff)
				}
			}
			for _, want := range r.KPPNeg {
				s, err := KeyPlayersFragment(ctx, g, want.K)
				if err != nil {
					t.Fatal(err)
				}
				if got := names(g, s.Set); !slices.Equal(got, want.Set) {
					t.Errorf("KPP-Neg k=%d: %v; want %v", want.K, got, want.Set)
				}
				assertClose(t, "KPP-Neg fragmentation", s.Fragmentation, want.Fragmentation, 1e-12)
			}
			for _, want := range r.KPPPos {
				s, err := KeyPlayersReach(ctx, g, want.K, want.Steps)
				if err != nil {
					t.Fatal(err)
				}
				if got := names(g, s.Set); !slices.Equal(got, want.Set) {
					t.Errorf("KPP-Pos k=%d steps=%d: %v; want %v", want.K, want.Steps, got, want.Set)
				}
				if s.Reached != want.Reached {
					t.Errorf("KPP-Pos k=%d steps=%d: reached %d; want %d", want.K, want.Steps, s.Reached, want.Reached)
				}
				assertClose(t, "KPP-Pos reach", s.Reach, want.Reach, 1e-12)
				assertClose(t, "KPP-Pos fragmentation", s.Fragmentation, want.Fragmentation, 1e-12)
			}
		})
	}
}

func TestKeyPlayersEdgeCases(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		g       *Snapshot
		removed []int
		want    WhatIf
	}{
		{"empty", snapshotOf(0), nil, WhatIf{Removed: []int{}, CutOff: []int{}}},
		{"one person", snapshotOf(1), nil, WhatIf{Removed: []int{}, Remaining: 1, Components: 1, CutOff: []int{}}},
		{"everyone leaves", twoTriangles(), []int{0, 1, 2, 3, 4, 5}, WhatIf{Removed: []int{0, 1, 2, 3, 4, 5}, CutOff: []int{}}},
		{"repeats ignored", snapshotOf(3, [2]int{0, 1}, [2]int{1, 2}), []int{1, 1},
			WhatIf{Removed: []int{1}, Remaining: 2, Components: 2, Fragmentation: 1, DistanceFragmentation: 1, CutOff: []int{2}}},
		{"isolates are not cut off", snapshotOf(4, [2]int{0, 1}, [2]int{1, 2}), []int{0},
			WhatIf{Removed: []int{0}, Remaining: 3, Components: 2, Fragmentation: 1 - 2.0/6, DistanceFragmentation: 1 - 2.0/6, CutOff: []int{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := WhatIfLeft(ctx, tc.g, tc.removed)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Removed, tc.want.Removed) || !slices.Equal(got.CutOff, tc.want.CutOff) ||
				got.Remaining != tc.want.Remaining || got.Components != tc.want.Components {
				t.Errorf("got %+v; want %+v", got, tc.want)
			}
			assertClose(t, "F", got.Fragmentation, tc.want.Fragmentation, 1e-12)
			assertClose(t, "DF", got.DistanceFragmentation, tc.want.DistanceFragmentation, 1e-12)
		})
	}
	if df := DistanceFragmentationFromHarmonic(weightedNetwork(50, 100, 1), make([]float64, 50)); !math.IsNaN(df) {
		t.Errorf("DF from weighted harmonic: %v; want NaN", df)
	}
	if _, err := WhatIfLeft(ctx, twoTriangles(), []int{6}); !errors.Is(err, ErrNoSuchPerson) {
		t.Errorf("unknown person: %v", err)
	}
	if _, err := KeyPlayersFragment(ctx, twoTriangles(), 0); err == nil {
		t.Error("k = 0 accepted")
	}
	if _, err := KeyPlayersReach(ctx, twoTriangles(), 1, 0); err == nil {
		t.Error("0 steps accepted")
	}
	s, err := KeyPlayersFragment(ctx, twoTriangles(), 10)
	if err != nil || len(s.Set) != 6 || s.Fragmentation != 0 {
		t.Errorf("k beyond n: %+v, %v", s, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	big := clusteredNetwork(3000, 3, 0.3, 1)
	if _, err := DistanceFragmentation(cancelled, big); !errors.Is(err, context.Canceled) {
		t.Errorf("DistanceFragmentation cancelled: %v", err)
	}
	if _, err := KeyPlayersFragment(cancelled, big, 3); !errors.Is(err, context.Canceled) {
		t.Errorf("KeyPlayersFragment cancelled: %v", err)
	}
	if _, err := KeyPlayersReach(cancelled, big, 3, 2); !errors.Is(err, context.Canceled) {
		t.Errorf("KeyPlayersReach cancelled: %v", err)
	}
}

// TestDistanceFragmentationDeterministic: the same figure on any number of
// CPUs, to the last bit.
func TestDistanceFragmentationDeterministic(t *testing.T) {
	g := clusteredNetwork(3000, 3, 0.3, 2)
	var one, two float64
	withProcs(1, func() { one, _ = DistanceFragmentation(context.Background(), g) })
	withProcs(2, func() { two, _ = DistanceFragmentation(context.Background(), g) })
	if one != two {
		t.Errorf("GOMAXPROCS=1: %v; 2: %v", one, two)
	}
}

// BenchmarkDistanceFragmentation10k and BenchmarkCloseness10k compare the
// search from everyone that distance fragmentation takes with the one
// closeness and harmonic centrality take, on the same 10,000-person network.
func BenchmarkDistanceFragmentation10k(b *testing.B) {
	g := clusteredNetwork(10000, 5, 0.3, 42)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DistanceFragmentation(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCloseness10k(b *testing.B) {
	g := clusteredNetwork(10000, 5, 0.3, 42)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Closeness(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeyPlayersFragment10k(b *testing.B) {
	g := clusteredNetwork(10000, 5, 0.3, 42)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := KeyPlayersFragment(context.Background(), g, 5); err != nil {
			b.Fatal(err)
		}
	}
}
