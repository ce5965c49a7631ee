package graph_test

import (
	"context"
	"encoding/base64"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/demo"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// graphReadCounter counts the store's whole-graph reads (the engine's one
// expensive read) and the data-version checks and batched person reads, and
// can hold the data version still, so that a test can tell a purged cache
// from one dropped because the data changed.
type graphReadCounter struct {
	netgraph.Store
	graphReads  atomic.Int32
	versions    atomic.Int32
	peopleReads atomic.Int32
	frozen      atomic.Uint64 // 0: report the real data version
}

func (s *graphReadCounter) ReadGraph(ctx context.Context, fn func(netgraph.Record) error) (uint64, error) {
	s.graphReads.Add(1)
	return s.Store.ReadGraph(ctx, fn)
}

func (s *graphReadCounter) DataVersion(ctx context.Context) (uint64, error) {
	s.versions.Add(1)
	if v := s.frozen.Load(); v != 0 {
		return v, nil
	}
	return s.Store.DataVersion(ctx)
}

func (s *graphReadCounter) PeopleByID(ctx context.Context, ids []string) ([]*netgraph.Person, error) {
	s.peopleReads.Add(1)
	return s.Store.PeopleByID(ctx, ids)
}

// newAnalysisClient serves the GraphQL API over s with an engine of its own
// over s, which it returns too. Its tests ask for long lists of everything,
// so it allows far costlier queries than the default.
func newAnalysisClient(tb testing.TB, s netgraph.Store) (*client, *engine.Engine) {
	tb.Helper()
	logs := &syncBuffer{}
	eng := engine.New(s, engine.Options{Logger: zerolog.New(logs), Seed: 1})
	return newClientConfig(tb, graph.Config{Store: s, Engine: eng, MaxComplexity: 1 << 30}, logs), eng
}

// seedDemo fills s with the demo network.
func seedDemo(tb testing.TB, s netgraph.Store) demo.Summary {
	tb.Helper()
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "test", Role: netgraph.RoleAdmin})
	sum, err := demo.Seed(ctx, s)
	if err != nil {
		tb.Fatalf("seed demo: %v", err)
	}
	return sum
}

// smallWorld is a hand-built network whose figures are worked out by hand:
//
//	ann ─ hub ─ cat ─ dan      eve (no ties)
//	       │
//	      bob
//
// trust: hub, ann, bob; library: cat, dan. learning network: hub, ann, cat,
// dan, eve. Every tie is KNOWS with strength 1. fay has no ties and has not
// consented to introductions.
type smallWorld struct {
	hub, ann, bob, cat, dan, eve, fay string
	trust, library, learning          string
}

func newSmallWorld(c *client) smallWorld {
	c.tb.Helper()
	var w smallWorld
	w.hub, w.ann, w.bob = c.createPerson("Hub"), c.createPerson("Ann"), c.createPerson("Bob")
	w.cat, w.dan, w.eve = c.createPerson("Cat"), c.createPerson("Dan"), c.createPerson("Eve")
	var fay struct{ CreatePerson struct{ ID string } }
	c.do(`mutation { createPerson(input: {name: "Fay", consent: false}) { id } }`, nil, &fay)
	w.fay = fay.CreatePerson.ID
	w.trust, w.library = c.createOrganisation("North Trust"), c.createOrganisation("City Library")
	w.learning = c.createNetwork("Learning Network")
	for _, p := range []string{w.hub, w.ann, w.bob} {
		c.affiliate(p, w.trust, "")
	}
	for _, p := range []string{w.cat, w.dan} {
		c.affiliate(p, w.library, "")
	}
	for _, p := range []string{w.hub, w.ann, w.cat, w.dan, w.eve} {
		c.do(`mutation($p: ID!, $n: ID!) { addMembership(personId: $p, networkId: $n) { role } }`,
			map[string]any{"p": p, "n": w.learning}, nil)
	}
	c.connect(w.hub, w.ann, netgraph.TieKnows)
	c.connect(w.hub, w.bob, netgraph.TieKnows)
	c.connect(w.hub, w.cat, netgraph.TieKnows)
	c.connect(w.cat, w.dan, netgraph.TieKnows)
	return w
}

// provenance is Provenance as the tests read it.
type provenance struct {
	ComputedAt       string
	DataVersion      string
	Exact            bool
	SampleSize       *int
	ErrorBound       *float64
	ErrorProbability *float64
	Scope            string
	NetworkID        *string
	OrganisationID   *string
	People, Ties     int
}

const provenanceFields = `provenance { computedAt dataVersion exact sampleSize errorBound errorProbability scope networkId organisationId people ties }`

type centralityScore struct {
	Person     struct{ ID, Name string }
	Score      float64
	Rank       int
	Provenance provenance
}

func (c *client) centrality(metric string, scope map[string]any, top int) []centralityScore {
	c.tb.Helper()
	var out struct{ Centrality []centralityScore }
	c.do(`query($metric: CentralityMetric!, $scope: ScopeInput, $top: Int) {
	  centrality(metric: $metric, scope: $scope, top: $top) { person { id name } score rank `+provenanceFields+` }
	}`, map[string]any{"metric": metric, "scope": scope, "top": top}, &out)
	return out.Centrality
}

func TestCentrality(t *testing.T) {
	c := mustOpenClient(t)
	w := newSmallWorld(c)
	version := c.dataVersion()

	type want struct {
		name  string
		score float64
		rank  int
	}
	tests := []struct {
		name   string
		metric string
		scope  map[string]any
		top    int
		want   []want
		people int
	}{
		{"DegreeWholeGraph", "DEGREE", nil, 5, []want{{"Hub", 3, 1}, {"Cat", 2, 2}, {"Ann", 1, 3}, {"Bob", 1, 3}, {"Dan", 1, 3}}, 7},
		{"DegreeTop2", "DEGREE", nil, 2, []want{{"Hub", 3, 1}, {"Cat", 2, 2}}, 7},
		// Hub lies on the paths ann–bob, ann–cat, ann–dan, bob–cat and bob–dan:
		// 5 of the (n−1)(n−2)/2 = 15 pairs for n = 7; Cat on ann–dan, bob–dan
		// and hub–dan: 3.
		{"Betweenness", "BETWEENNESS", nil, 3, []want{{"Hub", 5.0 / 15, 1}, {"Cat", 3.0 / 15, 2}, {"Ann", 0, 3}}, 7},
		// The learning network leaves out Bob (and Fay): hub–ann, hub–cat, cat–dan.
		{"DegreeInNetwork", "DEGREE", map[string]any{"networkId": w.learning}, 4, []want{{"Hub", 2, 1}, {"Cat", 2, 1}, {"Ann", 1, 3}, {"Dan", 1, 3}}, 5},
		{"DegreeInOrganisation", "DEGREE", map[string]any{"organisationId": w.trust}, 10, []want{{"Hub", 2, 1}, {"Ann", 1, 2}, {"Bob", 1, 2}}, 3},
		{"StrengthDefault10", "STRENGTH", nil, 0, []want{{"Hub", 3, 1}, {"Cat", 2, 2}, {"Ann", 1, 3}, {"Bob", 1, 3}, {"Dan", 1, 3}, {"Eve", 0, 6}, {"Fay", 0, 6}}, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := c.with(t)
			var got []centralityScore
			if tc.top == 0 {
				var out struct{ Centrality []centralityScore }
				c.do(`query($metric: CentralityMetric!) { centrality(metric: $metric) { person { id name } score rank `+provenanceFields+` } }`,
					map[string]any{"metric": tc.metric}, &out)
				got = out.Centrality
			} else {
				got = c.centrality(tc.metric, tc.scope, tc.top)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d scores, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, g := range got {
				wt := tc.want[i]
				// Among equal scores the order is fixed but not part of the
				// contract: compare names only where the score is unique.
				unique := !slices.ContainsFunc(tc.want, func(o want) bool { return o.name != wt.name && o.score == wt.score })
				if unique && g.Person.Name != wt.name {
					t.Errorf("#%d is %s, want %s", i+1, g.Person.Name, wt.name)
				}
				if diff := g.Score - wt.score; diff > 1e-12 || diff < -1e-12 || g.Rank != wt.rank {
					t.Errorf("#%d %s: score %v rank %d, want %v rank %d", i+1, g.Person.Name, g.Score, g.Rank, wt.score, wt.rank)
				}
				if i > 0 && g.Score > got[i-1].Score {
					t.Errorf("#%d scores %v above #%d (%v)", i+1, g.Score, i, got[i-1].Score)
				}
				p := g.Provenance
				if p.DataVersion != version || !p.Exact || p.SampleSize != nil || p.ErrorBound != nil ||
					p.ComputedAt == "" || p.People != tc.people {
					t.Errorf("#%d provenance %+v, want data version %s, exact, %d people", i+1, p, version, tc.people)
				}
			}
		})
	}

	t.Run("ProvenanceScope", func(t *testing.T) {
		c := c.with(t)
		whole := c.centrality("DEGREE", nil, 1)[0].Provenance
		if whole.Scope != "the whole graph" || whole.NetworkID != nil || whole.OrganisationID != nil || whole.Ties != 4 {
			t.Errorf("whole graph: %+v", whole)
		}
		net := c.centrality("DEGREE", map[string]any{"networkId": w.learning}, 1)[0].Provenance
		if net.NetworkID == nil || *net.NetworkID != w.learning || net.Scope != "network "+w.learning || net.Ties != 3 {
			t.Errorf("network: %+v", net)
		}
		org := c.centrality("DEGREE", map[string]any{"organisationId": w.library}, 1)[0].Provenance
		if org.OrganisationID == nil || *org.OrganisationID != w.library || org.People != 2 || org.Ties != 1 {
			t.Errorf("organisation: %+v", org)
		}
	})

	t.Run("NewDataNewVersion", func(t *testing.T) {
		c := c.with(t)
		c.connect(w.eve, w.dan, netgraph.TieKnows)
		got := c.centrality("DEGREE", nil, 2)
		if v := c.dataVersion(); got[0].Provenance.DataVersion != v || v == version {
			t.Errorf("after a change: provenance version %s, data version %s (was %s)", got[0].Provenance.DataVersion, v, version)
		}
		if got[1].Person.Name != "Cat" && got[1].Person.Name != "Dan" || got[1].Score != 2 {
			t.Errorf("after dan–eve: second is %+v, want Cat or Dan with 2 ties", got[1])
		}
	})
}

// analysisFieldQueries are one query per analysis field, with the scope
// and, where it has one, top as variables.
var analysisFieldQueries = map[string]string{
	"centrality":             `query($scope: ScopeInput, $top: Int) { centrality(metric: PAGERANK, scope: $scope, top: $top) { score } }`,
	"connectors":             `query($scope: ScopeInput, $top: Int) { connectors(scope: $scope, top: $top) { score } }`,
	"sponsors":               `query($scope: ScopeInput, $top: Int) { sponsors(scope: $scope, top: $top) { score } }`,
	"suggestedIntroductions": `query($scope: ScopeInput, $top: Int) { suggestedIntroductions(scope: $scope, top: $top) { score } }`,
	"isolatedMembers":        `query($scope: ScopeInput) { isolatedMembers(scope: $scope) { id } }`,
	"peripheralMembers":      `query($scope: ScopeInput) { peripheralMembers(scope: $scope) { id } }`,
	"communities":            `query($scope: ScopeInput) { communities(scope: $scope) { id } }`,
	"networkHealth":          `query($scope: ScopeInput) { networkHealth(scope: $scope) { people } }`,
}

func TestAnalysisBadInput(t *testing.T) {
	c := mustOpenClient(t)
	w := newSmallWorld(c)
	missing := netgraph.NewID("net_")

	tests := []struct {
		name      string
		scope     map[string]any
		top       any
		code      string
		field     string
		topFields bool // only the fields with a top argument
	}{
		{"UnknownNetwork", map[string]any{"networkId": missing}, nil, graph.CodeNotFound, "scope.networkId", false},
		{"UnknownOrganisation", map[string]any{"organisationId": "org_nope"}, nil, graph.CodeNotFound, "scope.organisationId", false},
		{"BothIDs", map[string]any{"networkId": w.learning, "organisationId": w.trust}, nil, graph.CodeBadUserInput, "scope", false},
		{"EmptyID", map[string]any{"networkId": ""}, nil, graph.CodeBadUserInput, "scope.networkId", false},
		{"TopZero", nil, 0, graph.CodeBadUserInput, "top", true},
		{"TopTooLarge", nil, 1001, graph.CodeBadUserInput, "top", true},
		{"TopNegative", nil, -3, graph.CodeBadUserInput, "top", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := c.with(t)
			for field, query := range analysisFieldQueries {
				if tc.topFields && !strings.Contains(query, "$top") {
					continue
				}
				e := c.fail(query, map[string]any{"scope": tc.scope, "top": tc.top})
				if e.code() != tc.code || e.field() != tc.field {
					t.Errorf("%s: %s (code %s, field %q), want %s on %q", field, e.Message, e.code(), e.field(), tc.code, tc.field)
				}
			}
		})
	}

	t.Run("Introductions", func(t *testing.T) {
		c := c.with(t)
		const q = `query($p: ID!, $scope: ScopeInput, $top: Int) { introductions(personId: $p, scope: $scope, top: $top) { score } }`
		for _, tc := range []struct {
			name        string
			vars        map[string]any
			code, field string
		}{
			{"UnknownPerson", map[string]any{"p": "per_nope"}, graph.CodeNotFound, "personId"},
			{"NotInScope", map[string]any{"p": w.bob, "scope": map[string]any{"networkId": w.learning}}, graph.CodeNotFound, "personId"},
			{"UnknownScope", map[string]any{"p": w.ann, "scope": map[string]any{"networkId": missing}}, graph.CodeNotFound, "scope.networkId"},
			{"TopTooLarge", map[string]any{"p": w.ann, "top": 5000}, graph.CodeBadUserInput, "top"},
		} {
			e := c.fail(q, tc.vars)
			if e.code() != tc.code || e.field() != tc.field {
				t.Errorf("%s: %s (code %s, field %q), want %s on %q", tc.name, e.Message, e.code(), e.field(), tc.code, tc.field)
			}
		}
	})

	t.Run("PersonMetrics", func(t *testing.T) {
		c := c.with(t)
		e := c.fail(`query($p: ID!, $n: ID!) { person(id: $p) { metrics(scope: {networkId: $n}) { degree } } }`,
			map[string]any{"p": w.ann, "n": missing})
		if e.code() != graph.CodeNotFound || e.field() != "scope.networkId" {
			t.Errorf("%s (code %s, field %q), want NOT_FOUND on scope.networkId", e.Message, e.code(), e.field())
		}
	})
}

// personMetrics is PersonMetrics as the tests read it.
type personMetrics struct {
	Degree        int
	Strength      float64
	Betweenness   float64
	Closeness     float64
	Harmonic      float64
	Eigenvector   float64
	Pagerank      float64
	Core          int
	Clustering    float64
	Constraint    *float64
	EffectiveSize *float64
	Community     int
	Roles         []string
	Provenance    provenance
}

const personMetricsFields = `degree strength betweenness closeness harmonic eigenvector pagerank core clustering constraint effectiveSize community roles ` + provenanceFields

func TestPersonMetrics(t *testing.T) {
	c := mustOpenClient(t)
	w := newSmallWorld(c)

	var out struct {
		Hub, Eve, Dan struct{ Metrics *personMetrics }
		DanInTrust    struct{ Metrics *personMetrics }
	}
	c.do(`query($hub: ID!, $eve: ID!, $dan: ID!, $trust: ID!) {
	  hub: person(id: $hub) { metrics { `+personMetricsFields+` } }
	  eve: person(id: $eve) { metrics { `+personMetricsFields+` } }
	  dan: person(id: $dan) { metrics { `+personMetricsFields+` } }
	  danInTrust: person(id: $dan) { metrics(scope: {organisationId: $trust}) { degree } }
	}`, map[string]any{"hub": w.hub, "eve": w.eve, "dan": w.dan, "trust": w.trust}, &out)

	hub := out.Hub.Metrics
	if hub == nil {
		t.Fatal("hub has no metrics")
	}
	// Hub's contacts ann, bob and cat are not tied to each other: clustering
	// 0, effective size 3, constraint 3 × (1/3)² = 1/3.
	if hub.Degree != 3 || hub.Strength != 3 || hub.Core != 1 || hub.Clustering != 0 ||
		hub.EffectiveSize == nil || *hub.EffectiveSize != 3 ||
		hub.Constraint == nil || *hub.Constraint < 1.0/3-1e-12 || *hub.Constraint > 1.0/3+1e-12 {
		t.Errorf("hub: %+v", *hub)
	}
	if b := hub.Betweenness; b < 5.0/15-1e-12 || b > 5.0/15+1e-12 {
		t.Errorf("hub betweenness %v, want 1/3", b)
	}
	if hub.Closeness <= 0 || hub.Harmonic <= 0 || hub.Eigenvector <= 0 || hub.Pagerank <= 0 {
		t.Errorf("hub centralities not positive: %+v", *hub)
	}
	// Seven people are too few for anyone to stand out as a sponsor or
	// connector (the top 10% of 7 is nobody).
	if len(hub.Roles) != 0 {
		t.Errorf("hub roles %v, want none", hub.Roles)
	}

	// Eve has no ties: constraint and effective size are NaN in the analysis
	// and must come out as null, the other figures as 0.
	eve := out.Eve.Metrics
	if eve == nil {
		t.Fatal("eve has no metrics")
	}
	if eve.Constraint != nil || eve.EffectiveSize != nil || eve.Degree != 0 || eve.Closeness != 0 ||
		!slices.Equal(eve.Roles, []string{"ISOLATED"}) {
		t.Errorf("eve: %+v, want null constraint and effective size, roles [ISOLATED]", *eve)
	}
	if dan := out.Dan.Metrics; dan == nil || !slices.Contains(dan.Roles, "PERIPHERAL") || dan.Degree != 1 {
		t.Errorf("dan: %+v, want one tie and PERIPHERAL", dan)
	}
	if out.DanInTrust.Metrics != nil {
		t.Errorf("dan in the trust: %+v, want null (not in scope)", out.DanInTrust.Metrics)
	}
	if p := hub.Provenance; p.DataVersion != c.dataVersion() || p.Scope != "the whole graph" {
		t.Errorf("provenance %+v", p)
	}
}

func TestNetworkHealthAndCommunities(t *testing.T) {
	// Every community with up to 500 members is priced beyond the default
	// limit.
	c := newClientConfig(t, graph.Config{Store: embeddedtest.MustOpenTemp(t), MaxComplexity: 1 << 30}, &syncBuffer{})
	w := newSmallWorld(c)

	var out struct {
		NetworkHealth struct {
			People, Ties, Components, Isolated, Peripheral, Communities int
			Density, LargestComponentShare, DegreeCentralization        float64
			Modularity, AveragePathLength, Diameter                     *float64
			ArticulationPoints                                          []struct{ ID string }
			Bridges                                                     []struct{ A, B struct{ ID string } }
			Provenance                                                  provenance
		}
		Communities []struct {
			ID, Size int
			Members  struct {
				Edges      []struct{ Node struct{ ID string } }
				PageInfo   struct{ HasNextPage bool }
				TotalCount int
			}
			Organisations []string
		}
	}
	c.do(`{
	  networkHealth { people ties components isolated peripheral communities density largestComponentShare
	    degreeCentralization modularity averagePathLength diameter
	    articulationPoints { id } bridges { a { id } b { id } } `+provenanceFields+` }
	  communities { id size members(first: 500) { edges { node { id } } pageInfo { hasNextPage } totalCount } organisations }
	}`, nil, &out)

	h := out.NetworkHealth
	// Components: {hub, ann, bob, cat, dan}, {eve}, {fay}.
	if h.People != 7 || h.Ties != 4 || h.Components != 3 || h.Isolated != 2 || h.Peripheral != 3 {
		t.Errorf("health: %+v", h)
	}
	if d := h.Density; d < 4.0/21-1e-12 || d > 4.0/21+1e-12 {
		t.Errorf("density %v, want 4/21", d)
	}
	if h.Modularity == nil || h.AveragePathLength == nil || h.Diameter == nil || *h.Diameter != 3 {
		t.Errorf("modularity %v, average path %v, diameter %v", h.Modularity, h.AveragePathLength, h.Diameter)
	}
	var points []string
	for _, p := range h.ArticulationPoints {
		points = append(points, p.ID)
	}
	slices.Sort(points)
	want := []string{w.hub, w.cat}
	slices.Sort(want)
	if !slices.Equal(points, want) {
		t.Errorf("articulation points %v, want hub and cat %v", points, want)
	}
	if len(h.Bridges) != 4 { // in a tree every tie is a bridge
		t.Errorf("%d bridges, want 4", len(h.Bridges))
	}

	if len(out.Communities) != h.Communities {
		t.Fatalf("%d communities, health says %d", len(out.Communities), h.Communities)
	}
	seen := map[string]bool{}
	for i, cm := range out.Communities {
		if cm.ID != i || cm.Size != cm.Members.TotalCount || len(cm.Members.Edges) != cm.Size || cm.Members.PageInfo.HasNextPage {
			t.Errorf("community %d: %+v", i, cm)
		}
		if i > 0 && cm.Size > out.Communities[i-1].Size {
			t.Errorf("community %d larger than the one before", i)
		}
		for _, e := range cm.Members.Edges {
			if seen[e.Node.ID] {
				t.Errorf("%s in two communities", e.Node.ID)
			}
			seen[e.Node.ID] = true
		}
	}
	if len(seen) != 7 {
		t.Errorf("communities hold %d people, want 7", len(seen))
	}

	t.Run("MembersPaged", func(t *testing.T) {
		c := c.with(t)
		const q = `query($after: String) { communities { size members(first: 1, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`
		var all []string
		var after any
		for range 10 {
			var page struct {
				Communities []struct {
					Members struct {
						Edges    []struct{ Node struct{ ID string } }
						PageInfo struct {
							HasNextPage bool
							EndCursor   *string
						}
					}
				}
			}
			c.do(q, map[string]any{"after": after}, &page)
			m := page.Communities[0].Members
			for _, e := range m.Edges {
				all = append(all, e.Node.ID)
			}
			if !m.PageInfo.HasNextPage {
				break
			}
			after = *m.PageInfo.EndCursor
		}
		if len(all) != out.Communities[0].Size {
			t.Errorf("paged through %d members of community 0, want %d", len(all), out.Communities[0].Size)
		}
		// One error per community, for a cursor of another list and for
		// positions that cannot be.
		member := func(pos string) string { return base64.RawURLEncoding.EncodeToString([]byte("member:" + pos)) }
		for _, after := range []string{"bm9wZQ", member("-1"), member("99999999999999999999")} {
			_, resp := c.post(context.Background(), q, map[string]any{"after": after})
			if len(resp.Errors) != len(out.Communities) {
				t.Errorf("bad cursor %s: %d errors, want one per community: %+v", after, len(resp.Errors), resp.Errors)
			}
			for _, e := range resp.Errors {
				if e.code() != graph.CodeBadUserInput || e.field() != "after" {
					t.Errorf("bad cursor %s: %+v", after, e)
				}
			}
		}
		// A position past the end (the community shrank since), up to the
		// largest int, is an empty last page.
		for _, pos := range []string{"1000000", "9223372036854775807"} {
			var page struct {
				Communities []struct {
					Members struct {
						Edges    []struct{ Node struct{ ID string } }
						PageInfo struct{ HasNextPage bool }
					}
				}
			}
			c.do(q, map[string]any{"after": member(pos)}, &page)
			if m := page.Communities[0].Members; len(m.Edges) != 0 || m.PageInfo.HasNextPage {
				t.Errorf("after position %s: %+v, want an empty last page", pos, m)
			}
		}
	})
}

// roleCandidate is RoleCandidate as the tests read it.
type roleCandidate struct {
	Person   struct{ ID, Name string }
	Score    float64
	Rank     int
	Reasons  []string
	Evidence struct {
		Betweenness, Eigenvector, Pagerank float64
		Communities                        []int
		CommunityNames                     []string
		Organisations                      []string
		BridgesCut, CutOff                 int
		Articulation, HasSponsorRole       bool
	}
	Provenance provenance
}

const roleCandidateFields = `person { id name } score rank reasons evidence { betweenness eigenvector pagerank communities communityNames organisations bridgesCut cutOff articulation hasSponsorRole } ` + provenanceFields

// demoClient serves the GraphQL API over a fresh store holding the demo,
// with a store that counts graph reads.
func demoClient(tb testing.TB) (*client, *graphReadCounter, *engine.Engine, demo.Summary) {
	tb.Helper()
	store := &graphReadCounter{Store: embeddedtest.MustOpenTemp(tb)}
	sum := seedDemo(tb, store)
	c, eng := newAnalysisClient(tb, store)
	return c, store, eng, sum
}

func TestDemoRoles(t *testing.T) {
	c, _, _, sum := demoClient(t)
	version := c.dataVersion()

	var out struct {
		Connectors, Sponsors, SponsorRoleHolders []roleCandidate
		IsolatedMembers                          []struct {
			ID   string
			Ties struct{ TotalCount int }
		}
		PeripheralMembers []struct {
			ID   string
			Ties struct{ TotalCount int }
		}
	}
	c.do(`{
	  connectors(top: 10) { `+roleCandidateFields+` }
	  sponsors(top: 5) { `+roleCandidateFields+` }
	  sponsorRoleHolders { `+roleCandidateFields+` }
	  isolatedMembers { id ties { totalCount } }
	  peripheralMembers { id ties { totalCount } }
	}`, nil, &out)

	for role, cands := range map[string][]roleCandidate{"connectors": out.Connectors, "sponsors": out.Sponsors, "sponsorRoleHolders": out.SponsorRoleHolders} {
		if len(cands) == 0 {
			t.Errorf("no %s in the demo", role)
		}
		for i, cand := range cands {
			if len(cand.Reasons) == 0 || slices.Contains(cand.Reasons, "") {
				t.Errorf("%s #%d %s: reasons %q", role, i+1, cand.Person.Name, cand.Reasons)
			}
			if cand.Provenance.DataVersion != version {
				t.Errorf("%s #%d: data version %s, want %s", role, i+1, cand.Provenance.DataVersion, version)
			}
			if i > 0 && (cand.Score > cands[i-1].Score || cand.Rank < cands[i-1].Rank) {
				t.Errorf("%s #%d out of order: %v rank %d after %v rank %d", role, i+1, cand.Score, cand.Rank, cands[i-1].Score, cands[i-1].Rank)
			}
		}
	}
	if len(out.Connectors) != 10 {
		t.Errorf("%d connectors, want 10", len(out.Connectors))
	}
	for i, cand := range out.Connectors {
		if cand.Evidence.Betweenness <= 0 || len(cand.Evidence.Communities) < 2 && len(cand.Evidence.Organisations) < 2 {
			t.Errorf("connector #%d %s: evidence %+v", i+1, cand.Person.Name, cand.Evidence)
		}
		if ev := cand.Evidence; len(ev.CommunityNames) != len(ev.Communities) || len(ev.Communities) >= 2 &&
			!slices.ContainsFunc(cand.Reasons, func(r string) bool { return strings.Contains(r, "ties reach “"+ev.CommunityNames[0]+"”") }) {
			t.Errorf("connector #%d %s: communities %v named %q; reasons %q", i+1, cand.Person.Name, ev.Communities, ev.CommunityNames, cand.Reasons)
		}
	}
	if len(out.Sponsors) != 5 {
		t.Errorf("%d sponsors for top 5", len(out.Sponsors))
	}
	for i, cand := range out.SponsorRoleHolders {
		if !cand.Evidence.HasSponsorRole || !strings.HasPrefix(cand.Reasons[0], "holds the SPONSOR role") {
			t.Errorf("SPONSOR role holder #%d %s: hasSponsorRole %v, reasons %q", i+1, cand.Person.Name, cand.Evidence.HasSponsorRole, cand.Reasons)
		}
	}

	if len(out.IsolatedMembers) == 0 || len(out.IsolatedMembers) < sum.Isolates {
		t.Errorf("%d isolated members, the demo has at least %d", len(out.IsolatedMembers), sum.Isolates)
	}
	for _, p := range out.IsolatedMembers {
		if p.Ties.TotalCount != 0 {
			t.Errorf("isolated %s has %d ties", p.ID, p.Ties.TotalCount)
		}
	}
	if len(out.PeripheralMembers) == 0 {
		t.Error("no peripheral members in the demo")
	}
	for _, p := range out.PeripheralMembers {
		if p.Ties.TotalCount != 1 {
			t.Errorf("peripheral %s has %d ties", p.ID, p.Ties.TotalCount)
		}
	}
}

// introduction is Introduction and SuggestedIntroduction as the tests read
// them.
type introduction struct {
	Person, A, B struct {
		ID      string
		Consent bool
	}
	Score           float64
	MutualContacts  []struct{ ID string }
	SharedInterests []string
	Bridges         []string
	Reasons         []string
	Provenance      provenance
}

// contacts returns the ids of the people tied to person.
func (c *client) contacts(person string) map[string]bool {
	c.tb.Helper()
	var out struct {
		Person struct {
			Ties struct {
				Edges []struct {
					Node struct{ From, To struct{ ID string } }
				}
			}
		}
	}
	c.do(`query($id: ID!) { person(id: $id) { ties(first: 500) { edges { node { from { id } to { id } } } } } }`,
		map[string]any{"id": person}, &out)
	ids := map[string]bool{}
	for _, e := range out.Person.Ties.Edges {
		ids[e.Node.From.ID], ids[e.Node.To.ID] = true, true
	}
	delete(ids, person)
	return ids
}

// allPeople returns every person's id and consent.
func (c *client) allPeople() map[string]bool {
	c.tb.Helper()
	consent := map[string]bool{}
	var after any
	for {
		var out struct {
			People struct {
				Edges []struct {
					Node struct {
						ID      string
						Consent bool
					}
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		c.do(`query($after: String) { people(first: 500, after: $after) { edges { node { id consent } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"after": after}, &out)
		for _, e := range out.People.Edges {
			consent[e.Node.ID] = e.Node.Consent
		}
		if !out.People.PageInfo.HasNextPage {
			return consent
		}
		after = *out.People.PageInfo.EndCursor
	}
}

func TestDemoIntroductions(t *testing.T) {
	c, store, _, sum := demoClient(t)
	consent := c.allPeople()
	version := c.dataVersion()

	// The people to ask about: the connectors, the isolated and the
	// peripheral members, and some who have not consented.
	var subjects struct {
		Connectors        []struct{ Person struct{ ID string } }
		IsolatedMembers   []struct{ ID string }
		PeripheralMembers []struct{ ID string }
	}
	c.do(`{ connectors(top: 5) { person { id } } isolatedMembers { id } peripheralMembers { id } }`, nil, &subjects)
	var ids []string
	for _, s := range subjects.Connectors {
		ids = append(ids, s.Person.ID)
	}
	for _, s := range subjects.IsolatedMembers[:min(5, len(subjects.IsolatedMembers))] {
		ids = append(ids, s.ID)
	}
	for _, s := range subjects.PeripheralMembers[:min(5, len(subjects.PeripheralMembers))] {
		ids = append(ids, s.ID)
	}
	var declined []string
	for id, ok := range consent {
		if !ok {
			declined = append(declined, id)
		}
	}
	if len(declined) != sum.WithoutConsent || len(declined) == 0 {
		t.Fatalf("%d people without consent, the demo has %d", len(declined), sum.WithoutConsent)
	}

	const fields = `score mutualContacts { id } sharedInterests bridges reasons ` + provenanceFields
	suggested := 0
	for _, id := range ids {
		var out struct{ Introductions []introduction }
		c.do(`query($id: ID!) { introductions(personId: $id, top: 20) { person { id consent } `+fields+` } }`,
			map[string]any{"id": id}, &out)
		tied := c.contacts(id)
		for _, in := range out.Introductions {
			suggested++
			switch {
			case !in.Person.Consent || !consent[in.Person.ID]:
				t.Errorf("%s: suggested %s, who has not consented", id, in.Person.ID)
			case tied[in.Person.ID]:
				t.Errorf("%s: suggested %s, an existing contact", id, in.Person.ID)
			case in.Person.ID == id:
				t.Errorf("%s: suggested to themselves", id)
			case len(in.Reasons) == 0 || in.Provenance.DataVersion != version:
				t.Errorf("%s → %s: reasons %q, provenance %+v", id, in.Person.ID, in.Reasons, in.Provenance)
			}
			for _, m := range in.MutualContacts {
				if !tied[m.ID] {
					t.Errorf("%s → %s: mutual contact %s is not a contact", id, in.Person.ID, m.ID)
				}
			}
		}
	}
	if suggested == 0 {
		t.Error("no introductions for any subject")
	}
	for _, id := range declined[:min(3, len(declined))] {
		var out struct{ Introductions []introduction }
		c.do(`query($id: ID!) { introductions(personId: $id) { score } }`, map[string]any{"id": id}, &out)
		if len(out.Introductions) != 0 {
			t.Errorf("%s has not consented but got %d introductions", id, len(out.Introductions))
		}
	}

	t.Run("SuggestedIntroductions", func(t *testing.T) {
		c := c.with(t)
		var out struct{ SuggestedIntroductions []introduction }
		c.do(`{ suggestedIntroductions(top: 30) { a { id consent } b { id consent } `+fields+` } }`, nil, &out)
		if len(out.SuggestedIntroductions) == 0 {
			t.Fatal("no suggested introductions in the demo")
		}
		for i, in := range out.SuggestedIntroductions {
			if !in.A.Consent || !in.B.Consent || in.A.ID == in.B.ID {
				t.Errorf("#%d: %s and %s (consent %v, %v)", i+1, in.A.ID, in.B.ID, in.A.Consent, in.B.Consent)
			}
			if c.contacts(in.A.ID)[in.B.ID] {
				t.Errorf("#%d: %s and %s are tied already", i+1, in.A.ID, in.B.ID)
			}
			if i > 0 && in.Score > out.SuggestedIntroductions[i-1].Score {
				t.Errorf("#%d scores above #%d", i+1, i)
			}
		}
	})

	// One order everywhere: top 10 is the first 10 of top 50, and the
	// report (`netgraph report`, the service's /report) lists the same
	// introductions as GraphQL, with the same parts.
	t.Run("OneOrder", func(t *testing.T) {
		c := c.with(t)
		type part struct {
			Name   string
			Points float64
			Why    string
		}
		type pair struct {
			A, B  struct{ ID string }
			Score float64
			Parts []part
		}
		list := func(top int) []pair {
			var out struct{ SuggestedIntroductions []pair }
			c.do(`query($top: Int) { suggestedIntroductions(top: $top) { a { id } b { id } score parts { name points why } } }`,
				map[string]any{"top": top}, &out)
			return out.SuggestedIntroductions
		}
		top10, top50 := list(10), list(50)
		if len(top10) != 10 || len(top50) != 50 {
			t.Fatalf("%d and %d introductions; want 10 and 50", len(top10), len(top50))
		}
		for i, in := range top10 {
			if in.A != top50[i].A || in.B != top50[i].B || in.Score != top50[i].Score {
				t.Errorf("top 10 #%d is %s–%s, top 50 #%d %s–%s", i+1, in.A.ID, in.B.ID, i+1, top50[i].A.ID, top50[i].B.ID)
			}
		}
		for i, in := range top50 {
			sum := 0.0
			for _, p := range in.Parts {
				sum += p.Points
			}
			if in.Score < 0 || in.Score > 100 || math.Abs(sum-in.Score) > 1e-9 || len(in.Parts) == 0 {
				t.Errorf("#%d %s–%s: score %v, parts %+v", i+1, in.A.ID, in.B.ID, in.Score, in.Parts)
			}
		}
		ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "test", Role: netgraph.RoleAdmin})
		for _, top := range []int{10, 50} {
			rep, err := app.Report(ctx, store, app.ReportOptions{Top: top, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			got := rep.Result.Introductions
			if len(got) != top {
				t.Fatalf("report --top %d has %d introductions", top, len(got))
			}
			for i, in := range got {
				g := rep.Snapshot
				if g.ID(in.A) != top50[i].A.ID || g.ID(in.B) != top50[i].B.ID || in.Score != top50[i].Score || len(in.Parts) != len(top50[i].Parts) {
					t.Errorf("report --top %d #%d is %s–%s (%v), GraphQL's %s–%s (%v)", top, i+1, g.ID(in.A), g.ID(in.B), in.Score, top50[i].A.ID, top50[i].B.ID, top50[i].Score)
				}
			}
		}
	})
}

// TestAnalysisCached checks that analyses are computed once per scope and
// data version, however many fields, people and requests ask: Person.metrics
// on a page of 50 people, then the other analysis fields, read the graph
// once; a change reads it once more.
func TestAnalysisCached(t *testing.T) {
	c, store, _, _ := demoClient(t)
	store.graphReads.Store(0)
	store.peopleReads.Store(0)

	var page struct {
		People struct {
			Edges []struct {
				Node struct {
					ID      string
					Metrics *personMetrics
				}
			}
		}
	}
	c.do(`{ people(first: 50) { edges { node { id metrics { `+personMetricsFields+` } } } } }`, nil, &page)
	if len(page.People.Edges) != 50 {
		t.Fatalf("%d people, want 50", len(page.People.Edges))
	}
	for _, e := range page.People.Edges {
		if e.Node.Metrics == nil {
			t.Fatalf("%s has no metrics in the whole graph", e.Node.ID)
		}
	}
	if n := store.graphReads.Load(); n != 1 {
		t.Errorf("metrics for 50 people read the graph %d times, want 1", n)
	}
	t.Logf("a page of 50 people with metrics: %d graph reads, %d data-version checks", store.graphReads.Load(), store.versions.Load())

	store.peopleReads.Store(0)
	c.do(`{
	  centrality(metric: BETWEENNESS, top: 50) { person { name } score }
	  pagerank: centrality(metric: PAGERANK, top: 50) { person { name } score }
	  connectors(top: 50) { person { name } reasons }
	  sponsors { person { name } }
	  isolatedMembers { name }
	  communities { size members(first: 50) { edges { node { name } } } }
	  networkHealth { people articulationPoints { name } bridges { a { name } b { name } } }
	  suggestedIntroductions(top: 50) { a { name } b { name } mutualContacts { name } }
	  people(first: 50) { edges { node { metrics { degree } } } }
	}`, nil, nil)
	if n := store.graphReads.Load(); n != 1 {
		t.Errorf("graph read %d times in all, want 1: a cached analysis was computed again", n)
	}
	// Batches go out 1ms after their first key, so a busy machine may split
	// one; loading per person would make hundreds.
	if n := store.peopleReads.Load(); n > 20 {
		t.Errorf("people read %d times for one request: not batched", n)
	}
	t.Logf("every analysis field, one request: %d batched people reads", store.peopleReads.Load())

	// A second request reads nothing more.
	c.do(`{ networkHealth { people } connectors { score } }`, nil, nil)
	if n := store.graphReads.Load(); n != 1 {
		t.Errorf("a second request read the graph again (%d reads)", n)
	}

	// A change makes a new analysis, read once.
	var ids struct {
		IsolatedMembers []struct{ ID string }
	}
	c.do(`{ isolatedMembers { id } }`, nil, &ids)
	c.connect(ids.IsolatedMembers[0].ID, ids.IsolatedMembers[1].ID, netgraph.TieKnows)
	version := c.dataVersion()
	var after struct {
		NetworkHealth struct{ Provenance provenance }
	}
	c.do(`{ networkHealth { provenance { dataVersion } } connectors { score } }`, nil, &after)
	if n := store.graphReads.Load(); n != 2 {
		t.Errorf("after a change the graph was read %d times in all, want 2", n)
	}
	if after.NetworkHealth.Provenance.DataVersion != version {
		t.Errorf("after a change the analysis is of version %s, want %s", after.NetworkHealth.Provenance.DataVersion, version)
	}
}

// TestAnalysisOncePerRequest checks the per-request memo: however many
// fields of a request read a scope's analysis (Person.metrics on a page of
// 50 people among them), the engine asks the store for the data version once
// per scope, cold or cached.
func TestAnalysisOncePerRequest(t *testing.T) {
	c, store, _, sum := demoClient(t)
	var nets struct {
		Networks struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	c.do(`{ networks(first: 1) { edges { node { id } } } }`, nil, &nets)
	net := nets.Networks.Edges[0].Node.ID
	person := firstPersonID(t, c)
	query := `query($net: ID!, $person: ID!) {
	  introductions(personId: $person) { score }
	  people(first: 50) { edges { node { id metrics { degree } inNetwork: metrics(scope: {networkId: $net}) { degree } } } }
	  centrality(metric: DEGREE) { score }
	  connectors { score }
	  networkHealth { people }
	  netHealth: networkHealth(scope: {networkId: $net}) { people }
	  communities(scope: {networkId: $net}) { size }
	}`
	for _, run := range []string{"Cold", "Cached"} {
		t.Run(run, func(t *testing.T) {
			store.versions.Store(0)
			var out struct {
				People struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
			c.with(t).do(query, map[string]any{"net": net, "person": person}, &out)
			if len(out.People.Edges) != min(50, sum.People) {
				t.Fatalf("%d people", len(out.People.Edges))
			}
			if n := store.versions.Load(); n != 2 {
				t.Errorf("%d data-version checks for two scopes, want 2", n)
			}
		})
	}
}

// TestMutationsSeeTheirAnalyses checks that the memo does not outlive a
// change: each mutation field of a request sees the analysis after its own
// write.
func TestMutationsSeeTheirAnalyses(t *testing.T) {
	c, _ := newAnalysisClient(t, embeddedtest.MustOpenTemp(t))
	w := newSmallWorld(c)
	var out struct {
		First, Second struct {
			To struct{ Metrics struct{ Degree int } }
		}
	}
	c.do(`mutation($eve: ID!, $ann: ID!, $bob: ID!) {
	  first: connect(input: {from: $ann, to: $eve}) { to { metrics { degree } } }
	  second: connect(input: {from: $bob, to: $eve}) { to { metrics { degree } } }
	}`, map[string]any{"eve": w.eve, "ann": w.ann, "bob": w.bob}, &out)
	if out.First.To.Metrics.Degree != 1 || out.Second.To.Metrics.Degree != 2 {
		t.Errorf("eve's degree after one tie %d, after two %d; want 1 and 2", out.First.To.Metrics.Degree, out.Second.To.Metrics.Degree)
	}
}

// TestDeletePersonPurgesAnalyses checks erasure: after deletePerson the
// person is in no analysis field, and the engine dropped its cached analyses
// at once rather than when it noticed the new data version (which the store
// here keeps still).
func TestDeletePersonPurgesAnalyses(t *testing.T) {
	store := &graphReadCounter{Store: embeddedtest.MustOpenTemp(t)}
	c, _ := newAnalysisClient(t, store)
	w := newSmallWorld(c)

	// Every analysis field, with every person they can name.
	query := `query($hub: ID!) {
	  ` + strings.Join([]string{
		`degree: centrality(metric: DEGREE, top: 1000) { person { id name } }`,
		`betweenness: centrality(metric: BETWEENNESS, top: 1000) { person { id name } }`,
		`connectors(top: 1000) { person { id name } reasons }`,
		`sponsors(top: 1000) { person { id name } reasons }`,
		`isolatedMembers { id name }`,
		`peripheralMembers { id name }`,
		`introductions(personId: $hub, top: 1000) { person { id name } mutualContacts { id name } reasons }`,
		`suggestedIntroductions(top: 1000) { a { id name } b { id name } mutualContacts { id name } reasons }`,
		`communities { members(first: 500) { edges { node { id name } } } }`,
		`networkHealth { articulationPoints { id name } bridges { a { id name } b { id name } } }`,
		`people(first: 500) { edges { node { id metrics { roles } } } }`,
	}, "\n  ") + `
	}`
	vars := map[string]any{"hub": w.hub}

	// Cat is an articulation point, a bridge's end, a connector and a mutual
	// contact of hub and dan.
	before := c.data(query, vars)
	if !strings.Contains(before, w.cat) || !strings.Contains(before, `"Cat"`) {
		t.Fatalf("cat is not in the analysis before erasure:\n%s", before)
	}
	version, err := strconv.ParseUint(c.dataVersion(), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	reads := store.graphReads.Load()

	// From now on the store claims the data has not changed, so only a purge
	// can make the engine read it again.
	store.frozen.Store(version)
	var del struct{ DeletePerson bool }
	c.do(`mutation($id: ID!) { deletePerson(id: $id) }`, map[string]any{"id": w.cat}, &del)
	if !del.DeletePerson {
		t.Fatal("deletePerson returned false")
	}

	after := c.data(query, vars)
	if strings.Contains(after, w.cat) || strings.Contains(after, `"Cat"`) {
		t.Errorf("cat survives in the analysis after erasure:\n%s", after)
	}
	if n := store.graphReads.Load(); n != reads+1 {
		t.Errorf("graph read %d times after the erasure, want once: the engine's cache was not purged", n-reads)
	}
	// Dan hung on by cat alone: now isolated.
	var iso struct{ IsolatedMembers []struct{ ID string } }
	c.do(`{ isolatedMembers { id } }`, nil, &iso)
	if !slices.ContainsFunc(iso.IsolatedMembers, func(p struct{ ID string }) bool { return p.ID == w.dan }) {
		t.Errorf("dan is not isolated after cat's erasure: %+v", iso.IsolatedMembers)
	}

	// A failed deletion purges nothing.
	reads = store.graphReads.Load()
	c.fail(`mutation($id: ID!) { deletePerson(id: $id) }`, map[string]any{"id": w.cat})
	c.data(query, vars)
	if n := store.graphReads.Load(); n != reads {
		t.Errorf("a failed deletion purged the cache (%d more graph reads)", n-reads)
	}
}

// BenchmarkAnalysisFieldsCached measures a dashboard's request for
// centrality, connectors and network health on the demo data once the
// analysis is cached: the cost of serving, not of computing.
func BenchmarkAnalysisFieldsCached(b *testing.B) {
	c, store, _, _ := demoClient(b)
	const query = `{
	  centrality(metric: BETWEENNESS, top: 10) { person { id name } score rank provenance { dataVersion exact } }
	  connectors(top: 10) { person { id name } score rank reasons evidence { betweenness organisations } }
	  networkHealth { people ties density components largestComponentShare averageClustering transitivity modularity
	    degreeCentralization betweennessCentralization averagePathLength diameter isolated peripheral
	    articulationPoints { id name } bridges { a { id } b { id } } provenance { computedAt dataVersion } }
	}`
	start := time.Now()
	c.do(query, nil, nil) // computes and caches the analysis
	cold := time.Since(start)
	reads := store.graphReads.Load()
	b.ReportAllocs()
	for b.Loop() {
		c.do(query, nil, nil)
	}
	// For comparison: the first request, which computed the analysis.
	b.ReportMetric(float64(cold.Milliseconds()), "cold-ms")
	if n := store.graphReads.Load(); n != reads {
		b.Fatalf("the analysis was computed again (%d more graph reads)", n-reads)
	}
}

// firstPersonID returns the id of the first person in the store.
func firstPersonID(t *testing.T, c *client) string {
	t.Helper()
	var out struct {
		People struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	c.do(`{ people(first: 1) { edges { node { id } } } }`, nil, &out)
	if len(out.People.Edges) == 0 {
		t.Fatal("no people")
	}
	return out.People.Edges[0].Node.ID
}
