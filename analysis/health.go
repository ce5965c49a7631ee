package analysis

import "math"

// Health is the shape of the whole network: its size, how cohesive and how
// fragmented it is, and how much it hangs on a few people. People are named
// by snapshot index; Named resolves them to ids for output. The JSON names
// follow the `netgraph analyse` output and the reference fixture.
type Health struct {
	People int `json:"nodes"`
	Ties   int `json:"edges"`
	// Density is the share of possible ties present, 2m/(n(n−1)).
	Density    float64 `json:"density"`
	Components int     `json:"components"`
	// LargestComponentShare is the share of people in the largest component.
	LargestComponentShare float64 `json:"largestComponentShare"`
	// AverageClustering is the mean local clustering, people without ties
	// counting as 0.
	AverageClustering float64 `json:"averageClustering"`
	Transitivity      float64 `json:"transitivity"`
	// Modularity is that of the Louvain communities; nil when communities
	// were not computed or there are no ties.
	Modularity *float64 `json:"modularity,omitempty"`
	// ArticulationPoints are the people whose removal would split their
	// component, ascending.
	ArticulationPoints []int `json:"articulationPoints"`
	// Bridges are the ties whose removal would split their component, each
	// {u, v} with u < v, ascending.
	Bridges              [][2]int `json:"bridges"`
	DegreeCentralization float64  `json:"degreeCentralization"`
	// BetweennessCentralization is Freeman's, on the (possibly sampled)
	// betweenness; nil when betweenness was not computed.
	BetweennessCentralization *float64 `json:"betweennessCentralization,omitempty"`
	// AveragePathLength and Diameter are those of the largest component;
	// nil when path statistics were not computed (see Options) or there is
	// nobody, so no largest component.
	AveragePathLength *float64 `json:"averagePathLength,omitempty"`
	Diameter          *float64 `json:"diameter,omitempty"`
	// Isolated and Peripheral count the people with no tie and with exactly
	// one tie.
	Isolated   int `json:"isolated"`
	Peripheral int `json:"peripheral"`
}

// NamedHealth is Health with people named by id rather than by index, for
// output. Its fields shadow Health's in JSON.
type NamedHealth struct {
	Health
	ArticulationPoints []string    `json:"articulationPoints"`
	Bridges            [][2]string `json:"bridges"`
}

// Named resolves the people of h to their ids in g, the snapshot h was
// computed from.
func (h Health) Named(g *Snapshot) NamedHealth {
	out := NamedHealth{
		Health:             h,
		ArticulationPoints: make([]string, len(h.ArticulationPoints)),
		Bridges:            make([][2]string, len(h.Bridges)),
	}
	for i, v := range h.ArticulationPoints {
		out.ArticulationPoints[i] = g.ID(v)
	}
	for i, b := range h.Bridges {
		out.Bridges[i] = [2]string{g.ID(b[0]), g.ID(b[1])}
	}
	return out
}

// healthInputs are the kernel results Health is made of. paths, betweenness
// and community are nil when they were not computed.
type healthInputs struct {
	degrees              []int
	componentSizes       []int
	clustering           []float64 // local
	transitivity         float64
	articulation         []int
	bridges              [][2]int
	paths                *PathSummary
	degreeCentralization float64
	betweenness          []float64
	community            []int32
}

// healthOf assembles the Health of g from the kernels' results.
func healthOf(g *Snapshot, in healthInputs) Health {
	n, m := g.N(), g.M()
	h := Health{
		People:               n,
		Ties:                 m,
		Components:           len(in.componentSizes),
		AverageClustering:    AverageClustering(in.clustering),
		Transitivity:         in.transitivity,
		ArticulationPoints:   in.articulation,
		Bridges:              in.bridges,
		DegreeCentralization: in.degreeCentralization,
	}
	if in.paths != nil && n > 0 {
		h.AveragePathLength, h.Diameter = &in.paths.AveragePathLength, &in.paths.Diameter
	}
	// Empty lists rather than null in JSON: "none" is an answer.
	if h.ArticulationPoints == nil {
		h.ArticulationPoints = []int{}
	}
	if h.Bridges == nil {
		h.Bridges = [][2]int{}
	}
	if n > 1 {
		h.Density = 2 * float64(m) / (float64(n) * float64(n-1))
	}
	if n > 0 && len(in.componentSizes) > 0 {
		h.LargestComponentShare = float64(in.componentSizes[0]) / float64(n)
	}
	for _, d := range in.degrees {
		switch d {
		case 0:
			h.Isolated++
		case 1:
			h.Peripheral++
		}
	}
	if in.betweenness != nil {
		c := BetweennessCentralization(in.betweenness)
		h.BetweennessCentralization = &c
	}
	if in.community != nil {
		if q := Modularity(g, in.community); !math.IsNaN(q) { // NaN: no ties, undefined
			h.Modularity = &q
		}
	}
	return h
}
