package analysis

// Brokerage roles of Gould and Fernandez ("Structures of mediation: a formal
// approach to brokerage in transaction networks", Sociological Methodology
// 19, 1989), with the expected values and z-scores of R's sna::brokerage
// (Butts), against which they are tested.

import (
	"context"
	"fmt"
	"math"
	"strconv"
)

// Digraph is the direction of a snapshot's ties: who turns to whom, people
// numbered like the snapshot's. out[v] are the people v has a tie to, in[v]
// those with a tie to v, both sorted ascending.
type Digraph struct {
	outOff, inOff []int
	out, in       []int32
	directed      bool
}

// DirectedTies returns the ties of g each in the direction it was recorded
// (see Snapshot.Directions): a pair tied both ways is an arc each way.
func DirectedTies(g *Snapshot) *Digraph {
	n := g.N()
	d := &Digraph{outOff: make([]int, n+1), inOff: make([]int, n+1), directed: true}
	for v := range n {
		for _, dir := range g.Directions(v) {
			if dir&TieOut != 0 {
				d.outOff[v+1]++
			}
			if dir&TieIn != 0 {
				d.inOff[v+1]++
			}
		}
	}
	for v := range n {
		d.outOff[v+1] += d.outOff[v]
		d.inOff[v+1] += d.inOff[v]
	}
	d.out, d.in = make([]int32, 0, d.outOff[n]), make([]int32, 0, d.inOff[n])
	// Neighbours are sorted, so each row comes out sorted.
	for v := range n {
		dirs := g.Directions(v)
		for i, u := range g.Neighbors(v) {
			if dirs[i]&TieOut != 0 {
				d.out = append(d.out, u)
			}
			if dirs[i]&TieIn != 0 {
				d.in = append(d.in, u)
			}
		}
	}
	return d
}

// BothWays returns the ties of g read both ways: each tie is an arc in each
// direction. Brokerage on it counts each pair brokered twice, once each way,
// as sna::brokerage does on a symmetric adjacency matrix.
func BothWays(g *Snapshot) *Digraph {
	return &Digraph{outOff: g.offsets, inOff: g.offsets, out: g.targets, in: g.targets}
}

// N is the number of people.
func (d *Digraph) N() int { return len(d.outOff) - 1 }

// Arcs is the number of arcs (a tie read both ways counts twice).
func (d *Digraph) Arcs() int { return len(d.out) }

// Directed is false for the ties of a snapshot read both ways (BothWays).
func (d *Digraph) Directed() bool { return d.directed }

// Out returns the people v has a tie to, ascending. The caller must not
// modify the slice.
func (d *Digraph) Out(v int) []int32 { return d.out[d.outOff[v]:d.outOff[v+1]] }

// In returns the people with a tie to v, ascending. The caller must not
// modify the slice.
func (d *Digraph) In(v int) []int32 { return d.in[d.inOff[v]:d.inOff[v+1]] }

// BrokerageScores are figures for the five brokerage roles and their total,
// in one unit: raw counts, expected values, standard deviations or z-scores.
type BrokerageScores struct {
	// Coordinator: the broker and both people brokered are in one group
	// (A → A → A).
	Coordinator float64
	// Itinerant (consultant): both people brokered are in one group, the
	// broker in another (A → B → A).
	Itinerant float64
	// Gatekeeper: the broker controls who from outside reaches their group
	// (A → B → B).
	Gatekeeper float64
	// Representative: the broker carries their group's contact out to
	// another group (A → A → B).
	Representative float64
	// Liaison: the broker and the people brokered are in three different
	// groups (A → B → C).
	Liaison float64
	// Total is all five.
	Total float64
}

// roles returns the scores in sna's column order: w_I, w_O, b_IO, b_OI,
// b_O, t.
func (s *BrokerageScores) roles() [6]*float64 {
	return [6]*float64{&s.Coordinator, &s.Itinerant, &s.Representative, &s.Gatekeeper, &s.Liaison, &s.Total}
}

// Brokerage is the brokerage of every person of a network divided into
// groups.
type Brokerage struct {
	// Directed is false when the ties were read both ways (see BothWays):
	// each pair brokered then counts twice, and gatekeeper and
	// representative scores coincide.
	Directed bool
	// Groups names the groups; Group[v] is the group of person v.
	Groups []string
	Group  []int32
	// Density is arcs / (n(n−1)), the density the expectations assume.
	Density float64
	// Raw, Expected, SD and Z are indexed like the people. Z is
	// (Raw − Expected)/SD: NaN when both are 0, ±Inf when only SD is.
	Raw, Expected, SD, Z []BrokerageScores
	// Reasons say in words, per person, the brokerage role they hold most
	// (none for a person who brokers nobody).
	Reasons [][]string
}

// ComputeBrokerage counts, for every person b, the ordered pairs (a, c) of
// other, distinct people that b brokers: a → b → c with no arc a → c
// (Gould and Fernandez 1989), by the role the groups of a, b and c give it.
// group[v] is the group of person v, a label in 0..len(groups)−1, and groups
// names them. Expected values and standard deviations are those of a random
// network with the same group sizes and density, as sna::brokerage computes
// them (Gould and Fernandez, appendix).
//
// It takes O(Σ_b Σ_{a→b} (out(a) + out(b))) time, in parallel over brokers,
// and returns the context's error, wrapped, when ctx is cancelled.
func ComputeBrokerage(ctx context.Context, d *Digraph, group []int32, groups []string) (*Brokerage, error) {
	n := d.N()
	if len(group) != n {
		return nil, fmt.Errorf("brokerage: %d group labels for %d people", len(group), n)
	}
	for v, c := range group {
		if c < 0 || int(c) >= len(groups) {
			return nil, fmt.Errorf("brokerage: person %d has group %d, not in 0..%d", v, c, len(groups)-1)
		}
	}
	raw := make([]BrokerageScores, n)
	// itinerantGroup[b] is the group whose pairs b brokers most as an
	// itinerant, for the reason.
	itinerantGroup := make([]int32, n)
	type worker struct {
		mark     []int32 // mark[c] == a+1: a → c
		perGroup []int
	}
	_, err := parallel(ctx, n, func() *worker {
		w := &worker{mark: make([]int32, n), perGroup: make([]int, len(groups))}
		for i := range w.mark {
			w.mark[i] = -1
		}
		return w
	}, func(w *worker, b int) {
		raw[b], itinerantGroup[b] = brokered(d, group, b, w.mark, w.perGroup)
	})
	if err != nil {
		return nil, fmt.Errorf("brokerage: %w", err)
	}

	density := 0.0
	if n > 1 {
		density = float64(d.Arcs()) / (float64(n) * float64(n-1))
	}
	expected, sd := brokerageExpectations(n, group, len(groups), density)
	br := &Brokerage{
		Directed: d.Directed(), Groups: groups, Group: group, Density: density,
		Raw: raw, Expected: make([]BrokerageScores, n), SD: make([]BrokerageScores, n),
		Z: make([]BrokerageScores, n), Reasons: make([][]string, n),
	}
	for v := range n {
		c := group[v]
		br.Expected[v], br.SD[v] = expected[c], sd[c]
		r, e, s, z := raw[v].roles(), expected[c].roles(), sd[c].roles(), br.Z[v].roles()
		for i := range z {
			*z[i] = (*r[i] - *e[i]) / *s[i]
		}
		br.Reasons[v] = br.reasons(v, itinerantGroup[v])
	}
	return br, nil
}

// brokered counts the pairs b brokers, by role, and returns with them the
// group whose pairs b brokers most as an itinerant. mark (one entry per
// person, all −1 at first) and perGroup (one per group, all 0) are scratch
// space: marks left behind stay true for later calls (mark[c] == a only if
// a → c), and perGroup is left at 0.
func brokered(d *Digraph, group []int32, b int, mark []int32, perGroup []int) (BrokerageScores, int32) {
	var s BrokerageScores
	gb := group[b]
	out := d.Out(b)
	for _, a := range d.In(b) {
		for _, c := range d.Out(int(a)) {
			mark[c] = a
		}
		ga := group[a]
		for _, c := range out {
			if c == a || mark[c] == a {
				continue
			}
			gc := group[c]
			switch {
			case ga == gb && gb == gc:
				s.Coordinator++
			case ga == gc:
				s.Itinerant++
				perGroup[ga]++
			case ga == gb:
				s.Representative++
			case gb == gc:
				s.Gatekeeper++
			default:
				s.Liaison++
			}
		}
	}
	s.Total = s.Coordinator + s.Itinerant + s.Representative + s.Gatekeeper + s.Liaison
	best := int32(0)
	for c, k := range perGroup {
		if k > perGroup[best] {
			best = int32(c)
		}
		perGroup[c] = 0
	}
	return s, best
}

// brokerageExpectations returns, per group, the expected brokerage scores
// of a member and their standard deviations, given the group sizes and the
// density d: sna::brokerage's exp.nli and sd.nli.
func brokerageExpectations(n int, group []int32, k int, d float64) (expected, sd []BrokerageScores) {
	size := make([]float64, k)
	for _, c := range group {
		size[c]++
	}
	expected, sd = make([]BrokerageScores, k), make([]BrokerageScores, k)
	for i := range size {
		expected[i], sd[i] = groupExpectation(size, i, n, d)
	}
	return expected, sd
}

// groupExpectation is the expected brokerage scores of a member of group i
// and their standard deviations, given the group sizes, n people and the
// density d (see brokerageExpectations).
func groupExpectation(size []float64, i, n int, d float64) (BrokerageScores, BrokerageScores) {
	N, ni := float64(n), size[i]
	p2 := d * d * (1 - d)              // chance of a → b → c without a → c
	p3 := d * d * d * math.Pow(1-d, 3) // the covariance term of two such paths
	choose2 := func(x float64) float64 { return x * (x - 1) / 2 }
	// Sums over the other groups.
	var s2, s3, s1, sq, sLiaison float64
	for j, nj := range size {
		if j == i {
			continue
		}
		s2 += nj * (nj - 1)
		s3 += nj * (nj - 1) * (nj - 2)
		s1 += nj
		sq += nj * nj
		sLiaison += nj * choose2(N-nj-ni)
	}
	e := BrokerageScores{
		Coordinator:    p2 * (ni - 1) * (ni - 2),
		Itinerant:      p2 * s2,
		Representative: p2 * (N - ni) * (ni - 1),
		Liaison:        p2 * (s1*s1 - sq),
		Total:          p2 * (N - 1) * (N - 2),
	}
	e.Gatekeeper = e.Representative
	v := BrokerageScores{
		Coordinator:    e.Coordinator*(1-p2) + 2*(ni-1)*(ni-2)*(ni-3)*p3,
		Itinerant:      e.Itinerant*(1-p2) + 2*s3*p3,
		Representative: e.Representative*(1-p2) + 2*((ni-1)*choose2(N-ni)+(N-ni)*choose2(ni-1))*p3,
		Liaison:        e.Liaison*(1-p2) + 4*sLiaison*p3,
		Total:          e.Total*(1-p2) + 2*(N-1)*(N-2)*(N-3)*p3,
	}
	v.Gatekeeper = v.Representative
	for _, x := range v.roles() {
		*x = math.Sqrt(*x)
	}
	return e, v
}

// reasons says in words which role person v holds most, with the group it
// concerns; itinerant is the group whose pairs v brokers most from outside.
func (br *Brokerage) reasons(v int, itinerant int32) []string {
	return brokerageReasons(&br.Raw[v], br.Groups[br.Group[v]], br.Groups[itinerant], br.Directed)
}

// brokerageReasons says in words which role a person with scores s holds
// most: own is their group, itinerant the group whose pairs they broker most
// from outside.
func brokerageReasons(s *BrokerageScores, own, itinerant string, directed bool) []string {
	if s.Total == 0 {
		return nil
	}
	type role struct {
		count float64
		text  string
	}
	roles := []role{
		{s.Representative, "from " + own + " out to others"},
		{s.Gatekeeper, "from others into " + own},
		{s.Coordinator, "within " + own},
		{s.Itinerant, "within " + itinerant + ", from outside it"},
		{s.Liaison, "between two other groups"},
	}
	// The largest count first; among equals, the order above.
	best := roles[0]
	for _, r := range roles[1:] {
		if r.count > best.count {
			best = r
		}
	}
	text := "brokers " + strconv.Itoa(int(best.count)) + " contacts " + best.text
	if best.count == 1 {
		text = "brokers 1 contact " + best.text
	}
	if !directed {
		text += " (ties read both ways)"
	}
	return []string{text}
}

// PersonBrokerage is one person's brokerage roles, as Brokerage holds them
// for everyone.
type PersonBrokerage struct {
	// Directed is false when the ties were read both ways.
	Directed bool
	// Group names the person's group.
	Group                string
	Raw, Expected, SD, Z BrokerageScores
	Reasons              []string
}

// BrokerageOf is ComputeBrokerage for person b alone: the same figures, in
// O(n + Σ_{a→b} (out(a) + out(b))) time rather than that summed over
// everyone.
func BrokerageOf(d *Digraph, group []int32, groups []string, b int) (PersonBrokerage, error) {
	n := d.N()
	if len(group) != n || b < 0 || b >= n {
		return PersonBrokerage{}, fmt.Errorf("brokerage: person %d of %d, %d group labels", b, n, len(group))
	}
	size := make([]float64, len(groups))
	for v, c := range group {
		if c < 0 || int(c) >= len(groups) {
			return PersonBrokerage{}, fmt.Errorf("brokerage: person %d has group %d, not in 0..%d", v, c, len(groups)-1)
		}
		size[c]++
	}
	mark := make([]int32, n)
	for i := range mark {
		mark[i] = -1
	}
	raw, itinerant := brokered(d, group, b, mark, make([]int, len(groups)))
	density := 0.0
	if n > 1 {
		density = float64(d.Arcs()) / (float64(n) * float64(n-1))
	}
	p := PersonBrokerage{Directed: d.Directed(), Group: groups[group[b]], Raw: raw}
	p.Expected, p.SD = groupExpectation(size, int(group[b]), n, density)
	r, e, s, z := p.Raw.roles(), p.Expected.roles(), p.SD.roles(), p.Z.roles()
	for i := range z {
		*z[i] = (*r[i] - *e[i]) / *s[i]
	}
	p.Reasons = brokerageReasons(&p.Raw, p.Group, groups[itinerant], p.Directed)
	return p, nil
}

// OrganisationGroups groups the people of g by their first organisation
// (named, else by id), people with none in a group of their own, "no
// organisation" (label 0): the grouping brokerage uses by default.
func OrganisationGroups(g *Snapshot) (group []int32, groups []string) {
	group = make([]int32, g.N())
	groups = []string{"no organisation"}
	label := map[string]int32{}
	for v := range group {
		orgs := g.Profile(v).Organisations
		if len(orgs) == 0 {
			continue
		}
		c, ok := label[orgs[0].ID]
		if !ok {
			c = int32(len(groups))
			label[orgs[0].ID] = c
			groups = append(groups, groupName(orgs[0]))
		}
		group[v] = c
	}
	return group, groups
}
