package report

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/netgraph/netgraph/analysis"
)

// WriteJSON writes r as one JSON object, the contract of `netgraph analyse
// --format json`:
//
//	{"scope": "...",                     (reports on a store only)
//	 "graph": {"nodes", "edges", "density", "components", "largestComponentShare",
//	           "averageClustering", "transitivity", "modularity", "articulationPoints": [id...],
//	           "bridges": [[id, id]...], "degreeCentralization", "betweennessCentralization",
//	           "averagePathLength", "diameter", "isolated", "peripheral",
//	           "fragmentation", "distanceFragmentation"},
//	 "nodes": [{"id", "name", "degree", "strength", "betweenness", "closeness", "harmonic",
//	            "eigenvector", "pagerank", "core", "clustering", "constraint", "effectiveSize",
//	            "community", "communityName", "roles": [...], "organisations": [...],
//	            "brokerage": {"coordinator", "itinerant", "gatekeeper", "representative", "liaison",
//	                          "total"}, "brokerageZ": {...}}...],
//	 "introductions": [{"a", "b", "score" (0 to 100), "parts": [{"name", "points", "why"}...],
//	                    "mutualContacts": [id...], "sharedInterests",
//	                    "bridges", "reasons"}...],
//	 "connectors", "sponsors", "sponsorRoleHolders": [{"id", "score", "reasons", "evidence": {...}}...],
//	 "isolated", "peripheral": [{"id", "reasons", "introduceTo"}...],
//	 "communities": [{"id", "size", "name", "sharedBy": [{"kind", "value", "members"}...],
//	                  "organisations", "interests"}...],
//	 "whatIf": {"removed": [id...], "components", "fragmentation", "distanceFragmentation",
//	            "cutOff": [id...]},
//	 "keyPlayers": {"set": [id...], "fragmentation"},
//	 "provenance": {"version", "computedAt", "exact", "sample", "metrics", "seed", "source",
//	                "brokerage": {"groupBy", "directed"}},
//	 "comparison": {"tiesBefore", "tiesAfter", "gained", "lost", "densityBefore", "densityAfter",
//	                "componentsBefore", "componentsAfter", "newlyIsolated", "newlyPeripheral",
//	                "gainedTies", "lostTies"}}
//
// A node has only the metrics that were computed (not zeros for the others);
// names, roles and organisations appear when Report.Names is set.
// Figures that were not computed (modularity without communities, path
// figures without a search from every person) are left out; a NaN is null.
// Introductions appear with Report.Introductions, the role lists with
// Report.Roles, communities when they were computed, brokerage (raw counts,
// and z-scores, null where undefined) with Report.Brokerage, fragmentation
// with Report.Fragmentation, "whatIf" and "keyPlayers" with Report.WhatIf and
// Report.KeyPlayers, the comparison with a baseline with Report.Comparison
// (gained and lost are counts; the ties are in gainedTies and lostTies).
func WriteJSON(w io.Writer, r *Report) error {
	e := &jsonWriter{w: w, b: make([]byte, 0, 64<<10)}
	e.raw(`{`)
	if r.Scope != "" {
		e.key("scope", true)
		e.str(r.Scope)
		e.raw(`,`)
	}
	e.key("graph", true)
	r.jsonGraph(e)

	e.raw(`,"nodes":[`)
	cols := r.computed()
	for v := range r.Result.People {
		if v > 0 {
			e.raw(`,`)
		}
		r.jsonNode(e, v, cols)
		e.maybeFlush()
	}
	e.raw(`]`)

	if r.Introductions || r.Result.Introductions != nil {
		e.raw(`,"introductions":[`)
		for i := range r.Result.Introductions {
			if i > 0 {
				e.raw(`,`)
			}
			r.jsonIntroduction(e, &r.Result.Introductions[i])
			e.maybeFlush()
		}
		e.raw(`]`)
	}
	if r.Roles {
		for _, list := range []struct {
			name  string
			cands []analysis.RoleCandidate
		}{{"connectors", r.Result.Connectors}, {"sponsors", r.Result.Sponsors}, {"sponsorRoleHolders", r.Result.SponsorRoleHolders}} {
			e.raw(`,`)
			e.key(list.name, true)
			e.raw(`[`)
			for i := range list.cands {
				if i > 0 {
					e.raw(`,`)
				}
				r.jsonCandidate(e, &list.cands[i])
			}
			e.raw(`]`)
		}
		isolated, peripheral := r.edgeMembers()
		for _, list := range []struct {
			name   string
			people []standing
		}{{"isolated", isolated}, {"peripheral", peripheral}} {
			e.raw(`,`)
			e.key(list.name, true)
			e.raw(`[`)
			for i, s := range list.people {
				if i > 0 {
					e.raw(`,`)
				}
				r.jsonStanding(e, s)
				e.maybeFlush()
			}
			e.raw(`]`)
		}
	}
	if r.Result.Communities != nil {
		e.raw(`,"communities":[`)
		for i := range r.Result.Communities {
			if i > 0 {
				e.raw(`,`)
			}
			jsonCommunity(e, &r.Result.Communities[i])
			e.maybeFlush()
		}
		e.raw(`]`)
	}
	if w := r.WhatIf; w != nil {
		e.raw(`,"whatIf":{`)
		e.key("removed", true)
		e.ids(r.Snapshot, w.Removed)
		e.key("components", false)
		e.int(w.Components)
		e.key("fragmentation", false)
		e.float(w.Fragmentation)
		e.key("distanceFragmentation", false)
		e.float(w.DistanceFragmentation)
		e.key("cutOff", false)
		e.ids(r.Snapshot, w.CutOff)
		e.raw(`}`)
	}
	if k := r.KeyPlayers; k != nil {
		e.raw(`,"keyPlayers":{`)
		e.key("set", true)
		e.ids(r.Snapshot, k.Set)
		e.key("fragmentation", false)
		e.float(k.Fragmentation)
		e.raw(`}`)
	}
	if r.Comparison != nil {
		e.raw(`,`)
		e.key("comparison", true)
		jsonComparison(e, r.Comparison)
	}
	e.raw(`,`)
	e.key("provenance", true)
	r.jsonProvenance(e)
	e.raw("}\n")
	return e.flush()
}

// jsonComparison writes how the network changed since its baseline: counts
// of ties gained and lost (the ties themselves in gainedTies and lostTies),
// and the people newly isolated or peripheral, by id.
func jsonComparison(e *jsonWriter, c *analysis.Comparison) {
	pairs := func(ps [][2]string) {
		e.raw(`[`)
		for i, p := range ps {
			if i > 0 {
				e.raw(`,`)
			}
			e.strs(p[:])
		}
		e.raw(`]`)
	}
	e.raw(`{`)
	e.key("tiesBefore", true)
	e.int(c.TiesBefore)
	e.key("tiesAfter", false)
	e.int(c.TiesAfter)
	e.key("gained", false)
	e.int(len(c.Gained))
	e.key("lost", false)
	e.int(len(c.Lost))
	e.key("densityBefore", false)
	e.float(c.DensityBefore)
	e.key("densityAfter", false)
	e.float(c.DensityAfter)
	e.key("componentsBefore", false)
	e.int(c.ComponentsBefore)
	e.key("componentsAfter", false)
	e.int(c.ComponentsAfter)
	e.key("newlyIsolated", false)
	e.strs(c.NewlyIsolated)
	e.key("newlyPeripheral", false)
	e.strs(c.NewlyPeripheral)
	e.key("gainedTies", false)
	pairs(c.Gained)
	e.key("lostTies", false)
	pairs(c.Lost)
	e.raw(`}`)
}

func (r *Report) jsonGraph(e *jsonWriter) {
	h, g := &r.Result.Graph, r.Snapshot
	e.raw(`{`)
	e.key("nodes", true)
	e.int(h.People)
	e.key("edges", false)
	e.int(h.Ties)
	e.key("density", false)
	e.float(h.Density)
	e.key("components", false)
	e.int(h.Components)
	e.key("largestComponentShare", false)
	e.float(h.LargestComponentShare)
	e.key("averageClustering", false)
	e.float(h.AverageClustering)
	e.key("transitivity", false)
	e.float(h.Transitivity)
	if h.Modularity != nil {
		e.key("modularity", false)
		e.float(*h.Modularity)
	}
	e.key("articulationPoints", false)
	e.raw(`[`)
	for i, v := range h.ArticulationPoints {
		if i > 0 {
			e.raw(`,`)
		}
		e.str(g.ID(v))
		e.maybeFlush()
	}
	e.raw(`]`)
	e.key("bridges", false)
	e.raw(`[`)
	for i, b := range h.Bridges {
		if i > 0 {
			e.raw(`,`)
		}
		e.raw(`[`)
		e.str(g.ID(b[0]))
		e.raw(`,`)
		e.str(g.ID(b[1]))
		e.raw(`]`)
		e.maybeFlush()
	}
	e.raw(`]`)
	e.key("degreeCentralization", false)
	e.float(h.DegreeCentralization)
	for _, f := range []struct {
		name string
		x    *float64
	}{
		{"betweennessCentralization", h.BetweennessCentralization},
		{"averagePathLength", h.AveragePathLength},
		{"diameter", h.Diameter},
	} {
		if f.x != nil {
			e.key(f.name, false)
			e.float(*f.x)
		}
	}
	e.key("isolated", false)
	e.int(h.Isolated)
	e.key("peripheral", false)
	e.int(h.Peripheral)
	if f := r.Fragmentation; f != nil {
		e.key("fragmentation", false)
		e.float(f.Fragmentation)
		if f.DistanceFragmentation != nil {
			e.key("distanceFragmentation", false)
			e.float(*f.DistanceFragmentation)
		}
	}
	e.raw(`}`)
}

func (r *Report) jsonNode(e *jsonWriter, v int, cols []analysis.Metric) {
	p := &r.Result.People[v]
	e.raw(`{`)
	e.key("id", true)
	e.str(p.ID)
	if r.Names != nil {
		e.key("name", false)
		e.str(r.name(v))
	}
	for _, c := range cols {
		e.key(c.Name, false)
		if c.Int {
			e.int(int(c.Value(p)))
		} else {
			e.float(c.Value(p))
		}
	}
	if r.Result.Communities != nil {
		e.key("communityName", false)
		e.str(r.Result.CommunityName(p.Community))
	}
	if r.Names != nil {
		prof := r.Snapshot.Profile(v)
		e.key("roles", false)
		e.strs(prof.Roles)
		e.key("organisations", false)
		e.raw(`[`)
		for i, o := range prof.Organisations {
			if i > 0 {
				e.raw(`,`)
			}
			e.str(groupName(o))
		}
		e.raw(`]`)
	}
	if br := r.Brokerage; br != nil {
		e.key("brokerage", false)
		jsonBrokerage(e, &br.Raw[v])
		e.key("brokerageZ", false)
		jsonBrokerage(e, &br.Z[v])
	}
	e.raw(`}`)
}

func jsonBrokerage(e *jsonWriter, s *analysis.BrokerageScores) {
	for i, f := range []struct {
		name string
		x    float64
	}{
		{"coordinator", s.Coordinator}, {"itinerant", s.Itinerant}, {"gatekeeper", s.Gatekeeper},
		{"representative", s.Representative}, {"liaison", s.Liaison}, {"total", s.Total},
	} {
		if i == 0 {
			e.raw(`{`)
		}
		e.key(f.name, i == 0)
		e.float(f.x)
	}
	e.raw(`}`)
}

func (r *Report) jsonIntroduction(e *jsonWriter, in *analysis.Introduction) {
	g := r.Snapshot
	e.raw(`{`)
	e.key("a", true)
	e.str(g.ID(in.A))
	e.key("b", false)
	e.str(g.ID(in.B))
	if r.Names != nil {
		e.key("aName", false)
		e.str(r.name(in.A))
		e.key("bName", false)
		e.str(r.name(in.B))
	}
	e.key("score", false)
	e.float(in.Score)
	e.key("parts", false)
	e.raw(`[`)
	for i, p := range in.Parts {
		if i > 0 {
			e.raw(`,`)
		}
		e.raw(`{`)
		e.key("name", true)
		e.str(p.Name)
		e.key("points", false)
		e.float(p.Points)
		e.key("why", false)
		e.str(p.Why)
		e.raw(`}`)
	}
	e.raw(`]`)
	e.key("mutualContacts", false)
	e.ids(g, in.MutualContacts)
	e.key("sharedInterests", false)
	e.strs(in.SharedInterests)
	e.key("bridges", false)
	e.strs(in.Bridges)
	e.key("reasons", false)
	e.strs(in.Reasons)
	e.raw(`}`)
}

func (r *Report) jsonCandidate(e *jsonWriter, c *analysis.RoleCandidate) {
	e.raw(`{`)
	e.key("id", true)
	e.str(r.Snapshot.ID(c.Person))
	if r.Names != nil {
		e.key("name", false)
		e.str(r.name(c.Person))
	}
	e.key("score", false)
	e.float(c.Score)
	e.key("reasons", false)
	e.strs(c.Reasons)
	ev := &c.Evidence
	e.raw(`,"evidence":{`)
	e.key("betweenness", true)
	e.float(ev.Betweenness)
	e.key("eigenvector", false)
	e.float(ev.Eigenvector)
	e.key("pagerank", false)
	e.float(ev.PageRank)
	e.key("communities", false)
	e.raw(`[`)
	for i, k := range ev.Communities {
		if i > 0 {
			e.raw(`,`)
		}
		e.int(k)
	}
	e.raw(`]`)
	e.key("communityNames", false)
	e.raw(`[`)
	for i, k := range ev.Communities {
		if i > 0 {
			e.raw(`,`)
		}
		e.str(r.Result.CommunityName(k))
	}
	e.raw(`]`)
	e.key("organisations", false)
	e.strs(ev.Organisations)
	e.key("bridgesCut", false)
	e.int(ev.BridgesCut)
	e.key("articulation", false)
	e.bool(ev.Articulation)
	e.key("cutOff", false)
	e.int(ev.CutOff)
	e.key("hasSponsorRole", false)
	e.bool(ev.HasSponsorRole)
	e.raw(`}}`)
}

func (r *Report) jsonStanding(e *jsonWriter, s standing) {
	e.raw(`{`)
	e.key("id", true)
	e.str(r.Snapshot.ID(s.person))
	if r.Names != nil {
		e.key("name", false)
		e.str(r.name(s.person))
	}
	e.key("reasons", false)
	e.strs(s.reasons)
	if s.intro != nil {
		other := s.intro.B
		if other == s.person {
			other = s.intro.A
		}
		e.key("introduceTo", false)
		e.str(r.Snapshot.ID(other))
	}
	e.raw(`}`)
}

func jsonCommunity(e *jsonWriter, c *analysis.Community) {
	e.raw(`{`)
	e.key("id", true)
	e.int(c.ID)
	e.key("size", false)
	e.int(c.Size)
	e.key("name", false)
	e.str(c.Name)
	e.key("sharedBy", false)
	e.raw(`[`)
	for i, s := range c.Shared {
		if i > 0 {
			e.raw(`,`)
		}
		e.raw(`{`)
		e.key("kind", true)
		e.str(s.Kind.String())
		e.key("value", false)
		e.str(s.Value)
		e.key("members", false)
		e.int(s.Members)
		e.raw(`}`)
	}
	e.raw(`]`)
	e.key("organisations", false)
	e.raw(`[`)
	for i, o := range c.Organisations {
		if i > 0 {
			e.raw(`,`)
		}
		e.raw(`{`)
		e.key("id", true)
		e.str(o.Organisation.ID)
		e.key("name", false)
		e.str(o.Organisation.Name)
		e.key("members", false)
		e.int(o.Members)
		e.raw(`}`)
	}
	e.raw(`]`)
	e.key("interests", false)
	e.raw(`[`)
	for i, in := range c.Interests {
		if i > 0 {
			e.raw(`,`)
		}
		e.raw(`{`)
		e.key("interest", true)
		e.str(in.Interest)
		e.key("members", false)
		e.int(in.Members)
		e.raw(`}`)
	}
	e.raw(`]}`)
}

func (r *Report) jsonProvenance(e *jsonWriter) {
	p := &r.Result.Provenance
	e.raw(`{`)
	if p.Version > 0 { // 0: not from a store
		e.key("version", true)
		e.b = strconv.AppendUint(e.b, p.Version, 10)
		e.raw(`,`)
	}
	e.key("computedAt", true)
	e.str(p.ComputedAt.UTC().Format(time.RFC3339Nano))
	e.key("exact", false)
	e.bool(p.Exact)
	if p.Sample != nil {
		e.raw(`,"sample":{`)
		e.key("samples", true)
		e.int(p.Sample.Samples)
		e.key("epsilon", false)
		e.float(p.Sample.Epsilon)
		e.key("delta", false)
		e.float(p.Sample.Delta)
		e.raw(`}`)
	}
	e.key("metrics", false)
	names := []string{}
	if r.Result.Metrics != 0 {
		names = strings.Split(r.Result.Metrics.String(), ",")
	}
	e.strs(names)
	e.key("seed", false)
	e.b = strconv.AppendUint(e.b, r.Seed, 10)
	if r.Source != "" {
		e.key("source", false)
		e.str(r.Source)
	}
	if r.Brokerage != nil {
		e.raw(`,"brokerage":{`)
		e.key("groupBy", true)
		e.str(r.GroupBy)
		e.key("directed", false)
		e.bool(r.Brokerage.Directed)
		e.raw(`}`)
	}
	e.raw(`}`)
}

// jsonWriter appends JSON to a buffer and writes it out in large chunks.
type jsonWriter struct {
	w   io.Writer
	b   []byte
	err error
}

func (e *jsonWriter) raw(s string) { e.b = append(e.b, s...) }

// key writes "name": preceded by a comma unless first.
func (e *jsonWriter) key(name string, first bool) {
	if !first {
		e.b = append(e.b, ',')
	}
	e.b = append(e.b, '"')
	e.b = append(e.b, name...)
	e.b = append(e.b, '"', ':')
}

func (e *jsonWriter) int(n int) { e.b = strconv.AppendInt(e.b, int64(n), 10) }

func (e *jsonWriter) bool(x bool) { e.b = strconv.AppendBool(e.b, x) }

// float writes x as encoding/json would, and NaN or ±Inf as null.
func (e *jsonWriter) float(x float64) { e.b = appendJSONFloat(e.b, x) }

func appendJSONFloat(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, "null"...)
	}
	format := byte('f')
	if a := math.Abs(x); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, x, format, -1, 64)
	if format == 'e' {
		// 1e-07 → 1e-7, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// str writes s as a JSON string.
func (e *jsonWriter) str(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			q, _ := json.Marshal(s) // escapes, and replaces invalid UTF-8; never fails for a string
			e.b = append(e.b, q...)
			return
		}
	}
	e.b = append(e.b, '"')
	e.b = append(e.b, s...)
	e.b = append(e.b, '"')
}

func (e *jsonWriter) strs(list []string) {
	e.b = append(e.b, '[')
	for i, s := range list {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.str(s)
	}
	e.b = append(e.b, ']')
}

func (e *jsonWriter) ids(g *analysis.Snapshot, people []int) {
	e.b = append(e.b, '[')
	for i, v := range people {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.str(g.ID(v))
	}
	e.b = append(e.b, ']')
}

// maybeFlush writes the buffer out once it is large.
func (e *jsonWriter) maybeFlush() {
	if len(e.b) >= 32<<10 {
		e.write()
	}
}

func (e *jsonWriter) write() {
	if e.err == nil && len(e.b) > 0 {
		_, e.err = e.w.Write(e.b)
	}
	e.b = e.b[:0]
}

func (e *jsonWriter) flush() error {
	e.write()
	return e.err
}
