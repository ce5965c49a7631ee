package graph

import (
	"context"
	"math"
	"strconv"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph/model"
)

// The analysis fields turn an engine analysis (computed once per scope,
// data version and metric, and cached by the engine) into the schema's
// views. Each field asks the engine for what it needs (needOf…), so that a
// query computes only that; the analysis's View has ranked and named
// everything, so nothing here does more than copy and make floats finite
// through finite or nullable, because gqlgen refuses to write NaN or
// infinity.

// Length limits of the analysis lists (the top argument).
const (
	defaultTop = analysis.DefaultTop
	maxTop     = analysis.MaxTop
)

// memberCursor is the cursor kind of Community.members; its key is the
// position in the community.
const memberCursor = "member"

// analyse returns the analysis of the scope given as an argument holding
// what need asks, the same for every field of the request that needs the
// same (see analysisMemo).
func (r *Resolver) analyse(ctx context.Context, in *model.ScopeInput, need engine.Need) (*engine.Analysis, error) {
	scope, err := scopeOf(in)
	if err != nil {
		return nil, err
	}
	return r.loaders(ctx).analyses.getFor(ctx, scope, need)
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
func (r *Resolver) analyseTop(ctx context.Context, in *model.ScopeInput, top *int32, need engine.Need) (*engine.Analysis, int, error) {
	n := defaultTop
	if top != nil {
		if *top < 1 || *top > maxTop {
			return nil, 0, netgraph.Invalid("top", "must be between 1 and %d (got %d)", maxTop, *top)
		}
		n = int(*top)
	}
	a, err := r.analyse(ctx, in, need)
	return a, n, err
}

// The needs of the analysis fields.
var (
	needStructure     = engine.Need{}
	needRoles         = engine.Need{Roles: true}
	needCommunities   = engine.Need{Metrics: analysis.MetricCommunity}
	needIntroductions = engine.Need{Introductions: true}
	// needScopeGraph is what a map's people carry (see graphPerson).
	needScopeGraph = engine.Need{Roles: true, Metrics: analysis.MetricCommunity | analysis.MetricDegree |
		analysis.MetricStrength | analysis.MetricBetweenness | analysis.MetricCloseness |
		analysis.MetricEigenvector | analysis.MetricPageRank | analysis.MetricCore}
)

// needOfMetric is the need of Query.centrality for metric.
func needOfMetric(metric model.CentralityMetric) (analysis.Metric, engine.Need, error) {
	m, ok := analysis.MetricNamed(string(metric))
	if !ok || !m.Centrality {
		// gqlgen has checked the enum, which is generated from the registry (metrics.graphqls).
		return m, engine.Need{}, netgraph.Invalid("metric", "unknown metric %q", metric)
	}
	return m, engine.Need{Metrics: m.Kernel}, nil
}

// needOfHealth is the need of Query.networkHealth for the fields selected.
func needOfHealth(ctx context.Context) engine.Need {
	var need engine.Need
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "modularity", "communities", "communityNames":
			need.Metrics |= analysis.MetricCommunity
		case "betweennessCentralization":
			need.Metrics |= analysis.MetricBetweenness
		case "averagePathLength", "diameter":
			need.Paths = true
		}
	}
	return need
}

// needOfPersonMetrics is the need of Person.metrics for the fields selected:
// each metric's kernel, and roles for the roles.
func needOfPersonMetrics(ctx context.Context) engine.Need {
	var need engine.Need
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "roles" {
			need.Roles = true
		} else if f.Name == "communityName" {
			need.Metrics |= analysis.MetricCommunity
		} else if m, ok := analysis.MetricNamed(f.Name); ok {
			need.Metrics |= m.Kernel
		}
	}
	return need
}

// selects reports whether the field being resolved selects the named field.
func selects(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// provenanceOf says what a.Result reflects.
func provenanceOf(a *engine.Analysis) *model.Provenance {
	p := a.Result.Provenance
	out := &model.Provenance{
		ComputedAt:        p.ComputedAt,
		DataVersion:       strconv.FormatUint(a.Version(), 10),
		Exact:             p.Exact,
		Scope:             a.Scope.String(),
		People:            int32(a.Snapshot.N()),
		Ties:              int32(a.Snapshot.M()),
		Stale:             a.Stale,
		LatestDataVersion: strconv.FormatUint(max(a.LatestVersion, a.Version()), 10),
	}
	out.Metrics = make([]*model.MetricProvenance, len(p.Metrics))
	for i, m := range p.Metrics {
		mp := &model.MetricProvenance{Metric: m.Metric, Method: m.Method, Exact: m.Exact}
		if !m.Exact && m.Samples > 0 {
			n := int32(m.Samples)
			mp.SampleSize, mp.ErrorBound, mp.ErrorProbability = &n, nullable(m.ErrorBound), nullable(m.ErrorProbability)
		}
		out.Metrics[i] = mp
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

// centralityScores returns the top people of a on metric m, as the view
// ranks them.
func centralityScores(a *engine.Analysis, m analysis.Metric, top int) []*model.CentralityScore {
	ranked := a.Ranking(m, top)
	prov := provenanceOf(a)
	out := make([]*model.CentralityScore, len(ranked))
	for i, p := range ranked {
		out[i] = &model.CentralityScore{PersonID: p.PersonID, Score: finite(p.Score), Rank: int32(p.Rank), Provenance: prov}
	}
	return out
}

// roleCandidates converts candidates, ranked by the view.
func roleCandidates(a *engine.Analysis, cands []analysis.Candidate) []*model.RoleCandidate {
	prov := provenanceOf(a)
	out := make([]*model.RoleCandidate, len(cands))
	for i, c := range cands {
		ev := c.Evidence
		out[i] = &model.RoleCandidate{
			PersonID: c.PersonID,
			Score:    finite(c.Score),
			Rank:     int32(c.Rank),
			Reasons:  nonNil(c.Reasons),
			Evidence: &model.RoleEvidence{
				Betweenness:    finite(ev.Betweenness),
				Eigenvector:    finite(ev.Eigenvector),
				PageRank:       finite(ev.PageRank),
				Communities:    int32s(ev.Communities),
				CommunityNames: a.CommunityNames(ev.Communities),
				Organisations:  nonNil(ev.Organisations),
				BridgesCut:     int32(ev.BridgesCut),
				Articulation:   ev.Articulation,
				CutOff:         int32(ev.CutOff),
				HasSponsorRole: ev.HasSponsorRole,
			},
			Provenance: prov,
		}
	}
	return out
}

// personMetrics converts one person's figures in a (p from a.Person).
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
		CommunityName: a.CommunityName(p.Community),
		Roles:         structuralRoles(a, p),
		Provenance:    provenanceOf(a),
	}
}

// structuralRoles lists the roles the analysis gives a person.
func structuralRoles(a *engine.Analysis, p *analysis.PersonMetrics) []model.StructuralRole {
	_, roles, _ := a.View.Person(p.ID)
	return roleModels(roles)
}

// roleModels converts structural roles.
func roleModels(roles []analysis.PersonRole) []model.StructuralRole {
	out := make([]model.StructuralRole, len(roles))
	for i, role := range roles {
		out[i] = model.StructuralRole(role)
	}
	return out
}

// introductions converts suggested introductions; PersonID is the person
// suggested.
func introductions(a *engine.Analysis, intros []analysis.Suggestion) []*model.Introduction {
	prov := provenanceOf(a)
	out := make([]*model.Introduction, len(intros))
	for i, in := range intros {
		out[i] = &model.Introduction{
			PersonID:         in.PersonID,
			Score:            finite(in.Score),
			Parts:            nonNil(in.Parts),
			MutualContactIDs: in.MutualContactIDs,
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
	intros := a.View.Introductions(top)
	out := make([]*model.SuggestedIntroduction, len(intros))
	for i, in := range introductions(a, intros) {
		out[i] = &model.SuggestedIntroduction{AID: intros[i].ForID, Introduction: *in}
	}
	return out
}

// communities converts the communities of a.
func communities(a *engine.Analysis) []*model.Community {
	prov := provenanceOf(a)
	out := make([]*model.Community, len(a.Communities))
	for i, c := range a.Communities {
		out[i] = &model.Community{
			ID:            int32(c.ID),
			Size:          int32(c.Size),
			Name:          c.Name,
			SharedBy:      sharedAttributes(c.Shared),
			MemberIDs:     c.MemberIDs,
			Organisations: c.Organisations,
			Interests:     c.Interests,
			Provenance:    prov,
		}
	}
	return out
}

// attributeKinds are the schema's names of the kinds of attribute.
var attributeKinds = map[analysis.AttributeKind]model.AttributeKind{
	analysis.AttributeOrganisation: model.AttributeKindOrganisation,
	analysis.AttributeProfession:   model.AttributeKindProfession,
	analysis.AttributeRegion:       model.AttributeKindRegion,
	analysis.AttributeInterest:     model.AttributeKindInterest,
}

// sharedAttributes converts what a community's name is made of.
func sharedAttributes(shared []analysis.SharedAttribute) []*model.SharedAttribute {
	out := make([]*model.SharedAttribute, len(shared))
	for i, s := range shared {
		out[i] = &model.SharedAttribute{Kind: attributeKinds[s.Kind], Value: s.Value, Members: int32(s.Members)}
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
		CommunityNames:            make([]string, len(a.Communities)),
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
	for i, c := range a.Communities {
		out.CommunityNames[i] = c.Name
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

func int32s(x []int) []int32 {
	out := make([]int32, len(x))
	for i, v := range x {
		out[i] = int32(v)
	}
	return out
}

// nonNil returns s, or an empty slice for nil (a [String!]! must not be null).
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// analysisMemo keeps the analyses one request has used. The engine caches
// analyses across requests, but has to ask the store for its data version
// on every call to tell whether its cache is current: on Neo4j a round trip.
// With the memo, the version is asked once per scope per request, and each
// need (Person.metrics on a page of 50 people, several analysis fields of
// one scope) asks the engine once at that version, so every field of the
// request sees the same data. Mutations clear it (through loaders.clear), so
// what follows a change sees the change.
type analysisMemo struct {
	// dataVersion and analyseAt are the engine's DataVersion and AnalyseAt.
	dataVersion func(context.Context) (uint64, error)
	analyseAt   func(context.Context, engine.Scope, uint64, engine.Need) (*engine.Analysis, error)

	mu       sync.Mutex
	versions map[engine.Scope]*memoCall[uint64]
	byNeed   map[memoKey]*memoCall[*engine.Analysis]
}

type memoKey struct {
	scope engine.Scope
	need  engine.Need
}

// memoCall is one call of a request; done closes when v and err are set.
// Errors are kept too: within a request, asking again would fail again.
type memoCall[T any] struct {
	done chan struct{}
	v    T
	err  error
}

// once returns calls[key], running fn the first time; concurrent callers
// wait for that one call.
func once[K comparable, T any](ctx context.Context, mu *sync.Mutex, calls *map[K]*memoCall[T], key K, fn func() (T, error)) (T, error) {
	mu.Lock()
	if *calls == nil {
		*calls = map[K]*memoCall[T]{}
	}
	c, ok := (*calls)[key]
	if !ok {
		c = &memoCall[T]{done: make(chan struct{})}
		(*calls)[key] = c
	}
	mu.Unlock()
	if !ok {
		defer close(c.done)
		c.v, c.err = fn()
		return c.v, c.err
	}
	select {
	case <-c.done:
		return c.v, c.err
	case <-ctx.Done():
		var zero T
		return zero, context.Cause(ctx)
	}
}

// newAnalysisMemo returns a memo over e.
func newAnalysisMemo(e *engine.Engine) *analysisMemo {
	return &analysisMemo{dataVersion: e.DataVersion, analyseAt: e.AnalyseAt}
}

// get returns the full analysis of scope (engine.Everything).
func (m *analysisMemo) get(ctx context.Context, scope engine.Scope) (*engine.Analysis, error) {
	return m.getFor(ctx, scope, engine.Everything)
}

// getFor returns an analysis of scope holding what need asks.
func (m *analysisMemo) getFor(ctx context.Context, scope engine.Scope, need engine.Need) (*engine.Analysis, error) {
	version, err := once(ctx, &m.mu, &m.versions, scope, func() (uint64, error) { return m.dataVersion(ctx) })
	if err != nil {
		return nil, err
	}
	return once(ctx, &m.mu, &m.byNeed, memoKey{scope, need}, func() (*engine.Analysis, error) {
		return m.analyseAt(ctx, scope, version, need)
	})
}

// clear forgets the analyses used so far.
func (m *analysisMemo) clear() {
	m.mu.Lock()
	defer m.mu.Unlock()
	clear(m.versions)
	clear(m.byNeed)
}

// analysisStatus converts how a scope's analysis stands.
func analysisStatus(s engine.Status) *model.AnalysisStatus {
	out := &model.AnalysisStatus{
		Scope:             s.Scope.String(),
		State:             model.AnalysisState(s.State),
		LatestDataVersion: strconv.FormatUint(s.Latest, 10),
		Computed:          nonNil(s.Has.Names()),
		Computing:         s.Computing,
		Failures:          int32(s.Failures),
	}
	if s.Scope.NetworkID != "" {
		out.NetworkID = &s.Scope.NetworkID
	}
	if s.Scope.OrganisationID != "" {
		out.OrganisationID = &s.Scope.OrganisationID
	}
	if s.Version > 0 {
		v := strconv.FormatUint(s.Version, 10)
		out.DataVersion = &v
	}
	if s.Computing {
		out.StartedAt = &s.Started
		out.StepsDone, out.StepsTotal = int32(s.Step.Done), int32(s.Step.Total)
		if s.Step.Stage != "" {
			out.Stage = &s.Step.Stage
		}
	}
	if s.LastError != "" {
		out.LastError = &s.LastError
		out.RetryAt = &s.RetryAt
	}
	return out
}

func analysisStatuses(all []engine.Status) []*model.AnalysisStatus {
	out := make([]*model.AnalysisStatus, len(all))
	for i, s := range all {
		out[i] = analysisStatus(s)
	}
	return out
}
