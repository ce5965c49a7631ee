package analysis_test

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/netgraph/netgraph/analysis"
)

// TestCompare checks Compare against NetworkX on the cases of
// testdata/comparison.json (written by testdata/change.py).
func TestCompare(t *testing.T) {
	raw, err := os.ReadFile("testdata/comparison.json")
	if err != nil {
		t.Fatal(err)
	}
	type network struct {
		Nodes []string
		Edges [][2]string
	}
	var fixture struct {
		Cases []struct {
			Name          string
			Directed      bool
			Before, After network
			Want          struct {
				TiesBefore, TiesAfter             int
				Gained, Lost                      [][2]string
				DensityBefore, DensityAfter       float64
				ComponentsBefore, ComponentsAfter int
				NewlyIsolated, NewlyPeripheral    []string
			}
		}
	}
	if err := json.Unmarshal(raw, &fixture); err != nil {
		t.Fatal(err)
	}
	if len(fixture.Cases) < 6 {
		t.Fatalf("%d cases in the fixture", len(fixture.Cases))
	}
	build := func(n network) *analysis.Snapshot {
		b := analysis.NewBuilder(false)
		for _, id := range n.Nodes {
			b.AddPerson(id)
		}
		for _, e := range n.Edges {
			if err := b.AddTie(e[0], e[1], 1); err != nil {
				t.Fatal(err)
			}
		}
		return b.Build()
	}
	for _, c := range fixture.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got := analysis.Compare(build(c.Before), build(c.After), c.Directed)
			w := c.Want
			if got.TiesBefore != w.TiesBefore || got.TiesAfter != w.TiesAfter {
				t.Errorf("ties %d → %d, want %d → %d", got.TiesBefore, got.TiesAfter, w.TiesBefore, w.TiesAfter)
			}
			if got.ComponentsBefore != w.ComponentsBefore || got.ComponentsAfter != w.ComponentsAfter {
				t.Errorf("components %d → %d, want %d → %d", got.ComponentsBefore, got.ComponentsAfter, w.ComponentsBefore, w.ComponentsAfter)
			}
			if math.Abs(got.DensityBefore-w.DensityBefore) > 1e-15 || math.Abs(got.DensityAfter-w.DensityAfter) > 1e-15 {
				t.Errorf("density %v → %v, want %v → %v", got.DensityBefore, got.DensityAfter, w.DensityBefore, w.DensityAfter)
			}
			for _, l := range []struct {
				what      string
				got, want [][2]string
			}{{"gained", got.Gained, w.Gained}, {"lost", got.Lost, w.Lost}} {
				if !slices.Equal(l.got, l.want) && !(len(l.got) == 0 && len(l.want) == 0) {
					t.Errorf("%s %v, want %v", l.what, l.got, l.want)
				}
			}
			if !slices.Equal(got.NewlyIsolated, w.NewlyIsolated) {
				t.Errorf("newly isolated %v, want %v", got.NewlyIsolated, w.NewlyIsolated)
			}
			if !slices.Equal(got.NewlyPeripheral, w.NewlyPeripheral) {
				t.Errorf("newly peripheral %v, want %v", got.NewlyPeripheral, w.NewlyPeripheral)
			}
		})
	}
}
