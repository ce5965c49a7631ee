package analysis

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testMember is a person of a test network and their profile.
type testMember struct {
	id        string
	orgs      []string // organisation names; the id is the name in lower case
	interests []string
	roles     []string
	declined  bool
	sectors   []string
	region    string
}

// buildNetwork builds a snapshot of members (in order, so member i is person i)
// and ties between member ids.
func buildNetwork(t testing.TB, members []testMember, ties [][2]string) *Snapshot {
	t.Helper()
	b := NewBuilder(false)
	for _, m := range members {
		p := Profile{Interests: m.interests, Roles: m.roles, Declined: m.declined, Sectors: m.sectors, Region: m.region}
		for _, o := range m.orgs {
			p.Organisations = append(p.Organisations, Group{ID: "org:" + o, Name: o})
		}
		b.SetProfile(m.id, p)
	}
	for _, tie := range ties {
		if err := b.AddTie(tie[0], tie[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	g := b.Build()
	for i, m := range members {
		if g.ID(i) != m.id {
			t.Fatalf("person %d is %q; want %q", i, g.ID(i), m.id)
		}
	}
	return g
}

// personIndex returns the index of person id in g.
func personIndex(t testing.TB, g *Snapshot, id string) int {
	t.Helper()
	v, ok := g.Index(id)
	if !ok {
		t.Fatalf("no person %q", id)
	}
	return v
}

// randomTestNetwork builds a connected-ish random network of n people with about
// n·perPerson ties: each person ties to perPerson earlier people at random.
func randomTestNetwork(n, perPerson int, seed uint64) *Snapshot {
	r := rand.New(rand.NewPCG(seed, 1))
	b := NewBuilder(false)
	for v := range n {
		b.AddPerson(strconv.Itoa(v))
		for range min(v, perPerson) {
			if err := b.AddTie(strconv.Itoa(v), strconv.Itoa(r.IntN(v)), 1); err != nil {
				panic(err)
			}
		}
	}
	return b.Build()
}

func TestParseMetrics(t *testing.T) {
	tests := []struct {
		in      string
		want    MetricSet
		wantErr string
	}{
		{"", 0, ""},
		{"degree", MetricDegree, ""},
		{" Betweenness , pagerank,", MetricBetweenness | MetricPageRank, ""},
		{"degree,strength,betweenness,closeness,harmonic,eigenvector,pagerank,core,clustering,constraint,community,inDegree,outDegree", AllMetrics, ""},
		{"IN_DEGREE, effectiveSize", MetricInDegree | MetricConstraint, ""},
		{"degree,centrality", 0, `unknown metric "centrality"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseMetrics(tt.in)
			if tt.wantErr != "" {
				if !errors.Is(err, ErrUnknownMetric) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseMetrics(%q) error = %v; want one saying %s", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseMetrics(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if tt.want != 0 {
				if back, err := ParseMetrics(got.String()); err != nil || back != got {
					t.Errorf("ParseMetrics(%q.String() = %q) = %v, %v", tt.in, got.String(), back, err)
				}
			}
		})
	}
}

func TestAnalyseComputesOnlyTheSubsetAsked(t *testing.T) {
	g := loadReference(t)[0].snapshot() // karate
	tests := []struct {
		name string
		opts Options
		want MetricSet
	}{
		{"degree and pagerank", Options{Metrics: MetricDegree | MetricPageRank}, MetricDegree | MetricPageRank},
		{"closeness", Options{Metrics: MetricCloseness}, MetricCloseness},
		{"zero is all", Options{}, AllMetrics},
		{"roles add what they need", Options{Metrics: MetricDegree, Roles: true},
			MetricDegree | MetricBetweenness | MetricEigenvector | MetricPageRank | MetricCommunity},
		{"introductions add communities", Options{Metrics: MetricCore, Introductions: true}, MetricCore | MetricCommunity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Analyse(context.Background(), g, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if r.Metrics != tt.want {
				t.Fatalf("Metrics = %v; want %v", r.Metrics, tt.want)
			}
			hub := r.People[0] // person "0", a hub: every metric is positive
			got := map[MetricSet]bool{
				MetricDegree: hub.Degree != 0, MetricStrength: hub.Strength != 0,
				MetricBetweenness: hub.Betweenness != 0, MetricCloseness: hub.Closeness != 0,
				MetricHarmonic: hub.Harmonic != 0, MetricEigenvector: hub.Eigenvector != 0,
				MetricPageRank: hub.PageRank != 0, MetricCore: hub.Core != 0,
				MetricClustering: hub.Clustering != 0, MetricConstraint: hub.Constraint != 0,
			}
			for m, set := range got {
				if set != tt.want.Has(m) {
					t.Errorf("%v computed = %v; want %v", m, set, tt.want.Has(m))
				}
			}
			if (r.Communities != nil) != tt.want.Has(MetricCommunity) || (r.Graph.Modularity != nil) != tt.want.Has(MetricCommunity) {
				t.Errorf("communities %d, modularity %v; want them iff community was computed", len(r.Communities), r.Graph.Modularity)
			}
			if (r.Graph.BetweennessCentralization != nil) != tt.want.Has(MetricBetweenness) {
				t.Errorf("betweenness centralization %v; want it iff betweenness was computed", r.Graph.BetweennessCentralization)
			}
			if paths := tt.want&(MetricBetweenness|MetricCloseness|MetricHarmonic) != 0; (r.Graph.Diameter != nil) != paths {
				t.Errorf("diameter %v; want it iff a path-based metric was computed", r.Graph.Diameter)
			}
			if (r.Connectors != nil) != tt.opts.Roles || (r.Introductions != nil) != tt.opts.Introductions {
				t.Errorf("connectors %d, introductions %d; want them iff asked", len(r.Connectors), len(r.Introductions))
			}
			if !r.Provenance.Exact || r.Provenance.Sample != nil {
				t.Errorf("Provenance = %+v; want exact", r.Provenance)
			}
		})
	}
}

func TestAnalyseCommunities(t *testing.T) {
	g := brokerNetwork(t)
	r, err := Analyse(context.Background(), g, Options{Metrics: MetricCommunity, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for c, cm := range r.Communities {
		if cm.ID != c || cm.Size != len(cm.Members) {
			t.Errorf("community %d: %+v", c, cm)
		}
		for _, v := range cm.Members {
			if r.People[v].Community != c {
				t.Errorf("person %d in community %d's members but labelled %d", v, c, r.People[v].Community)
			}
		}
		total += cm.Size
	}
	if total != g.N() {
		t.Errorf("communities hold %d people; want %d", total, g.N())
	}
	// The larger clique is at the University and likes genomics.
	uni := r.People[personIndex(t, g, "b1")].Community
	cm := r.Communities[uni]
	if len(cm.Organisations) == 0 || cm.Organisations[0].Organisation.Name != "University of Leeds" || cm.Organisations[0].Members != 5 {
		t.Errorf("community %d organisations = %+v; want University of Leeds (5) first", uni, cm.Organisations)
	}
	if len(cm.Interests) == 0 || cm.Interests[0].Interest != "genomics" {
		t.Errorf("community %d interests = %+v; want genomics first", uni, cm.Interests)
	}
}

func TestAnalyseSamplesBetweennessAboveThreshold(t *testing.T) {
	// A 15×15 grid: long shortest paths, so that a loose sample is smaller than n.
	b := NewBuilder(false)
	id := func(i, j int) string { return strconv.Itoa(i) + "," + strconv.Itoa(j) }
	for i := range 15 {
		for j := range 15 {
			if i > 0 {
				_ = b.AddTie(id(i, j), id(i-1, j), 1)
			}
			if j > 0 {
				_ = b.AddTie(id(i, j), id(i, j-1), 1)
			}
		}
	}
	g := b.Build()
	opts := Options{Metrics: MetricBetweenness, SampleAbove: 100, Epsilon: 0.3, Delta: 0.1, Seed: 7}
	r, err := Analyse(context.Background(), g, opts)
	if err != nil {
		t.Fatal(err)
	}
	if r.Provenance.Exact || r.Provenance.Sample == nil || r.Provenance.Sample.Samples == 0 {
		t.Fatalf("Provenance = %+v; want sampled", r.Provenance)
	}
	opts.SampleAbove = 0
	if r, err = Analyse(context.Background(), g, opts); err != nil || !r.Provenance.Exact {
		t.Fatalf("without SampleAbove: Provenance %+v, %v; want exact", r.Provenance, err)
	}
}

func TestAnalyseCancelled(t *testing.T) {
	t.Run("before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Analyse(ctx, loadReference(t)[0].snapshot(), Options{Roles: true, Introductions: true})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v; want context.Canceled", err)
		}
	})
	t.Run("during", func(t *testing.T) {
		g := randomTestNetwork(30000, 3, 1) // exact betweenness takes seconds
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := Analyse(ctx, g, Options{Roles: true, Introductions: true})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v; want context.Canceled", err)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("returned %v after the start; want promptly after cancellation at 50ms", took)
		}
	})
}

func BenchmarkAnalyse(b *testing.B) {
	g := randomTestNetwork(2000, 3, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Analyse(context.Background(), g, Options{Roles: true, Introductions: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWorkerPanicsReachTheCaller checks that a panic on one of the goroutines
// a kernel starts is raised again on the calling goroutine, where a recover
// (the engine's, which turns it into an error) can catch it; on the worker it
// would end the process.
func TestWorkerPanicsReachTheCaller(t *testing.T) {
	panics := func(t *testing.T, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Error("no panic reached the caller")
			}
		}()
		f()
	}
	withProcs(4, func() {
		t.Run("forEachBlock", func(t *testing.T) {
			panics(t, func() {
				forEachBlock(4, 64, func(_, b int) {
					if b == 63 {
						panic("block 63")
					}
				})
			})
		})
		t.Run("parallel", func(t *testing.T) {
			panics(t, func() {
				_, _ = parallel(context.Background(), 1000, func() int { return 0 }, func(_, i int) {
					if i == 999 {
						panic("item 999")
					}
				})
			})
		})
		t.Run("Analyse", func(t *testing.T) {
			g := snapshotOf(50, [2]int{0, 1}, [2]int{1, 2}, [2]int{2, 3})
			g.targets[0] = int32(g.N()) // a corrupt snapshot: a tie to nobody
			panics(t, func() { _, _ = Analyse(context.Background(), g, Options{Roles: true, Introductions: true}) })
		})
	})
}
