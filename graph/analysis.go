package graph

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph/model"
)

// The analysis fields turn an engine analysis (computed once per scope and
// data version, and cached by the engine) into the schema's views. Nothing
// here computes more than a selection or a lookup over the analysis; every
// float leaves through finite or nullable, because gqlgen refuses to write
// NaN or infinity.

// Length limits of the analysis lists (the top argument).
const (
	defaultTop = 10
	maxTop     = 1000
)

// memberCursor is the cursor kind of Community.members; its key is the
// position in the community.
const memberCursor = "member"

// analyse returns the analysis of the scope given as an argument, the same
// for every field of the request (see analysisMemo).
func (r *Resolver) analyse(ctx context.Context, in *model.ScopeInput) (*engine.Analysis, error) {
	scope, err := scopeOf(in)
	if err != nil {
		return nil, err
	}
	return r.loaders(ctx).analyses.get(ctx, scope)
}

// scopeOf reads a ScopeInput argument: absent is the whole graph, an id given
// must not be empty. The engine checks the rest (one id at most, ids that
// exist).
func scopeOf(in *model.ScopeInput) (engine.Scope, error) {
	var s engine.Scope
	if in == nil {
		return s, nil
	}
	if in.NetworkID != nil {
		if *in.NetworkID == "" {
			return s, netgraph.Invalid("scope.networkId", "must not be empty; leave it out for the whole graph")
		}
		s.NetworkID = *in.NetworkID
	}
	if in.OrganisationID != nil {
		if *in.OrganisationID == "" {
			return s, netgraph.Invalid("scope.organisationId", "must not be empty; leave it out for the whole graph")
		}
		s.OrganisationID = *in.OrganisationID
	}
	return s, nil
}

// analyseTop is analyse for a field with a top argument, which it reads
// first: defaultTop if absent, else 1..maxTop.
func (r *Resolver) analyseTop(ctx context.Context, in *model.ScopeInput, top *int32) (*engine.Analysis, int, error) {
	n := defaultTop
	if top != nil {
		if *top < 1 || *top > maxTop {
			return nil, 0, netgraph.Invalid("top", "must be between 1 and %d (got %d)", maxTop, *top)
		}
		n = int(*top)
	}
	a, err := r.analyse(ctx, in)
	return a, n, err
}

// provenanceOf says what a.Result reflects.
func provenanceOf(a *engine.Analysis) *model.Provenance {
	p := a.Result.Provenance
	out := &model.Provenance{
		ComputedAt:  p.ComputedAt,
		DataVersion: strconv.FormatUint(a.Version(), 10),
		Exact:       p.Exact,
		Scope:       a.Scope.String(),
		People:      int32(a.Snapshot.N()),
		Ties:        int32(a.Snapshot.M()),
	}
	if s := p.Sample; s != nil && !p.Exact {
		n := int32(s.Samples)
		out.SampleSize = &n
		out.ErrorBound = nullable(s.Epsilon)
		out.ErrorProbability = nullable(s.Delta)
	}
	if id := a.Scope.NetworkID; id != "" {
		out.NetworkID = &id
	}
	if id := a.Scope.OrganisationID; id != "" {
		out.OrganisationID = &id
	}
	return out
}

// finite returns x, or 0 for NaN and infinities (for non-null Float fields).
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// nullable returns a pointer to x, or nil for NaN and infinities (for
// nullable Float fields).
func nullable(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// nullablePtr is nullable for a figure that may not have been computed (nil).
func nullablePtr(x *float64) *float64 {
	if x == nil {
		return nil
	}
	return nullable(*x)
}

// metricValue returns the function that reads metric from a person's figures.
func metricValue(metric model.CentralityMetric) (func(*analysis.PersonMetrics) float64, error) {
	switch metric {
	case model.CentralityMetricDegree:
		return func(p *analysis.PersonMetrics) float64 { return float64(p.Degree) }, nil
	case model.CentralityMetricStrength:
		return func(p *analysis.PersonMetrics) float64 { return p.Strength }, nil
	case model.CentralityMetricBetweenness:
		return func(p *analysis.PersonMetrics) float64 { return p.Betweenness }, nil
	case model.CentralityMetricCloseness:
		return func(p *analysis.PersonMetrics) float64 { return p.Closeness }, nil
	case model.CentralityMetricHarmonic:
		return func(p *analysis.PersonMetrics) float64 { return p.Harmonic }, nil
	case model.CentralityMetricEigenvector:
		return func(p *analysis.PersonMetrics) float64 { return p.Eigenvector }, nil
	case model.CentralityMetricPagerank:
		return func(p *analysis.PersonMetrics) float64 { return p.PageRank }, nil
	}
	// gqlgen has checked the enum already.
	return nil, netgraph.Invalid("metric", "unknown metric %q", metric)
}

// centralityScores returns the top people of a on metric, best first (score
// descending, then snapshot order), ranked so that equal scores share a rank.
func centralityScores(a *engine.Analysis, metric model.CentralityMetric, top int) ([]*model.CentralityScore, error) {
	value, err := metricValue(metric)
	if err != nil {
		return nil, err
	}
	people := a.Result.People
	scores := make([]float64, len(people))
	for v := range people {
		scores[v] = finite(value(&people[v]))
	}
	best := topIndexes(scores, top)
	prov := provenanceOf(a)
	out := make([]*model.CentralityScore, len(best))
	for i, v := range best {
		s := &model.CentralityScore{PersonID: a.Snapshot.ID(v), Score: scores[v], Rank: int32(i + 1), Provenance: prov}
		if i > 0 && s.Score == out[i-1].Score {
			s.Rank = out[i-1].Rank // equal scores share a rank: 1, 2, 2, 4
		}
		out[i] = s
	}
	return out, nil
}

// topIndexes returns the indexes of the k largest scores, largest first,
// equal scores in index order. It keeps the best k in a heap whose root is
// the worst kept, O(n log k).
func topIndexes(scores []float64, k int) []int {
	k = min(k, len(scores))
	if k <= 0 {
		return nil
	}
	better := func(u, v int) bool { // u ranks before v
		return scores[u] > scores[v] || scores[u] == scores[v] && u < v
	}
	h := make([]int, 0, k)
	down := func(i int) {
		for {
			worst, l, r := i, 2*i+1, 2*i+2
			if l < len(h) && better(h[worst], h[l]) {
				worst = l
			}
			if r < len(h) && better(h[worst], h[r]) {
				worst = r
			}
			if worst == i {
				return
			}
			h[i], h[worst] = h[worst], h[i]
			i = worst
		}
	}
	for v := range scores {
		switch {
		case len(h) < k:
			h = append(h, v)
			for i := len(h) - 1; i > 0; { // up
				p := (i - 1) / 2
				if !better(h[p], h[i]) {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
		case better(v, h[0]):
			h[0] = v
			down(0)
		}
	}
	slices.SortFunc(h, func(u, v int) int {
		if better(u, v) {
			return -1
		}
		return 1
	})
	return h
}

// connectors returns the first top connectors of a.
func connectors(a *engine.Analysis, top int) []*model.RoleCandidate {
	cands := a.Result.Connectors
	return roleCandidates(a, cands[:min(top, len(cands))])
}

// sponsors returns the first top sponsors of a with ties, and every holder
// of the SPONSOR role wherever they come in the list, as analysis.Sponsors
// chooses them.
func sponsors(a *engine.Analysis, top int) []*model.RoleCandidate {
	var chosen []analysis.RoleCandidate
	ranked := 0
	for _, c := range a.Result.Sponsors {
		inTop := a.Snapshot.Degree(c.Person) > 0 && ranked < top
		if inTop {
			ranked++
		}
		if inTop || c.Evidence.HasSponsorRole {
			chosen = append(chosen, c)
		}
	}
	return roleCandidates(a, chosen)
}

// roleCandidates converts candidates, best first, ranking them.
func roleCandidates(a *engine.Analysis, cands []analysis.RoleCandidate) []*model.RoleCandidate {
	prov := provenanceOf(a)
	out := make([]*model.RoleCandidate, len(cands))
	for i, c := range cands {
		ev := c.Evidence
		rc := &model.RoleCandidate{
			PersonID: a.Snapshot.ID(c.Person),
			Score:    finite(c.Score),
			Rank:     int32(i + 1),
			Reasons:  nonNil(c.Reasons),
			Evidence: &model.RoleEvidence{
				Betweenness:    finite(ev.Betweenness),
				Eigenvector:    finite(ev.Eigenvector),
				PageRank:       finite(ev.PageRank),
				Communities:    int32s(ev.Communities),
				Organisations:  nonNil(ev.Organisations),
				BridgesCut:     int32(ev.BridgesCut),
				Articulation:   ev.Articulation,
				CutOff:         int32(ev.CutOff),
				HasSponsorRole: ev.HasSponsorRole,
			},
			Provenance: prov,
		}
		if i > 0 && rc.Score == out[i-1].Score {
			rc.Rank = out[i-1].Rank
		}
		out[i] = rc
	}
	return out
}

// personMetrics converts one person's figures in a.
func personMetrics(a *engine.Analysis, p *analysis.PersonMetrics) *model.PersonMetrics {
	return &model.PersonMetrics{
		Degree:        int32(p.Degree),
		Strength:      finite(p.Strength),
		Betweenness:   finite(p.Betweenness),
		Closeness:     finite(p.Closeness),
		Harmonic:      finite(p.Harmonic),
		Eigenvector:   finite(p.Eigenvector),
		Pagerank:      finite(p.PageRank),
		Core:          int32(p.Core),
		Clustering:    finite(p.Clustering),
		Constraint:    nullable(p.Constraint),
		EffectiveSize: nullable(p.EffectiveSize),
		Community:     int32(p.Community),
		Roles:         structuralRoles(a, p),
		Provenance:    provenanceOf(a),
	}
}

// structuralRoles lists the roles the analysis gives a person.
func structuralRoles(a *engine.Analysis, p *analysis.PersonMetrics) []model.StructuralRole {
	v, _ := a.Snapshot.Index(p.ID)
	listed := func(cands []analysis.RoleCandidate) bool {
		return slices.ContainsFunc(cands, func(c analysis.RoleCandidate) bool { return c.Person == v })
	}
	roles := []model.StructuralRole{}
	if listed(a.Result.Connectors) {
		roles = append(roles, model.StructuralRoleConnector)
	}
	if listed(a.Result.Sponsors) {
		roles = append(roles, model.StructuralRoleSponsor)
	}
	switch a.Snapshot.Degree(v) {
	case 0:
		roles = append(roles, model.StructuralRoleIsolated)
	case 1:
		roles = append(roles, model.StructuralRolePeripheral)
	}
	return roles
}

// introductions converts a person's suggested introductions; B is the
// person suggested.
func introductions(a *engine.Analysis, intros []analysis.Introduction) []*model.Introduction {
	prov := provenanceOf(a)
	out := make([]*model.Introduction, len(intros))
	for i, in := range intros {
		out[i] = &model.Introduction{
			PersonID:         a.Snapshot.ID(in.B),
			Score:            finite(in.Score),
			MutualContactIDs: ids(a, in.MutualContacts),
			SharedInterests:  nonNil(in.SharedInterests),
			Bridges:          nonNil(in.Bridges),
			Reasons:          nonNil(in.Reasons),
			Provenance:       prov,
		}
	}
	return out
}

// suggestedIntroductions converts the first top network-wide introductions
// of a.
func suggestedIntroductions(a *engine.Analysis, top int) []*model.SuggestedIntroduction {
	intros := a.Result.Introductions[:min(top, len(a.Result.Introductions))]
	out := make([]*model.SuggestedIntroduction, len(intros))
	for i, in := range introductions(a, intros) {
		out[i] = &model.SuggestedIntroduction{AID: a.Snapshot.ID(intros[i].A), Introduction: *in}
	}
	return out
}

// communities converts the communities of a.
func communities(a *engine.Analysis) []*model.Community {
	prov := provenanceOf(a)
	out := make([]*model.Community, len(a.Communities))
	for i, c := range a.Communities {
		mc := &model.Community{
			ID:            int32(c.ID),
			Size:          int32(c.Size),
			MemberIDs:     c.MemberIDs,
			Organisations: make([]string, len(c.Organisations)),
			Interests:     make([]string, len(c.Interests)),
			Provenance:    prov,
		}
		for j, o := range c.Organisations {
			mc.Organisations[j] = cmp.Or(o.Organisation.Name, o.Organisation.ID)
		}
		for j, in := range c.Interests {
			mc.Interests[j] = in.Interest
		}
		out[i] = mc
	}
	return out
}

// networkHealth converts the whole-network figures of a.
func networkHealth(a *engine.Analysis) *model.NetworkHealth {
	h := a.Health()
	out := &model.NetworkHealth{
		People:                    int32(h.People),
		Ties:                      int32(h.Ties),
		Density:                   finite(h.Density),
		Components:                int32(h.Components),
		LargestComponentShare:     finite(h.LargestComponentShare),
		AverageClustering:         finite(h.AverageClustering),
		Transitivity:              finite(h.Transitivity),
		Modularity:                nullablePtr(h.Modularity),
		Communities:               int32(len(a.Communities)),
		ArticulationPointIDs:      h.ArticulationPoints,
		Bridges:                   make([]*model.Bridge, len(h.Bridges)),
		DegreeCentralization:      finite(h.DegreeCentralization),
		BetweennessCentralization: nullablePtr(h.BetweennessCentralization),
		AveragePathLength:         nullablePtr(h.AveragePathLength),
		Diameter:                  nullablePtr(h.Diameter),
		Isolated:                  int32(h.Isolated),
		Peripheral:                int32(h.Peripheral),
		Provenance:                provenanceOf(a),
	}
	for i, b := range h.Bridges {
		out.Bridges[i] = &model.Bridge{AID: b[0], BID: b[1]}
	}
	return out
}

// communityMembers returns a page of a community's members. Cursors hold
// positions in the community, which are fixed for an analysis; a new
// analysis may renumber and regroup communities anyway.
func (r *Resolver) communityMembers(ctx context.Context, c *model.Community, first *int32, after *string) (*model.PersonConnection, error) {
	page, err := pageArgs(memberCursor, first, after)
	if err != nil {
		return nil, err
	}
	start := 0
	if page.After != "" {
		pos, err := strconv.Atoi(page.After)
		if err != nil || pos < 0 {
			return nil, netgraph.Invalid("after", "is not a cursor from this list")
		}
		// Beyond the end (the community shrank since): an empty last page.
		// (pos+1 would overflow for the largest int.)
		start = len(c.MemberIDs)
		if pos < len(c.MemberIDs) {
			start = pos + 1
		}
	}
	end := min(start+page.First, len(c.MemberIDs))
	people, err := r.loaders(ctx).people.loadAll(ctx, c.MemberIDs[start:end])
	if err != nil {
		return nil, err
	}
	conn := &model.PersonConnection{Edges: make([]*model.PersonEdge, 0, len(people)), TotalCount: int32(len(c.MemberIDs))}
	last := ""
	for i, p := range people {
		if p == nil {
			continue // erased since the analysis; the engine was purged
		}
		last = encodeCursor(memberCursor, strconv.Itoa(start+i))
		conn.Edges = append(conn.Edges, &model.PersonEdge{Cursor: last, Node: p})
	}
	conn.PageInfo = pageInfo(end < len(c.MemberIDs), last)
	return conn, nil
}

// people loads the people with the given ids in one batch, dropping any
// erased since the analysis named them.
func (r *Resolver) people(ctx context.Context, ids []string) ([]*netgraph.Person, error) {
	return present(ctx, r.loaders(ctx).people, ids)
}

// ids names the people of a with the given snapshot indexes.
func ids(a *engine.Analysis, people []int) []string {
	out := make([]string, len(people))
	for i, v := range people {
		out[i] = a.Snapshot.ID(v)
	}
	return out
}

func int32s(x []int) []int32 {
	out := make([]int32, len(x))
	for i, v := range x {
		out[i] = int32(v)
	}
	return out
}

// nonNil returns s, or an empty slice for nil (a [String!]! must not be null).
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
