package analysis

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The metric registry: every per-person metric, once, with what people are
// told about it, how to read it from a person's figures, and the kernel that
// computes it. `netgraph analyse --metrics`, the report columns, the GraphQL
// CentralityMetric enum (metrics.graphqls, which graph/internal/metricenum
// writes from it) and the engine's per-metric cache all read it. Adding a metric is one Metric entry, one
// kernel entry, the kernel itself and its test.

// MetricSet is a set of kernels, one bit each; a kernel computes one or more
// per-person metrics. The zero set, in Options, stands for every metric.
type MetricSet uint32

// The kernels Analyse can run.
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
	MetricInDegree                          // ties recorded towards the person
	MetricOutDegree                         // ties recorded from the person

	// AllMetrics is every metric.
	AllMetrics MetricSet = 1<<iota - 1
)

// Metric is one per-person figure as every output presents it.
type Metric struct {
	// Name is the name `--metrics` accepts, the JSON key and the CSV header;
	// Enum gives the GraphQL spelling.
	Name string
	// Title is a heading for people ("Betweenness (brokerage)").
	Title string
	// Meaning says in plain words what a high value means.
	Meaning string
	// Definition says exactly what is computed, in NetworkX's terms so that
	// analysts can cross-check; with Meaning it is the GraphQL enum value's
	// description, so every Centrality metric has one.
	Definition string
	// Kernel is the kernel that computes it.
	Kernel MetricSet
	// Int says the values are whole numbers.
	Int bool
	// LowFirst ranks the lowest values first (low constraint means a broker).
	LowFirst bool
	// Ranked is false for labels, such as the community number.
	Ranked bool
	// Centrality says it is a value of the GraphQL CentralityMetric enum.
	Centrality bool
	// Value reads it from a person's figures.
	Value func(p *PersonMetrics) float64
}

// Metrics are the per-person metrics in output order.
var Metrics = []Metric{
	{Name: "degree", Title: "Degree (ties)", Kernel: MetricDegree, Int: true, Ranked: true, Centrality: true,
		Meaning:    "how many people they are tied to",
		Definition: "The number of different people the person is tied to (networkx degree; divide by people − 1 for degree_centrality): ties of several kinds to one person count once. Strengths are ignored.",
		Value:      func(p *PersonMetrics) float64 { return float64(p.Degree) }},
	{Name: "inDegree", Title: "In-degree (ties recorded towards them)", Kernel: MetricInDegree, Int: true, Ranked: true, Centrality: true,
		Meaning:    "how many people recorded a tie to them: who is sought out",
		Definition: "How many people have recorded a tie to the person: ties are recorded from one person to another, and a pair tied both ways counts once each way (networkx in_degree of the directed graph of distinct pairs).",
		Value:      func(p *PersonMetrics) float64 { return float64(p.InDegree) }},
	{Name: "outDegree", Title: "Out-degree (ties recorded from them)", Kernel: MetricOutDegree, Int: true, Ranked: true, Centrality: true,
		Meaning:    "how many people they recorded a tie to: who reaches out",
		Definition: "How many people the person has recorded a tie to (networkx out_degree of the directed graph of distinct pairs).",
		Value:      func(p *PersonMetrics) float64 { return float64(p.OutDegree) }},
	{Name: "strength", Title: "Strength (sum of tie strengths)", Kernel: MetricStrength, Ranked: true, Centrality: true,
		Meaning:    "how many ties they have, the stronger ones counting more",
		Definition: "The sum of the strengths of the person's ties, only the strongest tie to each person counting (networkx degree with weight).",
		Value:      func(p *PersonMetrics) float64 { return p.Strength }},
	{Name: "betweenness", Title: "Betweenness (brokerage)", Kernel: MetricBetweenness, Ranked: true, Centrality: true,
		Meaning:    "how often they lie on the shortest way between two other people: brokers score high",
		Definition: "The share of shortest paths between pairs of other people that pass through the person, normalised by 2/((n − 1)(n − 2)) for n people (networkx.betweenness_centrality, normalized, distance 1/strength). Estimated by sampling on large scopes (see Provenance.exact).",
		Value:      func(p *PersonMetrics) float64 { return p.Betweenness }},
	{Name: "closeness", Title: "Closeness", Kernel: MetricCloseness, Ranked: true, Centrality: true,
		Meaning:    "how near they are, on average, to everyone they can reach",
		Definition: "((r − 1)/Σd) × ((r − 1)/(n − 1)), where r is the number of people the person can reach (themselves included), Σd the sum of the distances to them and n the number of people (networkx.closeness_centrality with wf_improved, distance 1/strength); 0 for a person without ties.",
		Value:      func(p *PersonMetrics) float64 { return p.Closeness }},
	{Name: "harmonic", Title: "Harmonic centrality", Kernel: MetricHarmonic, Ranked: true, Centrality: true,
		Meaning:    "how many people are near them, the nearest counting most",
		Definition: "The sum of 1/distance to everyone the person can reach, not normalised (networkx.harmonic_centrality, distance 1/strength).",
		Value:      func(p *PersonMetrics) float64 { return p.Harmonic }},
	{Name: "eigenvector", Title: "Eigenvector (tied to the well connected)", Kernel: MetricEigenvector, Ranked: true, Centrality: true,
		Meaning:    "how well connected the people they are tied to are",
		Definition: "High for people tied to people who are themselves central, ties counting by strength; the scores have unit Euclidean norm (networkx.eigenvector_centrality, weight strength).",
		Value:      func(p *PersonMetrics) float64 { return p.Eigenvector }},
	{Name: "pagerank", Title: "PageRank", Kernel: MetricPageRank, Ranked: true, Centrality: true,
		Meaning:    "how much attention reaches them through the network, as a random walk along ties would",
		Definition: fmt.Sprintf("The chance of finding a random walker at the person, who follows ties in proportion to their strength and jumps anywhere with probability %.2g; the scores sum to 1 (networkx.pagerank, alpha %g, weight strength).", 1-pageRankDamping, pageRankDamping),
		Value:      func(p *PersonMetrics) float64 { return p.PageRank }},
	{Name: "core", Title: "k-core", Kernel: MetricCore, Int: true, Ranked: true,
		Meaning: "how deep in the network's cohesive centre they sit: in a k-core everyone has at least k ties inside it",
		Value:   func(p *PersonMetrics) float64 { return float64(p.Core) }},
	{Name: "clustering", Title: "Clustering (contacts who know each other)", Kernel: MetricClustering, Ranked: true,
		Meaning: "the share of pairs of their contacts who are tied to each other",
		Value:   func(p *PersonMetrics) float64 { return p.Clustering }},
	{Name: "constraint", Title: "Constraint (lowest first: the least constrained broker)", Kernel: MetricConstraint, Ranked: true, LowFirst: true,
		Meaning: "how much their contacts are tied to each other: low means a broker between separate groups",
		Value:   func(p *PersonMetrics) float64 { return p.Constraint }},
	{Name: "effectiveSize", Title: "Effective size (non-redundant contacts)", Kernel: MetricConstraint, Ranked: true,
		Meaning: "how many of their contacts are not tied to their other contacts",
		Value:   func(p *PersonMetrics) float64 { return p.EffectiveSize }},
	{Name: "community", Title: "Community", Kernel: MetricCommunity, Int: true,
		Meaning: "the community (Louvain) they belong to, 0 for the largest",
		Value:   func(p *PersonMetrics) float64 { return float64(p.Community) }},
}

// kernel is how one MetricSet bit is computed. Heavy kernels, parallel
// themselves, run one after another in Analyse's heavy lane; the others run
// in the light lane beside them. run stores what it computes in k; fill
// copies person v's values into p; method, if set, says how it was computed
// (the provenance says "exact" otherwise).
type kernel struct {
	set    MetricSet
	heavy  bool
	run    func(ctx context.Context, g *Snapshot, opts Options, k *kernels) error
	fill   func(k *kernels, v int, p *PersonMetrics)
	method func(k *kernels, p *MetricProvenance)
}

// kernelTable lists the kernels in the order Analyse runs them within a lane.
// Closeness and harmonic share one set of searches (and the path statistics
// come with them), and exact betweenness gives all of them from its own
// searches; see kernels.heavy.
var kernelTable = []kernel{
	{set: MetricBetweenness, heavy: true,
		run: func(ctx context.Context, g *Snapshot, opts Options, k *kernels) error {
			return k.runBetweenness(ctx, g, opts)
		},
		fill: func(k *kernels, v int, p *PersonMetrics) { p.Betweenness = k.betweenness[v] },
		method: func(k *kernels, p *MetricProvenance) {
			p.Method = "brandes"
			if s := k.sample; s != nil {
				p.Method, p.Exact, p.Samples, p.ErrorBound, p.ErrorProbability = s.Method, false, s.Samples, s.Epsilon, s.Delta
			}
		}},
	{set: MetricCloseness, heavy: true,
		run: func(ctx context.Context, g *Snapshot, opts Options, k *kernels) error {
			return k.runCloseness(ctx, g, opts)
		},
		fill: func(k *kernels, v int, p *PersonMetrics) { p.Closeness = k.closeness[v] },
		method: func(k *kernels, p *MetricProvenance) {
			p.Method = "search from everyone"
			if s := k.closenessSample; s != nil {
				p.Method, p.Exact, p.Samples, p.ErrorBound, p.ErrorProbability = "eppstein-wang", false, s.Sources, s.DistanceError, s.Delta
			}
		}},
	{set: MetricHarmonic, heavy: true,
		run: func(ctx context.Context, g *Snapshot, opts Options, k *kernels) error {
			return k.runCloseness(ctx, g, opts)
		},
		fill: func(k *kernels, v int, p *PersonMetrics) { p.Harmonic = k.harmonic[v] },
		method: func(k *kernels, p *MetricProvenance) {
			p.Method = "search from everyone"
			if s := k.closenessSample; s != nil {
				p.Method, p.Exact, p.Samples, p.ErrorBound, p.ErrorProbability = "eppstein-wang", false, s.Sources, s.HarmonicError, s.Delta
			}
		}},
	{set: MetricEigenvector, heavy: true,
		run: func(ctx context.Context, g *Snapshot, _ Options, k *kernels) (err error) {
			k.eigenvector, err = Eigenvector(ctx, g)
			return k.converged("eigenvector", err)
		},
		fill:   func(k *kernels, v int, p *PersonMetrics) { p.Eigenvector = k.eigenvector[v] },
		method: func(k *kernels, p *MetricProvenance) { k.iterated("eigenvector", p) }},
	{set: MetricPageRank, heavy: true,
		run: func(ctx context.Context, g *Snapshot, _ Options, k *kernels) (err error) {
			k.pagerank, err = PageRank(ctx, g, pageRankDamping)
			return k.converged("pagerank", err)
		},
		fill:   func(k *kernels, v int, p *PersonMetrics) { p.PageRank = k.pagerank[v] },
		method: func(k *kernels, p *MetricProvenance) { k.iterated("pagerank", p) }},

	{set: MetricDegree, run: nil, // in the health figures, always computed
		fill: func(k *kernels, v int, p *PersonMetrics) { p.Degree = k.degrees[v] }},
	{set: MetricStrength,
		run: func(_ context.Context, g *Snapshot, _ Options, k *kernels) error {
			k.strengths = TotalStrengths(g)
			return nil
		},
		fill: func(k *kernels, v int, p *PersonMetrics) { p.Strength = k.strengths[v] }},
	{set: MetricInDegree,
		run: func(_ context.Context, g *Snapshot, _ Options, k *kernels) error {
			k.inDegrees = InDegrees(g)
			return nil
		},
		fill: func(k *kernels, v int, p *PersonMetrics) { p.InDegree = k.inDegrees[v] }},
	{set: MetricOutDegree,
		run: func(_ context.Context, g *Snapshot, _ Options, k *kernels) error {
			k.outDegrees = OutDegrees(g)
			return nil
		},
		fill: func(k *kernels, v int, p *PersonMetrics) { p.OutDegree = k.outDegrees[v] }},
	{set: MetricCore,
		run:  func(_ context.Context, g *Snapshot, _ Options, k *kernels) error { k.core = CoreNumbers(g); return nil },
		fill: func(k *kernels, v int, p *PersonMetrics) { p.Core = k.core[v] }},
	{set: MetricClustering, run: nil, // in the health figures, always computed
		fill: func(k *kernels, v int, p *PersonMetrics) { p.Clustering = k.clustering[v] }},
	{set: MetricConstraint,
		run: func(_ context.Context, g *Snapshot, _ Options, k *kernels) error {
			k.constraint, k.effectiveSize = Constraint(g), EffectiveSize(g)
			return nil
		},
		fill: func(k *kernels, v int, p *PersonMetrics) {
			p.Constraint, p.EffectiveSize = k.constraint[v], k.effectiveSize[v]
		}},
	{set: MetricCommunity,
		run: func(ctx context.Context, g *Snapshot, opts Options, k *kernels) (err error) {
			k.community, err = Louvain(ctx, g, opts.Seed)
			return wrapKernel("louvain", err)
		},
		fill:   func(k *kernels, v int, p *PersonMetrics) { p.Community = int(k.community[v]) },
		method: func(_ *kernels, p *MetricProvenance) { p.Method = "louvain" }},
}

// iterated describes an iterative kernel: power iteration, an approximation
// if it did not converge.
func (k *kernels) iterated(name string, p *MetricProvenance) {
	p.Method = "power iteration"
	if slices.Contains(k.unconverged, name) {
		p.Method, p.Exact = "power iteration, not converged: the last iterate", false
	}
}

// converged handles the error of an iterative kernel: one that did not
// converge gives its last iterate, flagged in the provenance rather than
// failing every other metric with it.
func (k *kernels) converged(name string, err error) error {
	if errors.Is(err, ErrNotConverged) {
		k.unconverged = append(k.unconverged, name)
		return nil
	}
	return wrapKernel(name, err)
}

func wrapKernel(name string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// kernelName is the name of a kernel bit: that of its first metric.
func kernelName(bit MetricSet) string {
	for _, m := range Metrics {
		if m.Kernel == bit {
			return m.Name
		}
	}
	return fmt.Sprintf("metric#%d", bit)
}

// MetricNamed returns the metric with the given name, compared without
// regard to case or underscores, so that "pagerank", "PAGERANK" and
// "in_degree" (the GraphQL spelling IN_DEGREE) all work.
func MetricNamed(name string) (Metric, bool) {
	key := metricKey(name)
	for _, m := range Metrics {
		if metricKey(m.Name) == key {
			return m, true
		}
	}
	return Metric{}, false
}

func metricKey(name string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", ""))
}

// Enum is the metric's name in GraphQL: upper case, words separated by
// underscores ("inDegree" → "IN_DEGREE").
func (m Metric) Enum() string {
	var b strings.Builder
	for i, r := range m.Name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// Description says what the metric is: its meaning in plain words, as a
// sentence, then its definition. The GraphQL enum describes its values so.
func (m Metric) Description() string {
	r, size := utf8.DecodeRuneInString(m.Meaning)
	return string(unicode.ToUpper(r)) + m.Meaning[size:] + ". " + m.Definition
}

// ErrUnknownMetric is returned (wrapped) by ParseMetrics for a name it does
// not know.
var ErrUnknownMetric = errors.New("unknown metric")

// ParseMetrics parses a comma-separated list of metric names (see
// MetricNamed), such as "betweenness, pagerank", into the kernels that
// compute them. An empty list gives the zero set, which Analyse reads as
// every metric.
func ParseMetrics(list string) (MetricSet, error) {
	var set MetricSet
	for name := range strings.SplitSeq(list, ",") {
		if strings.TrimSpace(name) == "" {
			continue
		}
		m, ok := MetricNamed(name)
		if !ok {
			names := make([]string, len(Metrics))
			for i, m := range Metrics {
				names[i] = m.Name
			}
			return 0, fmt.Errorf("%w %q (known: %s)", ErrUnknownMetric, strings.TrimSpace(name), strings.Join(names, ", "))
		}
		set |= m.Kernel
	}
	return set, nil
}

// Has reports whether every metric of m is in s.
func (s MetricSet) Has(m MetricSet) bool { return s&m == m }

// String lists the kernels of s by name, comma-separated, in bit order.
func (s MetricSet) String() string {
	var names []string
	for bit := MetricSet(1); bit != 0 && bit <= AllMetrics; bit <<= 1 {
		if s&bit != 0 {
			names = append(names, kernelName(bit))
		}
	}
	return strings.Join(names, ",")
}
