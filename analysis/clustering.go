package analysis

// Clustering returns the local clustering coefficient of each person (Watts
// and Strogatz, "Collective dynamics of 'small-world' networks", 1998): the
// share of pairs of the person's contacts who are tied to each other, 0 for
// people with fewer than two ties. Structural: strengths are ignored, as in
// networkx.clustering without a weight.
func Clustering(g *Snapshot) []float64 {
	t := triangleCounts(g)
	c := make([]float64, len(t))
	for v, tv := range t {
		if d := int64(g.Degree(v)); tv > 0 {
			c[v] = float64(2*tv) / float64(d*(d-1))
		}
	}
	return c
}

// AverageClustering is the mean of local clustering coefficients, people with
// fewer than two ties counting as 0 (networkx.average_clustering). It is 0
// for an empty network.
func AverageClustering(local []float64) float64 {
	if len(local) == 0 {
		return 0
	}
	sum := 0.0
	for _, c := range local {
		sum += c
	}
	return sum / float64(len(local))
}

// Transitivity is the global clustering coefficient: three times the number
// of triangles divided by the number of connected triples (paths of two
// ties), or 0 when there are no triangles (networkx.transitivity).
// Structural: strengths are ignored.
func Transitivity(g *Snapshot) float64 {
	var triangles, triples int64
	for v, tv := range triangleCounts(g) {
		d := int64(g.Degree(v))
		triangles += tv
		triples += d * (d - 1)
	}
	if triangles == 0 {
		return 0
	}
	return float64(2*triangles) / float64(triples)
}

// triangleCounts returns for each person the number of ties among their
// neighbours, that is the number of triangles through them.
//
// Each tie is oriented from the person of lower to higher (degree, index),
// so that every person keeps at most O(√m) "higher" neighbours; a triangle is
// then found exactly once, at its lowest corner, by a sorted merge of two
// such lists (Schank and Wagner's "forward" algorithm), and credited to all
// three corners. Workers count into their own arrays, summed at the end.
func triangleCounts(g *Snapshot) []int64 {
	n := g.N()
	offsets, targets := g.offsets, g.targets
	higher := func(u, v int32) bool {
		du, dv := offsets[u+1]-offsets[u], offsets[v+1]-offsets[v]
		return du > dv || du == dv && u > v
	}
	upOffsets := make([]int, n+1)
	for v := range n {
		count := 0
		for _, u := range targets[offsets[v]:offsets[v+1]] {
			if higher(u, int32(v)) {
				count++
			}
		}
		upOffsets[v+1] = upOffsets[v] + count
	}
	up := make([]int32, upOffsets[n])
	for v := range n {
		k := upOffsets[v]
		for _, u := range targets[offsets[v]:offsets[v+1]] {
			if higher(u, int32(v)) {
				up[k] = u
				k++
			}
		}
	}
	bounds := workBlocks(upOffsets)
	nb := len(bounds) - 1
	workers := parallelism(nb)
	counts := make([][]int64, workers)
	forEachBlock(workers, nb, func(w, b int) {
		if counts[w] == nil {
			counts[w] = make([]int64, n)
		}
		t := counts[w]
		for v := bounds[b]; v < bounds[b+1]; v++ {
			uv := up[upOffsets[v]:upOffsets[v+1]]
			for _, u := range uv {
				uu := up[upOffsets[u]:upOffsets[u+1]]
				for i, j := 0, 0; i < len(uv) && j < len(uu); {
					switch a, c := uv[i], uu[j]; {
					case a < c:
						i++
					case a > c:
						j++
					default:
						t[v]++
						t[u]++
						t[a]++
						i++
						j++
					}
				}
			}
		}
	})
	total := counts[0]
	if total == nil {
		return make([]int64, n)
	}
	for _, t := range counts[1:] {
		if t == nil {
			continue
		}
		for v, c := range t {
			total[v] += c
		}
	}
	return total
}
