package analysis

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

const (
	hospital = "Leeds Teaching Hospitals NHS Trust"
	library  = "Leeds Central Library"
	uni      = "University of Leeds"
)

// brokerNetwork is two cliques, four people at the hospital and five at the
// university, joined only through x at the library, who is tied to two of
// each. p hangs on to b3 by a single tie; i and s (who holds the SPONSOR
// role) have no ties; q1 (a SPONSOR too) and q2 are a pair on their own.
func brokerNetwork(t testing.TB) *Snapshot {
	t.Helper()
	var members []testMember
	var ties [][2]string
	clique := func(prefix string, size int, org, topic string) {
		for i := 1; i <= size; i++ {
			id := prefix + strconv.Itoa(i)
			members = append(members, testMember{id: id, orgs: []string{org}, interests: []string{topic}})
			for j := 1; j < i; j++ {
				ties = append(ties, [2]string{prefix + strconv.Itoa(j), id})
			}
		}
	}
	clique("a", 4, hospital, "surgery")
	clique("b", 5, uni, "genomics")
	members = append(members,
		testMember{id: "x", orgs: []string{library}},
		testMember{id: "p"},
		testMember{id: "i"},
		testMember{id: "s", roles: []string{"SPONSOR"}},
		testMember{id: "q1", roles: []string{"sponsor"}},
		testMember{id: "q2"},
	)
	ties = append(ties, [2]string{"x", "a1"}, [2]string{"x", "a2"}, [2]string{"x", "b1"}, [2]string{"x", "b2"},
		[2]string{"p", "b3"}, [2]string{"q1", "q2"})
	return buildNetwork(t, members, ties)
}

// roleMetrics computes what roles are judged by.
func roleMetrics(t testing.TB, g *Snapshot) RoleMetrics {
	t.Helper()
	r, err := Analyse(context.Background(), g, Options{Metrics: MetricDegree, Roles: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	m := RoleMetrics{Community: make([]int32, g.N())}
	for v, p := range r.People {
		m.Betweenness = append(m.Betweenness, p.Betweenness)
		m.Eigenvector = append(m.Eigenvector, p.Eigenvector)
		m.PageRank = append(m.PageRank, p.PageRank)
		m.Community[v] = int32(p.Community)
	}
	return m
}

func TestConnectorsBrokerBetweenCliquesComesFirst(t *testing.T) {
	g := brokerNetwork(t)
	got := Connectors(g, roleMetrics(t, g), 3)
	if len(got) == 0 {
		t.Fatal("no connectors")
	}
	top := got[0]
	if g.ID(top.Person) != "x" {
		t.Fatalf("top connector is %s (%+v); want x", g.ID(top.Person), top)
	}
	wantReasons := []string{
		"links " + hospital + " and " + uni,
		"articulation point: 4 people would be cut off without them",
	}
	for _, want := range wantReasons {
		if !slices.Contains(top.Reasons, want) {
			t.Errorf("reasons %q; want %q among them", top.Reasons, want)
		}
	}
	if last := top.Reasons[len(top.Reasons)-1]; last != "betweenness ranks 1st of 15" {
		t.Errorf("last reason %q; want \"betweenness ranks 1st of 15\"", last)
	}
	if len(got) != 1 {
		t.Errorf("%d connectors; want only x, the one in the top 10%% of 15 people", len(got))
	}
	ev := top.Evidence
	if !ev.Articulation || ev.CutOff != 4 || ev.BridgesCut != 0 || len(ev.Communities) != 2 ||
		!slices.Equal(ev.Organisations, []string{hospital, uni}) || ev.Betweenness <= 0 {
		t.Errorf("evidence %+v", ev)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("connectors out of order: %+v before %+v", got[i-1], got[i])
		}
	}
}

func TestSponsorRoleHoldersHaveAVerdict(t *testing.T) {
	g := brokerNetwork(t)
	m := roleMetrics(t, g)
	got := SponsorRoleHolders(g, m)
	byID := map[string]RoleCandidate{}
	for _, c := range got {
		byID[g.ID(c.Person)] = c
	}
	if len(got) != 2 {
		t.Errorf("%d role holders; want s and q1", len(got))
	}
	tests := []struct {
		id, reason string
	}{
		{"s", "holds the SPONSOR role but has no ties in this network — poorly placed to sponsor"},
		// Above q1 and q2: the 11 people of the cliques, x and p.
		{"q1", "holds the SPONSOR role; eigenvector ranks joint 12th of 15 — poorly placed to sponsor"},
	}
	for _, tt := range tests {
		c, ok := byID[tt.id]
		if !ok {
			t.Errorf("%s not listed among the role holders", tt.id)
			continue
		}
		if !c.Evidence.HasSponsorRole || len(c.Reasons) == 0 || c.Reasons[0] != tt.reason {
			t.Errorf("%s: reasons %q; want first %q", tt.id, c.Reasons, tt.reason)
		}
	}
	// The best placed are in the university clique, the larger one; b1 and
	// b2, tied to x as well, tie at the top, and two people are more than
	// 10% of 15: nobody stands out enough to be named.
	all, _ := sponsorCandidates(g, m)
	if first, second := g.ID(all[0].Person), g.ID(all[1].Person); first != "b1" || second != "b2" || all[0].Score != all[1].Score {
		t.Errorf("best placed %s (%v) and %s (%v); want b1 and b2, tied", first, all[0].Score, second, all[1].Score)
	}
	if s := Sponsors(g, m, 3); len(s) != 0 {
		t.Errorf("sponsors %q; want none", ids(g, s))
	}
}

func TestIsolatedAndPeripheral(t *testing.T) {
	tests := []struct {
		name                 string
		people               []string
		ties                 [][2]string
		isolated, peripheral []string
	}{
		{"empty", nil, nil, nil, nil},
		{"alone", []string{"a"}, nil, []string{"a"}, nil},
		{"path", []string{"a", "b", "c"}, [][2]string{{"a", "b"}, {"b", "c"}}, nil, []string{"a", "c"}},
		{"star and isolate", []string{"hub", "l1", "l2", "l3", "z"}, [][2]string{{"hub", "l1"}, {"hub", "l2"}, {"hub", "l3"}},
			[]string{"z"}, []string{"l1", "l2", "l3"}},
		{"triangle", []string{"a", "b", "c"}, [][2]string{{"a", "b"}, {"b", "c"}, {"a", "c"}}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var members []testMember
			for _, id := range tt.people {
				members = append(members, testMember{id: id})
			}
			g := buildNetwork(t, members, tt.ties)
			ids := func(x []int) []string {
				var out []string
				for _, v := range x {
					out = append(out, g.ID(v))
				}
				return out
			}
			if got := ids(Isolated(g)); !slices.Equal(got, tt.isolated) {
				t.Errorf("Isolated = %q; want %q", got, tt.isolated)
			}
			if got := ids(Peripheral(g)); !slices.Equal(got, tt.peripheral) {
				t.Errorf("Peripheral = %q; want %q", got, tt.peripheral)
			}
		})
	}
}

// TestCutOffsMatchRemoval checks the one-pass count of people cut off against
// removing each person in turn and searching what is left.
func TestCutOffsMatchRemoval(t *testing.T) {
	for seed := range uint64(20) {
		g := sparseNetwork(40, 45, seed)
		got := cutOffs(g)
		for v := range g.N() {
			if want := cutOffByRemoval(g, v); got[v] != want {
				t.Errorf("seed %d: cutOffs[%d] = %d; want %d", seed, v, got[v], want)
			}
		}
	}
}

// sparseNetwork is n people with m random ties: several components, trees
// and cycles.
func sparseNetwork(n, m int, seed uint64) *Snapshot {
	r := rand.New(rand.NewPCG(seed, 2))
	b := NewBuilder(false)
	for v := range n {
		b.AddPerson(strconv.Itoa(v))
	}
	for range m {
		u, v := r.IntN(n), r.IntN(n)
		if u != v {
			_ = b.AddTie(strconv.Itoa(u), strconv.Itoa(v), 1)
		}
	}
	return b.Build()
}

// cutOffByRemoval counts the people of v's component who lose touch with the
// largest part left when v is removed.
func cutOffByRemoval(g *Snapshot, v int) int {
	seen := make([]bool, g.N())
	seen[v] = true
	reach := func(s int) int {
		size, queue := 0, []int{s}
		seen[s] = true
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			size++
			for _, w := range g.Neighbors(u) {
				if !seen[w] {
					seen[w] = true
					queue = append(queue, int(w))
				}
			}
		}
		return size
	}
	total, largest := 0, 0
	for _, w := range g.Neighbors(v) {
		if !seen[w] {
			size := reach(int(w))
			total += size
			largest = max(largest, size)
		}
	}
	return total - largest
}

func TestRanks(t *testing.T) {
	r := newRanks([]float64{0, 0, 1, 2, 3, 3, 4, 5, 6, 9})
	tests := []struct {
		x           float64
		top, bottom int
		percentile  float64
	}{
		{9, 10, 100, 1},
		{6, 20, 90, 8.0 / 9},
		{3, 50, 60, 4.5 / 9},
		{0, 90, 20, 0.5 / 9},
	}
	for _, tt := range tests {
		if got := r.topPercent(tt.x); got != tt.top {
			t.Errorf("topPercent(%v) = %d; want %d", tt.x, got, tt.top)
		}
		if got := r.bottomPercent(tt.x); got != tt.bottom {
			t.Errorf("bottomPercent(%v) = %d; want %d", tt.x, got, tt.bottom)
		}
		if got := r.percentile(tt.x); got != tt.percentile {
			t.Errorf("percentile(%v) = %v; want %v", tt.x, got, tt.percentile)
		}
	}
}

func TestJoinList(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"A"}, "A"},
		{[]string{"A", "B"}, "A and B"},
		{[]string{"A", "B", "C"}, "A, B and C"},
		{[]string{"A", "B", "C", "D", "E", "F"}, "A, B, C, D and 2 more organisations"},
		{[]string{"A", "B", "C", "D", "E"}, "A, B, C, D and one other"},
	}
	for _, tt := range tests {
		if got := joinList(tt.names, listShown, "organisations"); got != tt.want {
			t.Errorf("joinList(%q) = %q; want %q", tt.names, got, tt.want)
		}
	}
}
