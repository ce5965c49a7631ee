package analysis

import (
	"cmp"
	"slices"
)

// Comparison is how a network changed between two snapshots of it: the
// figures a network manager reports to a board ("we gained 40 ties and lost
// 12; three members are newly isolated"). Ties are undirected pairs of
// people; a person is isolated with no ties and peripheral with exactly one.
type Comparison struct {
	TiesBefore, TiesAfter int
	// Gained are the ties in after and not in before, Lost the reverse, as
	// id pairs with the smaller id first, sorted.
	Gained, Lost                      [][2]string
	DensityBefore, DensityAfter       float64
	ComponentsBefore, ComponentsAfter int
	// NewlyIsolated are the people with no ties after who were not isolated
	// before (they had ties, or were not in the network); NewlyPeripheral
	// likewise for exactly one tie. Sorted by id.
	NewlyIsolated, NewlyPeripheral []string
}

// Compare compares two snapshots of a network, matching people by id. It
// runs in O((n + m) log m) for the larger snapshot.
func Compare(before, after *Snapshot) Comparison {
	c := Comparison{
		TiesBefore:    before.M(),
		TiesAfter:     after.M(),
		DensityBefore: density(before),
		DensityAfter:  density(after),
	}
	_, sizes := Components(before)
	c.ComponentsBefore = len(sizes)
	_, sizes = Components(after)
	c.ComponentsAfter = len(sizes)

	c.Gained = tiesMissingFrom(after, before)
	c.Lost = tiesMissingFrom(before, after)
	for v := range after.N() {
		d := after.Degree(v)
		if d > 1 {
			continue
		}
		if u, ok := before.Index(after.ID(v)); ok && before.Degree(u) == d {
			continue
		}
		if d == 0 {
			c.NewlyIsolated = append(c.NewlyIsolated, after.ID(v))
		} else {
			c.NewlyPeripheral = append(c.NewlyPeripheral, after.ID(v))
		}
	}
	slices.Sort(c.NewlyIsolated)
	slices.Sort(c.NewlyPeripheral)
	return c
}

// density is m / (n choose 2), 0 for fewer than two people.
func density(g *Snapshot) float64 {
	n := float64(g.N())
	if n < 2 {
		return 0
	}
	return float64(g.M()) / (n * (n - 1) / 2)
}

// tiesMissingFrom lists the ties of g that other lacks, sorted.
func tiesMissingFrom(g, other *Snapshot) [][2]string {
	var out [][2]string
	for v := range g.N() {
		ov, inOther := other.Index(g.ID(v))
		for _, u := range g.Neighbors(v) {
			if int(u) < v {
				continue // each tie once
			}
			if inOther {
				if ou, ok := other.Index(g.ID(int(u))); ok && other.HasTie(ov, ou) {
					continue
				}
			}
			a, b := g.ID(v), g.ID(int(u))
			if b < a {
				a, b = b, a
			}
			out = append(out, [2]string{a, b})
		}
	}
	slices.SortFunc(out, func(x, y [2]string) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	return out
}
