package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	gonumcommunity "gonum.org/v1/gonum/graph/community"
)

// TestLouvainMatchesNetworkX asks for modularity at least as high as the
// best of NetworkX's Louvain over ten seeds, for each of a few seeds, and
// checks Modularity against gonum's community.Q on the result.
func TestLouvainMatchesNetworkX(t *testing.T) {
	for _, r := range loadReference(t) {
		t.Run(r.Name, func(t *testing.T) {
			g := r.snapshot()
			for seed := range uint64(5) {
				labels, err := Louvain(context.Background(), g, seed)
				if err != nil {
					t.Fatal(err)
				}
				checkLabels(t, labels)
				q := Modularity(g, labels)
				if want := r.GraphMetrics.LouvainModularity; q < want-1e-3 {
					t.Errorf("seed %d: modularity %.6f; NetworkX reaches %.6f", seed, q, want)
				}
				assertClose(t, "Modularity vs gonum", q, gonumModularity(g, labels), 1e-9)
			}
		})
	}
}

// checkLabels checks that communities are numbered 0..k−1 by size, largest
// first, ties broken by the smallest member.
func checkLabels(t *testing.T, labels []int32) {
	t.Helper()
	if len(labels) == 0 {
		return
	}
	k := int(slices.Max(labels)) + 1
	size, first := make([]int, k), make([]int, k)
	for v := len(labels) - 1; v >= 0; v-- {
		c := labels[v]
		if c < 0 {
			t.Fatalf("person %d has label %d", v, c)
		}
		size[c]++
		first[c] = v
	}
	for c := range k {
		if size[c] == 0 {
			t.Fatalf("label %d of 0..%d is unused", c, k-1)
		}
		if c > 0 && (size[c] > size[c-1] || size[c] == size[c-1] && first[c] < first[c-1]) {
			t.Fatalf("community %d (size %d, first member %d) ranks after community %d (size %d, first member %d)",
				c, size[c], first[c], c-1, size[c-1], first[c-1])
		}
	}
}

func TestLouvainIsDeterministic(t *testing.T) {
	for name, g := range map[string]*Snapshot{
		"one run, parallel aggregation": clusteredNetwork(20000, 5, 0.3, 4),
		"parallel runs":                 clusteredNetwork(300, 3, 0.3, 4),
	} {
		t.Run(name, func(t *testing.T) {
			run := func(procs int, seed uint64) []int32 {
				var labels []int32
				var err error
				withProcs(procs, func() { labels, err = Louvain(context.Background(), g, seed) })
				if err != nil {
					t.Fatal(err)
				}
				return labels
			}
			a := run(2, 7)
			if b := run(2, 7); !slices.Equal(a, b) {
				t.Error("two runs with the same seed differ")
			}
			if b := run(1, 7); !slices.Equal(a, b) {
				t.Error("GOMAXPROCS=1 and 2 differ")
			}
			if b := run(2, 8); slices.Equal(a, b) && name != "parallel runs" {
				t.Error("seeds 7 and 8 give the same division (is the seed used?)")
			}
		})
	}
}

// TestLouvainWeighted compares with gonum's community.Modularize on a
// weighted network.
func TestLouvainWeighted(t *testing.T) {
	g := weightedNetwork(2000, 8000, 12)
	labels, err := Louvain(context.Background(), g, 1)
	if err != nil {
		t.Fatal(err)
	}
	checkLabels(t, labels)
	q := Modularity(g, labels)
	assertClose(t, "Modularity vs gonum", q, gonumModularity(g, labels), 1e-9)
	gg := toGonumUndirected(g)
	reduced := gonumcommunity.Modularize(gg, 1, rand.NewPCG(1, 1))
	if want := gonumcommunity.Q(gg, reduced.Communities(), 1); q < want-1e-3 {
		t.Errorf("modularity %.6f; gonum's Louvain reaches %.6f", q, want)
	}
}

func TestLouvainEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    *Snapshot
		want []int32
	}{
		{"empty", snapshotOf(0), []int32{}},
		{"one person", snapshotOf(1), []int32{0}},
		{"all isolates", snapshotOf(4), []int32{0, 1, 2, 3}},
		{"two triangles", twoTriangles(), []int32{0, 0, 0, 1, 1, 1}},
		{"triangle and isolate", snapshotOf(4, [2]int{1, 2}, [2]int{2, 3}, [2]int{1, 3}), []int32{1, 0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Louvain(context.Background(), tc.g, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v; want %v", got, tc.want)
			}
		})
	}
}

func TestLouvainCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Louvain(ctx, clusteredNetwork(100, 2, 0.1, 1), 1); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}

// TestLouvainCommunitiesConnected checks that every community is connected
// through ties between its members, on every network of the test suite and
// for several seeds, including the two (a 20,000-person network with seeds
// 7 and 5) where Louvain's moves alone leave a community in pieces.
func TestLouvainCommunitiesConnected(t *testing.T) {
	type run struct {
		name  string
		g     *Snapshot
		seeds []uint64
	}
	few := []uint64{0, 1, 2, 3, 4, 5, 6, 7}
	var runs []run
	for _, r := range loadReference(t) {
		runs = append(runs, run{"reference " + r.Name, r.snapshot(), few})
	}
	for _, r := range loadKeyPlayerReference(t) {
		runs = append(runs, run{"key players " + r.Name, r.snapshot(t), few})
	}
	for _, r := range loadBrokerageReference(t) {
		runs = append(runs, run{"brokerage " + r.Name, directedSnapshot(t, r.Nodes, r.Ties), few})
	}
	runs = append(runs,
		run{"two triangles", twoTriangles(), few},
		run{"clustered 300", clusteredNetwork(300, 3, 0.3, 4), few},
		run{"weighted 2000", weightedNetwork(2000, 8000, 12), few},
		run{"clustered 20000", clusteredNetwork(20000, 5, 0.3, 42), []uint64{7, 1}},
		run{"clustered 20000 (4)", clusteredNetwork(20000, 5, 0.3, 4), []uint64{5}},
	)
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			for _, seed := range r.seeds {
				labels, err := Louvain(context.Background(), r.g, seed)
				if err != nil {
					t.Fatal(err)
				}
				if bad := disconnectedCommunities(r.g, labels); len(bad) > 0 {
					t.Errorf("seed %d: communities %v are not connected", seed, bad)
				}
			}
		})
	}
}

// disconnectedCommunities lists the communities whose members are not all
// connected through ties between them.
func disconnectedCommunities(g *Snapshot, labels []int32) []int32 {
	n := g.N()
	seen := make([]bool, n)
	parts := map[int32]int{}
	for s := range n {
		if seen[s] {
			continue
		}
		c := labels[s]
		parts[c]++
		seen[s] = true
		queue := []int{s}
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			for _, u := range g.Neighbors(v) {
				if !seen[u] && labels[u] == c {
					seen[u] = true
					queue = append(queue, int(u))
				}
			}
		}
	}
	var bad []int32
	for c, p := range parts {
		if p > 1 {
			bad = append(bad, c)
		}
	}
	slices.Sort(bad)
	return bad
}

// TestConnectedParts splits a community in two pieces and checks that
// modularity rises, as it must.
func TestConnectedParts(t *testing.T) {
	g := snapshotOf(6, [2]int{0, 1}, [2]int{1, 2}, [2]int{3, 4}, [2]int{4, 5}, [2]int{2, 3})
	// 0–1 and 4–5 in community 0 without a tie between them; 2–3 in 1.
	labels := []int32{0, 0, 1, 1, 0, 0}
	parts := connectedParts(g, labels)
	if want := []int32{0, 0, 2, 2, 4, 4}; !slices.Equal(parts, want) {
		t.Fatalf("parts %v; want %v", parts, want)
	}
	if before, after := Modularity(g, labels), Modularity(g, parts); !(after > before) {
		t.Errorf("modularity %v before the split, %v after", before, after)
	}
}

// BenchmarkConnectedParts times the step that makes every community
// connected, on BenchmarkLouvain's network and division, to set against
// BenchmarkLouvain.
func BenchmarkConnectedParts(b *testing.B) {
	g := benchNetwork(b)
	labels, err := Louvain(context.Background(), g, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		connectedParts(g, labels)
	}
}

// leidenReference is testdata/leiden.json, written by testdata/leiden.py:
// igraph's community_leiden (objective modularity) over ten seeds, the mean
// with its defaults and the best run until stable.
type leidenReference struct {
	Name             string  `json:"name"`
	LeidenModularity float64 `json:"leidenModularity"`
	LeidenStableBest float64 `json:"leidenStableBest"`
	People           int     `json:"people"`
	Ties             int     `json:"ties"`
	Checksum         uint64  `json:"checksum"`
}

// TestLouvainReachesIgraphLeiden asks, for several seeds, for connected
// communities and modularity at least the mean igraph's Leiden reaches with
// its defaults, on the reference networks and a planted 10,000-person
// network. On the planted network, with one run, Louvain falls short of
// igraph by up to 0.25% (0.5819–0.5826 against 0.5833 for seeds 0–2): the
// test holds it within 0.5%, so that a regression shows. It logs the gap to
// igraph's best run until stable, which no seed reaches on the generated
// networks.
func TestLouvainReachesIgraphLeiden(t *testing.T) {
	data, err := os.ReadFile("testdata/leiden.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Networks []leidenReference `json:"networks"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("testdata/leiden.json: %v", err)
	}
	graphs := map[string]*Snapshot{}
	for _, r := range loadReference(t) {
		graphs[r.Name] = r.snapshot()
	}
	if len(doc.Networks) != len(graphs)+1 {
		t.Fatalf("leiden.json has %d networks; want the %d of reference.json and planted-10000", len(doc.Networks), len(graphs))
	}
	for _, r := range doc.Networks {
		t.Run(r.Name, func(t *testing.T) {
			g, ok := graphs[r.Name]
			want := r.LeidenModularity
			if r.Name == "planted-10000" {
				ties := plantedTies(r.People, 100, 5, 42)
				if len(ties) != r.Ties || tieChecksum(ties, r.People) != r.Checksum {
					t.Fatalf("planted network: %d ties, checksum %d; leiden.py made %d, %d",
						len(ties), tieChecksum(ties, r.People), r.Ties, r.Checksum)
				}
				g, ok, want = snapshotOfTies(r.People, ties), true, 0.995*r.LeidenModularity
			}
			if !ok {
				t.Fatalf("no network %q in reference.json", r.Name)
			}
			for seed := range uint64(3) {
				labels, err := Louvain(context.Background(), g, seed)
				if err != nil {
					t.Fatal(err)
				}
				q := Modularity(g, labels)
				if q < want-1e-9 {
					t.Errorf("seed %d: modularity %.6f; want %.6f (igraph's Leiden: mean %.6f)", seed, q, want, r.LeidenModularity)
				}
				t.Logf("seed %d: modularity %.6f; igraph's Leiden mean %.6f, best until stable %.6f", seed, q, r.LeidenModularity, r.LeidenStableBest)
				if bad := disconnectedCommunities(g, labels); len(bad) > 0 {
					t.Errorf("seed %d: communities %v are not connected", seed, bad)
				}
			}
		})
	}
}

// plantedTies is the planted network of testdata/leiden.py: person v of n is
// in group v/group and makes ties ties, each (drawn from SplitMix64) to its
// own group 3 times in 5 and to anyone otherwise, without self or repeated
// ties.
func plantedTies(n, group, ties int, seed uint64) [][2]int {
	state := seed
	next := func() uint64 {
		state += 0x9E3779B97F4A7C15
		z := state
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		return z ^ z>>31
	}
	seen := map[[2]int]bool{}
	var out [][2]int
	for v := range n {
		for range ties {
			var u int
			if next()%5 < 3 {
				u = group*(v/group) + int(next()%uint64(group))
			} else {
				u = int(next() % uint64(n))
			}
			pair := [2]int{min(u, v), max(u, v)}
			if u == v || seen[pair] {
				continue
			}
			seen[pair] = true
			out = append(out, pair)
		}
	}
	return out
}

// tieChecksum is leiden.py's checksum: Σ (a·n + b) over ties a < b, modulo
// 2⁶¹ − 1.
func tieChecksum(ties [][2]int, n int) uint64 {
	const mod = 1<<61 - 1
	sum := uint64(0)
	for _, t := range ties {
		sum = (sum + uint64(t[0]*n+t[1])) % mod
	}
	return sum
}

// snapshotOfTies builds an unweighted snapshot of people 0..n−1.
func snapshotOfTies(n int, ties [][2]int) *Snapshot {
	b := NewBuilder(false)
	for v := range n {
		b.AddPerson(strconv.Itoa(v))
	}
	for _, t := range ties {
		if err := b.AddTie(strconv.Itoa(t[0]), strconv.Itoa(t[1]), 1); err != nil {
			panic(err)
		}
	}
	return b.Build()
}
