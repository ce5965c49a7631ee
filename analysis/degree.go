package analysis

// Degrees returns the number of ties of each person. Degree is structural: it
// ignores tie strengths.
func Degrees(g *Snapshot) []int {
	d := make([]int, g.N())
	for v := range d {
		d[v] = g.offsets[v+1] - g.offsets[v]
	}
	return d
}

// TotalStrengths returns the sum of each person's tie strengths (NetworkX's
// weighted degree). In an unweighted snapshot every strength is 1, so this is
// the degree as a float.
func TotalStrengths(g *Snapshot) []float64 {
	s := make([]float64, g.N())
	for v := range s {
		sum := 0.0
		for _, w := range g.weights[g.offsets[v]:g.offsets[v+1]] {
			sum += w
		}
		s[v] = sum
	}
	return s
}

// DegreeCentralization is Freeman's (1978) degree centralization: the sum over
// people of (maximum degree − degree), divided by its largest possible value
// for n people, (n−1)(n−2), reached by a star. It is 1 for a star, 0 when every
// person has the same degree, and 0 for fewer than three people.
func DegreeCentralization(g *Snapshot) float64 {
	n := g.N()
	if n < 3 {
		return 0
	}
	maxDeg, sum := 0, 0
	for v := range n {
		d := g.offsets[v+1] - g.offsets[v]
		maxDeg = max(maxDeg, d)
		sum += d
	}
	return float64(n*maxDeg-sum) / float64((n-1)*(n-2))
}
