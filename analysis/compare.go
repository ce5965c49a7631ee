package analysis

import (
	"cmp"
	"slices"
)

// Comparison is how a network changed between two snapshots of it: the
// figures a network manager reports to a board ("we gained 40 ties and lost
// 12; three members are newly isolated"). A person is isolated with no ties
// and peripheral with exactly one. Ties are undirected pairs of people or,
// compared as directed, the ways ties were recorded (a tie recorded both
// ways is two); components are then weakly connected ones.
type Comparison struct {
	TiesBefore, TiesAfter int
	// Gained are the ties in after and not in before, Lost the reverse, as
	// id pairs (undirected: the smaller id first; directed: from, to), sorted.
	Gained, Lost                      [][2]string
	DensityBefore, DensityAfter       float64
	ComponentsBefore, ComponentsAfter int
	// NewlyIsolated are the people with no ties after who were not isolated
	// before (they had ties, or were not in the network); NewlyPeripheral
	// likewise for exactly one tie. Sorted by id.
	NewlyIsolated, NewlyPeripheral []string
}

// Compare compares two snapshots of a network, matching people by id, as
// undirected networks or, if directed, by the way each tie was recorded. It
// runs in O((n + m) log m) for the larger snapshot.
func Compare(before, after *Snapshot, directed bool) Comparison {
	c := Comparison{
		TiesBefore:    ties(before, directed),
		TiesAfter:     ties(after, directed),
		DensityBefore: density(before, directed),
		DensityAfter:  density(after, directed),
	}
	_, sizes := Components(before)
	c.ComponentsBefore = len(sizes)
	_, sizes = Components(after)
	c.ComponentsAfter = len(sizes)

	c.Gained = tiesMissingFrom(after, before, directed)
	c.Lost = tiesMissingFrom(before, after, directed)
	for v := range after.N() {
		d := degree(after, v, directed)
		if d > 1 {
			continue
		}
		if u, ok := before.Index(after.ID(v)); ok && degree(before, u, directed) == d {
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

// arcs returns the ways person v's i-th tie was recorded: out from v, in
// to v, or both.
func arcs(g *Snapshot, v, i int) (out, in bool) {
	d := g.Directions(v)[i]
	return d&TieOut != 0, d&TieIn != 0
}

// degree is person v's number of ties, or of arcs in and out if directed.
func degree(g *Snapshot, v int, directed bool) int {
	if !directed {
		return g.Degree(v)
	}
	n := 0
	for i := range g.Neighbors(v) {
		out, in := arcs(g, v, i)
		n += b2i(out) + b2i(in)
	}
	return n
}

// ties is the number of ties, or of arcs if directed.
func ties(g *Snapshot, directed bool) int {
	if !directed {
		return g.M()
	}
	n := 0
	for v := range g.N() {
		n += degree(g, v, true)
	}
	return n / 2
}

// density is the share of possible ties present: m / (n choose 2), or
// arcs / (n(n−1)) if directed; 0 for fewer than two people.
func density(g *Snapshot, directed bool) float64 {
	n := float64(g.N())
	if n < 2 {
		return 0
	}
	if directed {
		return float64(ties(g, true)) / (n * (n - 1))
	}
	return float64(g.M()) / (n * (n - 1) / 2)
}

// tiesMissingFrom lists the ties (or arcs) of g that other lacks, sorted.
func tiesMissingFrom(g, other *Snapshot, directed bool) [][2]string {
	var out [][2]string
	for v := range g.N() {
		ov, inOther := other.Index(g.ID(v))
		for i, u := range g.Neighbors(v) {
			if int(u) < v {
				continue // each tie once
			}
			a, b := g.ID(v), g.ID(int(u))
			// The ways this tie was recorded in g and in other (as seen
			// from v); undirected, just whether it is there.
			gOut, gIn := true, false
			if directed {
				gOut, gIn = arcs(g, v, i)
			}
			oOut, oIn := false, false
			if inOther {
				if ou, ok := other.Index(b); ok {
					if j, found := slices.BinarySearch(other.Neighbors(ov), int32(ou)); found {
						oOut, oIn = true, false
						if directed {
							oOut, oIn = arcs(other, ov, j)
						}
					}
				}
			}
			switch {
			case !directed && !oOut:
				out = append(out, [2]string{min(a, b), max(a, b)})
			case directed:
				if gOut && !oOut {
					out = append(out, [2]string{a, b})
				}
				if gIn && !oIn {
					out = append(out, [2]string{b, a})
				}
			}
		}
	}
	slices.SortFunc(out, func(x, y [2]string) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	return out
}
