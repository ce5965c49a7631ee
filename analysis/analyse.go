package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults used by Analyse for options left at zero, and by every edge that
// lists people (GraphQL, reports, the command line).
const (
	DefaultTop     = 10   // length of rankings, role and introduction lists
	MaxTop         = 1000 // the longest list an edge hands out
	DefaultEpsilon = 0.02 // betweenness sampling: largest error for any person
	DefaultDelta   = 0.1  // betweenness sampling: chance of exceeding DefaultEpsilon
	// DefaultClosenessEpsilon is the closeness sampling's ε (see
	// SampledCloseness).
	DefaultClosenessEpsilon = 0.05
)

// PathStatsMode says when Analyse computes the average path length and the
// diameter (a search from every person of the largest component).
type PathStatsMode uint8

const (
	// PathsAuto computes them with closeness or harmonic (the same
	// searches) and with exact betweenness.
	PathsAuto PathStatsMode = iota
	// PathsAlways computes them whatever else is computed.
	PathsAlways
	// PathsIfFree computes them only when closeness or harmonic searches run
	// anyway.
	PathsIfFree
)

// Options say what Analyse computes. The whole-network health is always
// computed, except for figures that need more than was asked: the average
// path length and diameter (see Paths), betweenness centralization only
// with betweenness, and modularity only with communities.
type Options struct {
	// Metrics are the per-person metrics wanted; zero means all of them.
	Metrics MetricSet
	// Paths says when the path statistics are computed.
	Paths PathStatsMode
	// Seed drives Louvain and betweenness sampling, so that a run can be
	// repeated exactly.
	Seed uint64
	// SampleAbove is the number of people above which betweenness is
	// estimated by sampling (SampledBetweenness) rather than computed
	// exactly; 0 means always exact.
	SampleAbove int
	// Epsilon and Delta bound the sampling error: every estimate is within
	// Epsilon of the exact value with probability at least 1−Delta. Zero
	// means DefaultEpsilon and DefaultDelta.
	Epsilon, Delta float64
	// EstimateClosenessAbove is the number of people above which closeness
	// and harmonic centrality are estimated by sampling (SampledCloseness,
	// within ClosenessEpsilon, ClosenessDelta) rather than computed by a
	// search from everyone; 0 means always exact.
	EstimateClosenessAbove int
	// ClosenessEpsilon and ClosenessDelta bound the closeness estimates;
	// zero means DefaultClosenessEpsilon and DefaultDelta.
	ClosenessEpsilon, ClosenessDelta float64
	// Roles asks for connectors and sponsors. They need betweenness,
	// eigenvector, PageRank and communities, which are then computed (and
	// reported in Result.Metrics) whatever Metrics says.
	Roles bool
	// Introductions asks for network-wide suggested introductions. They need
	// communities, which are then computed whatever Metrics says.
	Introductions bool
	// Top is the length of the connector, sponsor and introduction lists
	// (people holding the SPONSOR role are listed beyond it); zero means
	// DefaultTop.
	Top int
	// Prior is an earlier result on the same snapshot (and options): what it
	// holds is reused rather than computed again, so that a result can grow
	// metric by metric as callers ask for more.
	Prior *Result
	// Progress, if set, is told as each step starts, from any goroutine.
	Progress func(Step)
}

// Step is how far an analysis has got: Done of Total steps are finished,
// and Stage names what runs now.
type Step struct {
	Done, Total int
	Stage       string
}

// PersonMetrics are one person's figures. Fields of metrics that were not
// computed (see Result.Metrics) are zero. Constraint and EffectiveSize are
// NaN for a person with no ties, as in NetworkX.
type PersonMetrics struct {
	ID            string
	Degree        int
	Strength      float64
	Betweenness   float64
	Closeness     float64
	Harmonic      float64
	Eigenvector   float64
	PageRank      float64
	Core          int
	Clustering    float64
	Constraint    float64
	EffectiveSize float64
	Community     int
	InDegree      int
	OutDegree     int
}

// Community is one Louvain community with a summary of who is in it.
type Community struct {
	// ID is the community's number, 0 for the largest (ties broken as Louvain
	// does), matching PersonMetrics.Community.
	ID   int
	Size int
	// Members are snapshot indexes, ascending.
	Members []int
	// Organisations are the commonest organisations of the members, most
	// members first, at most communityLabels of them.
	Organisations []OrganisationShare
	// Interests are the commonest interests of the members (compared
	// case-insensitively), most members first, at most communityLabels.
	Interests []InterestShare
	// Name says what the members share (see NameCommunity), or is
	// "community N" (N the ID) when they share nothing; a name two
	// communities would share is followed by " (community N)" on all but
	// the larger, so that every name in a result is distinct.
	Name string
	// Shared are the attributes Name is made of, most members first; nil
	// when it is a number.
	Shared []SharedAttribute
}

// OrganisationShare is how many members of a community work at an
// organisation.
type OrganisationShare struct {
	Organisation Group
	Members      int
}

// InterestShare is how many members of a community declare an interest.
type InterestShare struct {
	Interest string
	Members  int
}

// communityLabels is how many organisations and interests summarise a community.
const communityLabels = 3

// Provenance says what a Result reflects and how it was computed.
type Provenance struct {
	// Version is the data version of the snapshot.
	Version    uint64
	ComputedAt time.Time
	// Exact is false when betweenness was estimated by sampling; Sample then
	// gives the sample size and error bounds.
	Exact  bool
	Sample *SampleInfo
	// Unconverged names the iterative metrics ("eigenvector", "pagerank")
	// whose iteration did not converge (see ErrNotConverged): their values
	// are the last iterate, an approximation.
	Unconverged []string
	// Metrics say, per metric computed, how it was computed and how close
	// it is, in registry order.
	Metrics []MetricProvenance
}

// MetricProvenance is how one metric of a result was computed.
type MetricProvenance struct {
	// Metric is the registry name ("betweenness").
	Metric string
	// Method names the algorithm (see the kernel table): "brandes",
	// "kadabra", "eppstein-wang", "power iteration", …
	Method string
	// Exact is false for an estimate (sampled, or an iteration that did not
	// converge).
	Exact bool
	// Samples is the number of samples an estimate rests on (paths for
	// betweenness, source people for closeness); 0 when exact.
	Samples int
	// ErrorBound and ErrorProbability: with probability at least
	// 1−ErrorProbability every person's estimate is within ErrorBound of
	// the exact value (for closeness: of the mean distance behind it); 0
	// when exact.
	ErrorBound, ErrorProbability float64
}

// Result is everything Analyse computed. Lists of people hold snapshot
// indexes; Snapshot.ID names them, and View presents them by id.
type Result struct {
	// Metrics are the per-person metrics computed: the ones asked for plus
	// those roles and introductions needed.
	Metrics MetricSet
	// People are indexed like the snapshot.
	People []PersonMetrics
	Graph  Health
	// Communities are nil unless MetricCommunity was computed.
	Communities []Community
	// Connectors and Sponsors are nil unless Options.Roles, and so are
	// SponsorRoleHolders, the holders of the SPONSOR membership role.
	Connectors, Sponsors, SponsorRoleHolders []RoleCandidate
	// Isolated are the people with no ties; Peripheral those with one.
	Isolated, Peripheral []int
	// Introductions are nil unless Options.Introductions.
	Introductions []Introduction
	Provenance    Provenance

	// What was computed, for Options.Prior.
	k                   *kernels
	roles, introduction bool
}

// Top returns a copy of r whose connector, sponsor and introduction lists
// are cut to their first top entries (top ≤ 0: DefaultTop): the result
// Analyse gives with Options.Top = top, for r computed with a longer Top,
// since every list is best first and a shorter list is the start of a
// longer one. The copy shares everything else with r.
func (r *Result) Top(top int) *Result {
	if top <= 0 {
		top = DefaultTop
	}
	c := *r
	c.Connectors = r.Connectors[:min(top, len(r.Connectors))]
	c.Sponsors = r.Sponsors[:min(top, len(r.Sponsors))]
	c.Introductions = r.Introductions[:min(top, len(r.Introductions))]
	return &c
}

// HasRoles reports whether connectors and sponsors were computed.
func (r *Result) HasRoles() bool { return r.roles }

// HasIntroductions reports whether network-wide introductions were computed.
func (r *Result) HasIntroductions() bool { return r.introduction }

// HasPaths reports whether the path statistics were computed.
func (r *Result) HasPaths() bool { return r.k != nil && r.k.paths != nil }

// Analyse computes the requested metrics, whole-network health and, if asked,
// roles and introductions for g, reusing what Options.Prior holds.
// Independent kernels run concurrently, but the heavy ones (betweenness,
// closeness, path statistics, eigenvector, PageRank), which are parallel
// themselves, run one after another. It returns the context's error,
// wrapped, promptly after ctx is cancelled. Eigenvector centrality or
// PageRank that does not converge is not an error: its last iterate is used
// and Provenance.Unconverged names it.
func Analyse(ctx context.Context, g *Snapshot, opts Options) (*Result, error) {
	want := opts.Metrics
	if want == 0 {
		want = AllMetrics
	}
	if opts.Roles {
		want |= MetricBetweenness | MetricEigenvector | MetricPageRank | MetricCommunity
	}
	if opts.Introductions {
		want |= MetricCommunity
	}
	top := opts.Top
	if top <= 0 {
		top = DefaultTop
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analyse: %w", err)
	}
	k := &kernels{}
	prior := opts.Prior
	if prior != nil && prior.k != nil {
		*k = *prior.k
		want |= prior.Metrics
	}
	paths := opts.Paths == PathsAlways ||
		opts.Paths == PathsAuto && want.Has(MetricBetweenness) && !(opts.SampleAbove > 0 && g.N() > opts.SampleAbove)
	// Exact betweenness searches from everyone: closeness, harmonic and the
	// path statistics, if wanted, come from the same searches.
	combined := want.Has(MetricBetweenness) && !k.done.Has(MetricBetweenness) && !betweennessSampled(g, opts) &&
		(want&(MetricCloseness|MetricHarmonic) != 0 && k.closeness == nil && !estimateCloseness(g, opts) ||
			paths && k.paths == nil)
	plan := k.plan(want, paths, combined, estimateCloseness(g, opts), opts.Roles && (prior == nil || !prior.roles),
		opts.Introductions && (prior == nil || !prior.introduction))
	progress := newProgressCounter(opts.Progress, plan)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		wg     sync.WaitGroup
		errMu  sync.Mutex
		errOut error
	)
	fail := func(err error) {
		errMu.Lock()
		defer errMu.Unlock()
		if errOut == nil {
			errOut = err
			cancel(err)
		}
	}
	var crash workerPanic
	wg.Go(func() {
		defer crash.catch()
		if err := k.heavy(ctx, g, want, paths, combined, opts, progress); err != nil {
			fail(err)
		}
	})
	wg.Go(func() {
		defer crash.catch()
		if err := k.light(ctx, g, want, opts, progress); err != nil {
			fail(err)
		}
	})
	wg.Wait()
	k.done |= k.heavyDone | k.lightDone
	k.heavyDone, k.lightDone = 0, 0
	crash.raise() // on the caller's goroutine, where it can be recovered
	if errOut != nil {
		return nil, fmt.Errorf("analyse: %w", errOut)
	}

	r := &Result{
		Metrics:    want,
		People:     k.people(g, want),
		Graph:      k.health(g),
		Isolated:   Isolated(g),
		Peripheral: Peripheral(g),
		Provenance: Provenance{
			Version: g.Version(), ComputedAt: time.Now().UTC(),
			Exact: k.sample == nil && k.closenessSample == nil, Sample: k.sample, Unconverged: k.unconverged,
			Metrics: k.provenance(want),
		},
		k: k,
	}
	if k.community != nil {
		r.Communities = summariseCommunities(g, k.community)
	}
	if prior != nil && prior.roles {
		r.Connectors, r.Sponsors, r.SponsorRoleHolders, r.roles = prior.Connectors, prior.Sponsors, prior.SponsorRoleHolders, true
	} else if opts.Roles {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("analyse: roles: %w", err)
		}
		m := RoleMetrics{
			Betweenness: k.betweenness, Eigenvector: k.eigenvector, PageRank: k.pagerank,
			Community: k.community, CommunityNames: communityNames(r.Communities),
			BetweennessSampled: k.sample != nil,
		}
		_ = progress.step("roles", func() error {
			r.Connectors = Connectors(g, m, top)
			r.Sponsors = Sponsors(g, m, top)
			r.SponsorRoleHolders = SponsorRoleHolders(g, m)
			return nil
		})
		r.roles = true
	}
	if prior != nil && prior.introduction {
		r.Introductions, r.introduction = prior.Introductions, true
	} else if opts.Introductions {
		var intros []Introduction
		err := progress.step("introductions", func() (err error) {
			intros, err = suggestIntroductions(ctx, g, k.community, top, true)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("analyse: introductions: %w", err)
		}
		r.Introductions, r.introduction = intros, true
	}
	return r, nil
}

// kernels holds what the kernels returned; nil slices were not computed.
type kernels struct {
	// done are the kernels that have run: those of a prior result, read by
	// both lanes; each lane adds its own to heavyDone or lightDone, merged
	// into done when both have finished.
	done, heavyDone, lightDone MetricSet

	// heavy lane
	betweenness         []float64
	sample              *SampleInfo
	closeness, harmonic []float64
	closenessSample     *ClosenessSampleInfo // nil: exact
	paths               *PathSummary
	eigenvector         []float64
	pagerank            []float64
	unconverged         []string // see Provenance.Unconverged

	// light lane
	structure                 bool // the health figures below
	degrees                   []int
	clustering                []float64
	transitivity              float64
	componentSizes            []int
	articulation              []int
	bridges                   [][2]int
	degreeCentralization      float64
	strengths                 []float64
	inDegrees, outDegrees     []int
	core                      []int
	constraint, effectiveSize []float64
	community                 []int32
}

// pageRankDamping is the damping factor of PageRank (NetworkX's default).
const pageRankDamping = 0.85

// plan counts the steps still to run, for progress (see heavy and light).
func (k *kernels) plan(want MetricSet, paths, combined, estimated, roles, intros bool) int {
	n := 0
	if !k.structure {
		n++
	}
	closeness := want&(MetricCloseness|MetricHarmonic) != 0 && k.closeness == nil
	for _, kn := range kernelTable {
		if kn.run != nil && want.Has(kn.set) && !k.done.Has(kn.set) && kn.set&(MetricBetweenness|MetricCloseness|MetricHarmonic) == 0 {
			n++
		}
	}
	switch {
	case combined:
		n++ // betweenness, closeness, harmonic and paths, all exact
	default:
		if want.Has(MetricBetweenness) && !k.done.Has(MetricBetweenness) {
			n++
		}
		if closeness {
			n++ // one set of searches for both
		}
		if paths && k.paths == nil && (!closeness || estimated) {
			n++
		}
	}
	if roles {
		n++
	}
	if intros {
		n++
	}
	return n
}

// heavy runs the kernels that are parallel themselves, one after another, so
// that they do not compete for the CPUs. combined says that exact
// betweenness is wanted with closeness, harmonic or the path statistics:
// one set of searches gives them all (AllPathMetrics).
func (k *kernels) heavy(ctx context.Context, g *Snapshot, want MetricSet, paths, combined bool, opts Options, p *progressCounter) error {
	if combined {
		err := p.step("betweenness, closeness and paths", func() error {
			m, err := AllPathMetrics(ctx, g)
			if err != nil {
				return err
			}
			k.betweenness, k.closeness, k.harmonic, k.paths = m.Betweenness, m.Closeness, m.Harmonic, &m.Paths
			return nil
		})
		if err != nil {
			return err
		}
		k.heavyDone |= MetricBetweenness
	}
	for _, kn := range kernelTable {
		if !kn.heavy || !want.Has(kn.set) || k.done.Has(kn.set) {
			continue
		}
		if kn.set&(MetricCloseness|MetricHarmonic) != 0 && k.closeness != nil ||
			kn.set == MetricBetweenness && k.heavyDone.Has(MetricBetweenness) {
			k.heavyDone |= kn.set // the same searches gave them
			continue
		}
		if err := p.step(kernelName(kn.set), func() error { return kn.run(ctx, g, opts, k) }); err != nil {
			return err
		}
		k.heavyDone |= kn.set
	}
	if paths && k.paths == nil {
		return p.step("path statistics", func() error {
			s, err := PathStats(ctx, g)
			if err != nil {
				return fmt.Errorf("path statistics: %w", err)
			}
			k.paths = &s
			return nil
		})
	}
	return nil
}

// betweennessSampled says whether betweenness is sampled.
func betweennessSampled(g *Snapshot, opts Options) bool {
	return opts.SampleAbove > 0 && g.N() > opts.SampleAbove
}

// estimateCloseness says whether closeness and harmonic are estimated.
func estimateCloseness(g *Snapshot, opts Options) bool {
	return opts.EstimateClosenessAbove > 0 && g.N() > opts.EstimateClosenessAbove
}

// runBetweenness computes betweenness, exactly or, above opts.SampleAbove
// people, by sampling.
func (k *kernels) runBetweenness(ctx context.Context, g *Snapshot, opts Options) error {
	var err error
	if betweennessSampled(g, opts) {
		eps, delta := opts.Epsilon, opts.Delta
		if eps <= 0 {
			eps = DefaultEpsilon
		}
		if delta <= 0 {
			delta = DefaultDelta
		}
		var info SampleInfo
		if k.betweenness, info, err = SampledBetweenness(ctx, g, eps, delta, opts.Seed); err != nil {
			return fmt.Errorf("sampled betweenness: %w", err)
		}
		if info.Samples > 0 { // zero: sampling would not have saved work, so it was exact
			k.sample = &info
		}
		return nil
	}
	if k.betweenness, err = Betweenness(ctx, g); err != nil {
		return fmt.Errorf("betweenness: %w", err)
	}
	return nil
}

// runCloseness computes closeness and harmonic centrality and the path
// statistics from one set of searches or, above opts.EstimateClosenessAbove
// people, estimates closeness and harmonic from a sample of searches.
func (k *kernels) runCloseness(ctx context.Context, g *Snapshot, opts Options) error {
	if estimateCloseness(g, opts) {
		eps, delta := opts.ClosenessEpsilon, opts.ClosenessDelta
		if eps <= 0 {
			eps = DefaultClosenessEpsilon
		}
		if delta <= 0 {
			delta = DefaultDelta
		}
		closeness, harmonic, info, err := SampledCloseness(ctx, g, eps, delta, opts.Seed)
		if err != nil {
			return err
		}
		k.closeness, k.harmonic = closeness, harmonic
		if info.Sources > 0 { // zero: every component was searched from everyone
			k.closenessSample = &info
		}
		return nil
	}
	closeness, harmonic, paths, err := closenessAndPaths(ctx, g)
	if err != nil {
		return fmt.Errorf("closeness: %w", err)
	}
	k.closeness, k.harmonic, k.paths = closeness, harmonic, &paths
	return nil
}

// light runs the structural figures every result has, then the cheap,
// sequential kernels (and Louvain) one after another, alongside the heavy
// lane, checking ctx between them.
func (k *kernels) light(ctx context.Context, g *Snapshot, want MetricSet, opts Options, p *progressCounter) error {
	if !k.structure {
		err := p.step("structure", func() error {
			steps := []func(){
				func() { k.degrees = Degrees(g); k.degreeCentralization = DegreeCentralization(g) },
				func() { _, k.componentSizes = Components(g) },
				func() { k.articulation = ArticulationPoints(g) },
				func() { k.bridges = Bridges(g) },
				func() { k.clustering = Clustering(g) },
				func() { k.transitivity = Transitivity(g) },
			}
			for _, step := range steps {
				if err := ctx.Err(); err != nil {
					return context.Cause(ctx)
				}
				step()
			}
			return nil
		})
		if err != nil {
			return err
		}
		k.structure = true
		k.lightDone |= MetricDegree | MetricClustering
	}
	for _, kn := range kernelTable {
		if kn.heavy || kn.run == nil || !want.Has(kn.set) || k.done.Has(kn.set) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return context.Cause(ctx)
		}
		if err := p.step(kernelName(kn.set), func() error { return kn.run(ctx, g, opts, k) }); err != nil {
			return err
		}
		k.lightDone |= kn.set
	}
	return nil
}

// people assembles the per-person figures of the metrics in want.
func (k *kernels) people(g *Snapshot, want MetricSet) []PersonMetrics {
	out := make([]PersonMetrics, g.N())
	for v := range out {
		out[v].ID = g.ID(v)
	}
	for _, kn := range kernelTable {
		if !want.Has(kn.set) {
			continue
		}
		for v := range out {
			kn.fill(k, v, &out[v])
		}
	}
	return out
}

// health assembles the whole-network figures from the kernels' results.
func (k *kernels) health(g *Snapshot) Health {
	return healthOf(g, healthInputs{
		degrees:              k.degrees,
		componentSizes:       k.componentSizes,
		clustering:           k.clustering,
		transitivity:         k.transitivity,
		articulation:         k.articulation,
		bridges:              k.bridges,
		paths:                k.paths,
		degreeCentralization: k.degreeCentralization,
		betweenness:          k.betweenness,
		community:            k.community,
	})
}

// progressCounter reports Steps to an Options.Progress function; a nil
// function makes it do nothing.
type progressCounter struct {
	fn          func(Step)
	mu          sync.Mutex
	done, total int
}

func newProgressCounter(fn func(Step), total int) *progressCounter {
	return &progressCounter{fn: fn, total: total}
}

// step reports that stage starts, runs it, and counts it done.
func (p *progressCounter) step(stage string, run func() error) error {
	p.report(stage, 0)
	err := run()
	p.report("", 1)
	return err
}

func (p *progressCounter) report(stage string, finished int) {
	if p.fn == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = min(p.done+finished, p.total)
	if stage != "" || p.done == p.total {
		p.fn(Step{Done: p.done, Total: p.total, Stage: stage})
	}
}

// summariseCommunities lists the communities of a Louvain labelling with
// their members and commonest organisations and interests.
func summariseCommunities(g *Snapshot, community []int32) []Community {
	k := 0
	for _, c := range community {
		k = max(k, int(c)+1)
	}
	out := make([]Community, k)
	for c := range out {
		out[c].ID = c
	}
	for v, c := range community {
		out[c].Members = append(out[c].Members, v)
	}
	for c := range out {
		cm := &out[c]
		cm.Size = len(cm.Members)
		orgs := map[string]*OrganisationShare{}
		interests := map[string]*InterestShare{}
		for _, v := range cm.Members {
			p := g.Profile(v)
			for _, o := range distinctGroups(p.Organisations) {
				key := groupKey(o)
				if s, ok := orgs[key]; ok {
					s.Members++
				} else {
					orgs[key] = &OrganisationShare{Organisation: o, Members: 1}
				}
			}
			for _, in := range distinctInterests(p.Interests) {
				if s, ok := interests[in.key]; ok {
					s.Members++
				} else {
					interests[in.key] = &InterestShare{Interest: in.display, Members: 1}
				}
			}
		}
		cm.Organisations = topShares(orgs, func(s *OrganisationShare) (int, string) {
			return s.Members, groupName(s.Organisation)
		})
		cm.Interests = topShares(interests, func(s *InterestShare) (int, string) {
			return s.Members, strings.ToLower(s.Interest)
		})
	}
	nameCommunities(g, out)
	return out
}

// nameCommunities names each community by what its members share, largest
// first, as Community.Name says.
func nameCommunities(g *Snapshot, communities []Community) {
	attributes := make([][]Attribute, g.N())
	for v := range attributes {
		attributes[v] = profileAttributes(g.Profile(v))
	}
	taken := map[string]bool{}
	for c := range communities {
		cm := &communities[c]
		name := NameCommunity(cm.Members, attributes)
		cm.Name, cm.Shared = name.Name, name.Shared
		switch {
		case cm.Name == "":
			cm.Name = CommunityNumber(cm.ID)
		case taken[strings.ToLower(cm.Name)]:
			cm.Name += " (" + CommunityNumber(cm.ID) + ")"
		}
		taken[strings.ToLower(cm.Name)] = true
	}
}

// CommunityName returns the name of community id (see Community.Name):
// "community N" when communities were not computed or there is no such
// community.
func (r *Result) CommunityName(id int) string {
	if id >= 0 && id < len(r.Communities) && r.Communities[id].ID == id {
		return r.Communities[id].Name
	}
	return CommunityNumber(id)
}

// CommunityNumber is what community id is called when its members share
// nothing: "community 3".
func CommunityNumber(id int) string { return "community " + strconv.Itoa(id) }

// profileAttributes are what a profile says a person is known by, in the
// order of AttributeKind.
func profileAttributes(p Profile) []Attribute {
	out := make([]Attribute, 0, len(p.Organisations)+2+len(p.Interests))
	for _, o := range p.Organisations {
		out = append(out, Attribute{AttributeOrganisation, groupName(o)})
	}
	out = append(out, Attribute{AttributeProfession, p.Profession}, Attribute{AttributeRegion, p.Region})
	for _, in := range p.Interests {
		out = append(out, Attribute{AttributeInterest, in})
	}
	return out
}

// topShares returns the communityLabels shares with the most members, ties
// broken by name.
func topShares[S any](m map[string]*S, key func(*S) (int, string)) []S {
	all := make([]*S, 0, len(m))
	for _, s := range m {
		all = append(all, s)
	}
	slices.SortFunc(all, func(a, b *S) int {
		na, sa := key(a)
		nb, sb := key(b)
		return cmp.Or(cmp.Compare(nb, na), cmp.Compare(sa, sb))
	})
	out := make([]S, 0, min(len(all), communityLabels))
	for _, s := range all[:min(len(all), communityLabels)] {
		out = append(out, *s)
	}
	return out
}

// provenance says how each kernel of want was computed, in registry order.
func (k *kernels) provenance(want MetricSet) []MetricProvenance {
	var out []MetricProvenance
	for _, m := range Metrics {
		if !want.Has(m.Kernel) {
			continue
		}
		p := MetricProvenance{Metric: m.Name, Method: "exact", Exact: true}
		for _, kn := range kernelTable {
			if kn.set == m.Kernel && kn.method != nil {
				kn.method(k, &p)
			}
		}
		out = append(out, p)
	}
	return out
}
