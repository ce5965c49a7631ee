package analysis

// In-degree and out-degree count the ties of a person by the way they were
// recorded (Builder.AddTie's from and to): ties towards the person (who seeks
// them out) and ties from them (whom they reach out to). A pair tied both
// ways counts once in each. Every other metric treats ties as undirected.

// InDegrees returns, per person, the number of contacts with a tie recorded
// towards them (networkx in_degree on the directed graph of distinct pairs).
func InDegrees(g *Snapshot) []int { return directedDegrees(g, TieIn) }

// OutDegrees returns, per person, the number of contacts they recorded a tie
// to (networkx out_degree on the directed graph of distinct pairs).
func OutDegrees(g *Snapshot) []int { return directedDegrees(g, TieOut) }

func directedDegrees(g *Snapshot, way TieDirection) []int {
	d := make([]int, g.N())
	for v := range d {
		for _, dir := range g.Directions(v) {
			if dir&way != 0 {
				d[v]++
			}
		}
	}
	return d
}
