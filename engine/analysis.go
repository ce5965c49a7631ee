package engine

import "github.com/netgraph/netgraph/analysis"

// Analysis is everything computed for one scope at one data version: every
// per-person metric, whole-network health, communities, roles (connectors,
// sponsors, isolated and peripheral members) and network-wide suggested
// introductions. It is shared by every caller that asks for the same scope
// and version, so it must not be modified.
type Analysis struct {
	Scope    Scope
	Snapshot *analysis.Snapshot
	Result   *analysis.Result
	// Communities are Result.Communities with their members named by id.
	Communities []Community

	community []int32 // each person's community, for per-person introductions
}

// Community is a Louvain community with its members' ids.
type Community struct {
	analysis.Community
	// MemberIDs are the ids of Members, in the same order.
	MemberIDs []string
}

// newAnalysis wraps a result with the lookups callers need.
func newAnalysis(scope Scope, g *analysis.Snapshot, r *analysis.Result) *Analysis {
	a := &Analysis{Scope: scope, Snapshot: g, Result: r}
	if r.Metrics.Has(analysis.MetricCommunity) {
		a.community = make([]int32, len(r.People))
		for v, p := range r.People {
			a.community[v] = int32(p.Community)
		}
	}
	a.Communities = make([]Community, len(r.Communities))
	for i, c := range r.Communities {
		ids := make([]string, len(c.Members))
		for j, v := range c.Members {
			ids[j] = g.ID(v)
		}
		a.Communities[i] = Community{Community: c, MemberIDs: ids}
	}
	return a
}

// Version is the data version the analysis reflects.
func (a *Analysis) Version() uint64 { return a.Snapshot.Version() }

// Person returns the metrics of the person with the given id, and false if
// they are not in the scope.
func (a *Analysis) Person(id string) (analysis.PersonMetrics, bool) {
	v, ok := a.Snapshot.Index(id)
	if !ok {
		return analysis.PersonMetrics{}, false
	}
	return a.Result.People[v], true
}

// Community returns the community with the given number, and false if there
// is none.
func (a *Analysis) Community(id int) (Community, bool) {
	if id < 0 || id >= len(a.Communities) {
		return Community{}, false
	}
	return a.Communities[id], true
}

// CommunityOf returns the community of the person with the given id, and
// false if they are not in the scope.
func (a *Analysis) CommunityOf(personID string) (Community, bool) {
	v, ok := a.Snapshot.Index(personID)
	if !ok || a.community == nil {
		return Community{}, false
	}
	return a.Community(int(a.community[v]))
}

// Health returns the whole-network figures with people named by id.
func (a *Analysis) Health() analysis.NamedHealth { return a.Result.Graph.Named(a.Snapshot) }
