package analysis

import (
	"math"
	"slices"
)

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
			p := share[j] + overlap(g, v, int(j), share, invStrength)
			c += p * p
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
			es += 1 - overlap(g, v, int(j), share, nil)*invMax[j]
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

// overlap returns Σ share[q]·strength(j,q)·scale[q] over the common contacts
// q of v and j, in ascending q (scale nil counts as 1); share holds p(v,·).
// It walks the shorter of the two contact lists, looking the other up by
// binary search when it is much longer, so that a hub's contacts do not each
// pay for the hub's whole list.
func overlap(g *Snapshot, v, j int, share, scale []float64) float64 {
	sum := 0.0
	jq, jw := g.Neighbors(j), g.Strengths(j)
	if vq := g.Neighbors(v); len(jq) > 32*len(vq) {
		for _, q := range vq {
			k, found := slices.BinarySearch(jq, q)
			if !found {
				jq, jw = jq[k:], jw[k:]
				continue
			}
			term := share[q] * jw[k]
			if scale != nil {
				term *= scale[q]
			}
			sum += term
			jq, jw = jq[k+1:], jw[k+1:]
		}
		return sum
	}
	for i, q := range jq {
		if share[q] != 0 {
			term := share[q] * jw[i]
			if scale != nil {
				term *= scale[q]
			}
			sum += term
		}
	}
	return sum
}
