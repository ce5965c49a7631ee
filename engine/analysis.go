package engine

import (
	"fmt"
	"strings"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
)

// Need says what a caller needs of an analysis: the per-person metrics (and
// the kernels behind them), and whether the path statistics, roles
// (connectors and sponsors) and network-wide introductions must be there.
// Whatever the need, an analysis has the structural health figures and the
// isolated and peripheral members.
type Need struct {
	Metrics       analysis.MetricSet
	Paths         bool
	Roles         bool
	Introductions bool
}

// Everything is the need of a full report: every metric, the path
// statistics, roles and introductions.
var Everything = Need{Metrics: analysis.AllMetrics, Paths: true, Roles: true, Introductions: true}

// Union is what n and o need together.
func (n Need) Union(o Need) Need {
	return Need{
		Metrics: n.Metrics | o.Metrics, Paths: n.Paths || o.Paths,
		Roles: n.Roles || o.Roles, Introductions: n.Introductions || o.Introductions,
	}
}

// Covers reports whether what n asks for includes everything o asks for.
func (n Need) Covers(o Need) bool {
	return n.Metrics.Has(o.Metrics) && (n.Paths || !o.Paths) && (n.Roles || !o.Roles) &&
		(n.Introductions || !o.Introductions)
}

// Names lists what n asks for: the kernels' metric names, then "paths",
// "roles" and "introductions".
func (n Need) Names() []string {
	var names []string
	if n.Metrics != 0 {
		names = strings.Split(n.Metrics.String(), ",")
	}
	for _, part := range []struct {
		on   bool
		name string
	}{{n.Paths, "paths"}, {n.Roles, "roles"}, {n.Introductions, "introductions"}} {
		if part.on {
			names = append(names, part.name)
		}
	}
	return names
}

// String describes the need for logs.
func (n Need) String() string {
	if names := n.Names(); len(names) > 0 {
		return strings.Join(names, ",")
	}
	return "structure"
}

// Analysis is what has been computed for one scope at one data version:
// per-person metrics, whole-network health, and, as needed, communities,
// roles (connectors, sponsors, isolated and peripheral members) and
// network-wide suggested introductions, presented by person id through View.
// It is shared by every caller that asks for the same scope and version, so
// it must not be modified.
type Analysis struct {
	Scope    Scope
	Snapshot *analysis.Snapshot
	Result   *analysis.Result
	// View presents Result by person id: rankings, roles, introductions,
	// communities and health.
	*analysis.View
	// Communities are the communities with their members named by id; nil
	// unless communities were computed.
	Communities []analysis.CommunityView
	// Has is what the analysis holds.
	Has Need

	// Stale is set on the copy handed to a caller when the data has changed
	// since (the store is at LatestVersion) and a newer analysis is on its
	// way; the analysis itself is the last completed one.
	Stale         bool
	LatestVersion uint64
}

// newAnalysis wraps a result with the lookups callers need.
func newAnalysis(scope Scope, g *analysis.Snapshot, r *analysis.Result, has Need) *Analysis {
	v := analysis.NewView(g, r)
	return &Analysis{Scope: scope, Snapshot: g, Result: r, View: v, Communities: v.Communities(), Has: has,
		LatestVersion: g.Version()}
}

// stale returns a copy of a saying that the store is at version latest.
func (a *Analysis) stale(latest uint64) *Analysis {
	c := *a
	c.Stale, c.LatestVersion = true, latest
	return &c
}

// Version is the data version the analysis reflects.
func (a *Analysis) Version() uint64 { return a.Snapshot.Version() }

// Person returns the metrics of the person with the given id, and false if
// they are not in the scope.
func (a *Analysis) Person(id string) (analysis.PersonMetrics, bool) {
	p, _, ok := a.View.Person(id)
	return p, ok
}

// Introductions returns up to top suggested introductions for one person
// (top ≤ 0: every candidate) within this analysis's scope, best first; see
// analysis.Introductions. ENOTFOUND (field "personId") if the person is not
// in the scope.
func (a *Analysis) Introductions(personID string, top int) ([]analysis.Suggestion, error) {
	s, ok := a.IntroductionsFor(personID, top)
	if !ok {
		return nil, fmt.Errorf("engine: introductions: %w", &netgraph.Error{
			Code: netgraph.ENOTFOUND, Field: "personId",
			Message: fmt.Sprintf("person %q is not in %s", personID, a.Scope),
		})
	}
	return s, nil
}

// Ego returns the ego network of one person within radius steps, with their
// Burt measures, brokerage and the groups they bridge; see analysis.View.Ego.
// ENOTFOUND (field "personId") if the person is not in the scope.
func (a *Analysis) Ego(personID string, radius int) (analysis.EgoView, error) {
	e, ok := a.View.Ego(personID, radius)
	if !ok {
		return e, fmt.Errorf("engine: ego network: %w", &netgraph.Error{
			Code: netgraph.ENOTFOUND, Field: "personId",
			Message: fmt.Sprintf("person %q is not in %s", personID, a.Scope),
		})
	}
	return e, nil
}
