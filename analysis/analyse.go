package analysis

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// MetricSet is a set of per-person metrics, one bit each. The zero set, in
// Options, stands for every metric.
type MetricSet uint16

// The metrics Analyse can compute.
const (
	MetricDegree      MetricSet = 1 << iota // number of ties
	MetricStrength                          // sum of tie strengths
	MetricBetweenness                       // normalised betweenness (exact or sampled)
	MetricCloseness                         // closeness (Wasserman–Faust improved)
	MetricHarmonic                          // harmonic centrality
	MetricEigenvector                       // eigenvector centrality
	MetricPageRank                          // PageRank, damping 0.85
	MetricCore                              // k-core number
	MetricClustering                        // local clustering coefficient
	MetricConstraint                        // Burt's constraint and effective size
	MetricCommunity                         // Louvain community

	// AllMetrics is every metric.
	AllMetrics MetricSet = 1<<iota - 1
)

// metricNames are the names ParseMetrics accepts, in bit order.
var metricNames = [...]string{
	"degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
	"pagerank", "core", "clustering", "constraint", "community",
}

// ErrUnknownMetric is returned (wrapped) by ParseMetrics for a name it does
// not know.
var ErrUnknownMetric = errors.New("unknown metric")

// ParseMetrics parses a comma-separated list of metric names (case and spaces
// around names do not matter), such as "betweenness, pagerank". An empty list
// gives the zero set, which Analyse reads as every metric.
func ParseMetrics(list string) (MetricSet, error) {
	var set MetricSet
	for name := range strings.SplitSeq(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		i := slices.Index(metricNames[:], name)
		if i < 0 {
			return 0, fmt.Errorf("%w %q (known: %s)", ErrUnknownMetric, name, strings.Join(metricNames[:], ", "))
		}
		set |= 1 << i
	}
	return set, nil
}

// Has reports whether every metric of m is in s.
func (s MetricSet) Has(m MetricSet) bool { return s&m == m }

// String lists the metrics of s by name, comma-separated, in a fixed order.
func (s MetricSet) String() string {
	var names []string
	for i, name := range metricNames {
		if s&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	return strings.Join(names, ",")
}

// Defaults used by Analyse for options left at zero.
const (
	DefaultTop     = 10   // length of role and introduction lists
	DefaultEpsilon = 0.02 // betweenness sampling: largest error for any person
	DefaultDelta   = 0.1  // betweenness sampling: chance of exceeding DefaultEpsilon
)

// Options say what Analyse computes. The whole-network health is always
// computed, except for figures that need more than was asked: the average
// path length and diameter (a search from every person) come only with
// closeness, harmonic or exact betweenness, betweenness centralization only
// with betweenness, and modularity only with communities.
type Options struct {
	// Metrics are the per-person metrics wanted; zero means all of them.
	Metrics MetricSet
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
}

// Result is everything Analyse computed. Lists of people hold snapshot
// indexes; Snapshot.ID names them.
type Result struct {
	// Metrics are the per-person metrics computed: the ones asked for plus
	// those roles and introductions needed.
	Metrics MetricSet
	// People are indexed like the snapshot.
	People []PersonMetrics
	Graph  Health
	// Communities are nil unless MetricCommunity was computed.
	Communities []Community
	// Connectors and Sponsors are nil unless Options.Roles.
	Connectors, Sponsors []RoleCandidate
	// Isolated are the people with no ties; Peripheral those with one.
	Isolated, Peripheral []int
	// Introductions are nil unless Options.Introductions.
	Introductions []Introduction
	Provenance    Provenance
}

// Analyse computes the requested metrics, whole-network health and, if asked,
// roles and introductions for g. Independent kernels run concurrently, but
// the heavy ones (betweenness, closeness, path statistics, eigenvector,
// PageRank), which are parallel themselves, run one after another. It returns
// the context's error, wrapped, promptly after ctx is cancelled. Eigenvector
// centrality or PageRank that does not converge is not an error: its last
// iterate is used and Provenance.Unconverged says so.
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
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var (
		k      kernels
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
		if err := k.heavy(ctx, g, want, opts); err != nil {
			fail(err)
		}
	})
	wg.Go(func() {
		defer crash.catch()
		if err := k.light(ctx, g, want, opts.Seed); err != nil {
			fail(err)
		}
	})
	wg.Wait()
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
			Exact: k.sample == nil, Sample: k.sample, Unconverged: k.unconverged,
		},
	}
	if k.community != nil {
		r.Communities = summariseCommunities(g, k.community)
	}
	if opts.Roles {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("analyse: roles: %w", err)
		}
		m := RoleMetrics{
			Betweenness: k.betweenness, Eigenvector: k.eigenvector, PageRank: k.pagerank,
			Community: k.community, BetweennessSampled: k.sample != nil,
		}
		r.Connectors = Connectors(g, m, top)
		r.Sponsors = Sponsors(g, m, top)
	}
	if opts.Introductions {
		intros, err := suggestIntroductions(ctx, g, k.community, top)
		if err != nil {
			return nil, fmt.Errorf("analyse: introductions: %w", err)
		}
		r.Introductions = intros
	}
	return r, nil
}

// kernels holds what the kernels returned; nil slices were not computed.
type kernels struct {
	// heavy lane
	betweenness         []float64
	sample              *SampleInfo
	unconverged         []string // see Provenance.Unconverged
	closeness, harmonic []float64
	paths               *PathSummary
	eigenvector         []float64
	pagerank            []float64

	// light lane
	degrees                   []int
	strengths                 []float64
	core                      []int
	clustering                []float64
	transitivity              float64
	constraint, effectiveSize []float64
	componentSizes            []int
	articulation              []int
	bridges                   [][2]int
	degreeCentralization      float64
	community                 []int32
}

// pageRankDamping is the damping factor of PageRank (NetworkX's default).
const pageRankDamping = 0.85

// heavy runs the kernels that are parallel themselves, one after another, so
// that they do not compete for the CPUs.
func (k *kernels) heavy(ctx context.Context, g *Snapshot, want MetricSet, opts Options) error {
	var err error
	if want.Has(MetricBetweenness) {
		if opts.SampleAbove > 0 && g.N() > opts.SampleAbove {
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
		} else if k.betweenness, err = Betweenness(ctx, g); err != nil {
			return fmt.Errorf("betweenness: %w", err)
		}
	}
	if want&(MetricCloseness|MetricHarmonic) != 0 {
		// One set of searches gives closeness, harmonic and the path statistics.
		var paths PathSummary
		if k.closeness, k.harmonic, paths, err = closenessAndPaths(ctx, g); err != nil {
			return fmt.Errorf("closeness: %w", err)
		}
		k.paths = &paths
	} else if want.Has(MetricBetweenness) && k.sample == nil {
		paths, err := PathStats(ctx, g)
		if err != nil {
			return fmt.Errorf("path statistics: %w", err)
		}
		k.paths = &paths
	}
	// An iteration that did not converge gives its last iterate: flagged in
	// the provenance rather than failing every other metric with it.
	if want.Has(MetricEigenvector) {
		if k.eigenvector, err = Eigenvector(ctx, g); errors.Is(err, ErrNotConverged) {
			k.unconverged = append(k.unconverged, "eigenvector")
		} else if err != nil {
			return fmt.Errorf("eigenvector: %w", err)
		}
	}
	if want.Has(MetricPageRank) {
		if k.pagerank, err = PageRank(ctx, g, pageRankDamping); errors.Is(err, ErrNotConverged) {
			k.unconverged = append(k.unconverged, "pagerank")
		} else if err != nil {
			return fmt.Errorf("pagerank: %w", err)
		}
	}
	return nil
}

// light runs the cheap, sequential kernels (and Louvain) one after another,
// alongside the heavy lane, checking ctx between them.
func (k *kernels) light(ctx context.Context, g *Snapshot, want MetricSet, seed uint64) error {
	steps := []func() error{
		func() error { k.degrees = Degrees(g); k.degreeCentralization = DegreeCentralization(g); return nil },
		func() error { _, k.componentSizes = Components(g); return nil },
		func() error { k.articulation = ArticulationPoints(g); return nil },
		func() error { k.bridges = Bridges(g); return nil },
		func() error { k.clustering = Clustering(g); return nil },
		func() error { k.transitivity = Transitivity(g); return nil },
	}
	if want.Has(MetricStrength) {
		steps = append(steps, func() error { k.strengths = TotalStrengths(g); return nil })
	}
	if want.Has(MetricCore) {
		steps = append(steps, func() error { k.core = CoreNumbers(g); return nil })
	}
	if want.Has(MetricConstraint) {
		steps = append(steps,
			func() error { k.constraint = Constraint(g); return nil },
			func() error { k.effectiveSize = EffectiveSize(g); return nil })
	}
	if want.Has(MetricCommunity) {
		steps = append(steps, func() error {
			var err error
			if k.community, err = Louvain(ctx, g, seed); err != nil {
				return fmt.Errorf("louvain: %w", err)
			}
			return nil
		})
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return context.Cause(ctx)
		}
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// people assembles the per-person figures of the metrics in want.
func (k *kernels) people(g *Snapshot, want MetricSet) []PersonMetrics {
	out := make([]PersonMetrics, g.N())
	for v := range out {
		p := &out[v]
		p.ID = g.ID(v)
		if want.Has(MetricDegree) {
			p.Degree = k.degrees[v]
		}
		if k.strengths != nil {
			p.Strength = k.strengths[v]
		}
		if k.betweenness != nil {
			p.Betweenness = k.betweenness[v]
		}
		if want.Has(MetricCloseness) {
			p.Closeness = k.closeness[v]
		}
		if want.Has(MetricHarmonic) {
			p.Harmonic = k.harmonic[v]
		}
		if k.eigenvector != nil {
			p.Eigenvector = k.eigenvector[v]
		}
		if k.pagerank != nil {
			p.PageRank = k.pagerank[v]
		}
		if k.core != nil {
			p.Core = k.core[v]
		}
		if want.Has(MetricClustering) {
			p.Clustering = k.clustering[v]
		}
		if k.constraint != nil {
			p.Constraint, p.EffectiveSize = k.constraint[v], k.effectiveSize[v]
		}
		if k.community != nil {
			p.Community = int(k.community[v])
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
