package analysis

import "math"

// Constraint returns Burt's constraint of each person (Burt, "Structural
// Holes: The Social Structure of Competition", 1992): how much the person's
// ties lead to people who are tied to each other, so that the person brokers
// little. With p(i,j) the share of i's total strength on the tie to j,
//
//	constraint(v) = Σ_{j∈N(v)} ( p(v,j) + Σ_{q∈N(v)} p(v,q)·p(q,j) )².
//
// Ties count by strength in a weighted snapshot and alike otherwise, as
// networkx.constraint with weight='weight' or None. It is NaN for people
// without ties.
func Constraint(g *Snapshot) []float64 {
	invStrength := make([]float64, g.N())
	for v, s := range TotalStrengths(g) {
		if s > 0 {
			invStrength[v] = 1 / s
		}
	}
	return burt(g, func(v int, share []float64) float64 {
		c := 0.0
		for _, j := range g.targets[g.offsets[v]:g.offsets[v+1]] {
			indirect := 0.0
			lo, hi := g.offsets[j], g.offsets[j+1]
			ws := g.weights[lo:hi]
			for i, q := range g.targets[lo:hi] {
				if share[q] != 0 {
					indirect += share[q] * ws[i] * invStrength[q]
				}
			}
			direct := share[j]
			c += (direct + indirect) * (direct + indirect)
		}
		return c
	})
}

// EffectiveSize returns Burt's (1992) effective size of each person's
// network: the number of their contacts less the redundancy among them,
//
//	effectiveSize(v) = Σ_{j∈N(v)} ( 1 − Σ_{q∈N(v)} p(v,q)·m(j,q) ),
//
// where p(v,q) is the share of v's total strength on the tie to q and m(j,q)
// is the strength of the tie j–q divided by j's strongest tie. In an
// unweighted snapshot this is Borgatti's simplification n − 2t/n, with n
// contacts and t ties among them, as in networkx.effective_size. It is NaN
// for people without ties.
func EffectiveSize(g *Snapshot) []float64 {
	if !g.weighted {
		t := triangleCounts(g)
		es := make([]float64, g.N())
		for v, tv := range t {
			d := float64(g.Degree(v))
			if d == 0 {
				es[v] = math.NaN()
				continue
			}
			es[v] = d - float64(2*tv)/d
		}
		return es
	}
	invMax := make([]float64, g.N())
	for v := range invMax {
		strongest := 0.0
		for _, w := range g.Strengths(v) {
			strongest = max(strongest, w)
		}
		if strongest > 0 {
			invMax[v] = 1 / strongest
		}
	}
	return burt(g, func(v int, share []float64) float64 {
		es := 0.0
		for _, j := range g.targets[g.offsets[v]:g.offsets[v+1]] {
			redundancy := 0.0
			lo, hi := g.offsets[j], g.offsets[j+1]
			ws := g.weights[lo:hi]
			for i, q := range g.targets[lo:hi] {
				if share[q] != 0 {
					redundancy += share[q] * ws[i]
				}
			}
			es += 1 - redundancy*invMax[j]
		}
		return es
	})
}

// burt evaluates a per-person measure in parallel. For each person v with
// ties it fills share (a per-worker array indexed by person, otherwise zero)
// with p(v,q) for every contact q, calls measure, and clears share again.
// People without ties get NaN.
func burt(g *Snapshot, measure func(v int, share []float64) float64) []float64 {
	n := g.N()
	out := make([]float64, n)
	bounds := workBlocks(g.offsets)
	nb := len(bounds) - 1
	workers := parallelism(nb)
	shares := make([][]float64, workers)
	forEachBlock(workers, nb, func(w, b int) {
		if shares[w] == nil {
			shares[w] = make([]float64, n)
		}
		share := shares[w]
		for v := bounds[b]; v < bounds[b+1]; v++ {
			lo, hi := g.offsets[v], g.offsets[v+1]
			if lo == hi {
				out[v] = math.NaN()
				continue
			}
			strength := 0.0
			for _, s := range g.weights[lo:hi] {
				strength += s
			}
			for k, q := range g.targets[lo:hi] {
				share[q] = g.weights[lo+k] / strength
			}
			out[v] = measure(v, share)
			for _, q := range g.targets[lo:hi] {
				share[q] = 0
			}
		}
	})
	return out
}
