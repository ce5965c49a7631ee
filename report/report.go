// Package report renders analysis results for people to read or for other
// programs to load: JSON (a stable contract, see WriteJSON), CSV (one row per
// person), a terminal table (the top people per metric) and Markdown (a
// report for analysts: health, rankings, roles and introductions with their
// reasons). `netgraph analyse` and `netgraph report` share it.
//
// Writers are built for large networks: they write through one buffer and
// format numbers with strconv rather than reflection.
package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/netgraph/netgraph/analysis"
)

// Format is an output format.
type Format string

// Formats.
const (
	JSON     Format = "json"
	CSV      Format = "csv"
	Table    Format = "table"
	Markdown Format = "markdown"
	HTML     Format = "html"    // one self-contained page with plots (WriteHTML)
	GEXF     Format = "gexf"    // for Gephi (graphfile.WriteGEXF)
	GraphML  Format = "graphml" // for Cytoscape, yEd, igraph (graphfile.WriteGraphML)
)

// Formats lists every format.
var Formats = []Format{JSON, CSV, Table, Markdown, HTML, GEXF, GraphML}

// ParseFormat returns the named format.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Formats, f) {
		names := make([]string, len(Formats))
		for i, f := range Formats {
			names[i] = string(f)
		}
		return "", fmt.Errorf("unknown format %q (known: %s)", s, strings.Join(names, ", "))
	}
	return f, nil
}

// DefaultTop is the length of rankings when Report.Top is zero.
const DefaultTop = analysis.DefaultTop

// Report is an analysis result with what is needed to present it.
type Report struct {
	// Snapshot and Result are what was analysed and what was found.
	Snapshot *analysis.Snapshot
	Result   *analysis.Result
	// Scope says what the report covers ("network Learning (n_1)"); empty
	// for an edge list.
	Scope string
	// Source names the input, such as an edge file; empty for a store.
	Source string
	// Names are people's display names by id; people without one are shown
	// by id. Nil for an edge list.
	Names map[string]string
	// Roles says that roles were computed (analysis.Options.Roles): JSON
	// and CSV then have the role lists (connectors, sponsors, holders of
	// the SPONSOR role in JSON, isolated and peripheral members). Markdown always has them.
	Roles bool
	// Introductions says that introductions were computed
	// (analysis.Options.Introductions), so that none found is written as
	// such rather than left out.
	Introductions bool
	// Top is the number of people per ranking and of role and introduction
	// rows in the table and Markdown formats; zero means DefaultTop.
	Top int
	// Seed is the seed the analysis ran with, for the provenance.
	Seed uint64
	// Brokerage, when set, adds each person's brokerage roles to the JSON
	// nodes; GroupBy names the grouping it was computed by.
	Brokerage *analysis.Brokerage
	GroupBy   string
	// Fragmentation, when set, adds Borgatti's fragmentation and distance
	// fragmentation of the whole network to the JSON graph object.
	Fragmentation *Fragmentation
	// WhatIf and KeyPlayers, when set, are written as JSON's "whatIf" and
	// "keyPlayers".
	WhatIf     *analysis.WhatIf
	KeyPlayers *analysis.KeyPlayerSet
	// Comparison, when set, says how the network changed since a baseline.
	Comparison *analysis.Comparison
}

// Fragmentation is Borgatti's fragmentation F of a whole network and, when
// it was computed, its distance fragmentation DF (see analysis.WhatIf).
type Fragmentation struct {
	Fragmentation         float64
	DistanceFragmentation *float64
}

// Write renders r in format f.
func Write(w io.Writer, f Format, r *Report) error {
	switch f {
	case JSON:
		return WriteJSON(w, r)
	case CSV:
		return WriteCSV(w, r)
	case Table:
		return WriteTable(w, r)
	case Markdown:
		return WriteMarkdown(w, r)
	case HTML:
		return WriteHTML(w, r)
	case GEXF, GraphML:
		return writeGraphFile(w, f, r)
	}
	return fmt.Errorf("report: unknown format %q", f)
}

func (r *Report) top() int {
	if r.Top <= 0 {
		return DefaultTop
	}
	return r.Top
}

// name is how person v is shown: their name, or their id.
func (r *Report) name(v int) string {
	id := r.Snapshot.ID(v)
	if n := r.Names[id]; n != "" {
		return n
	}
	return id
}

// computed returns the registry's metrics that r holds, in output order.
func (r *Report) computed() []analysis.Metric {
	var out []analysis.Metric
	for _, m := range analysis.Metrics {
		if r.Result.Metrics.Has(m.Kernel) {
			out = append(out, m)
		}
	}
	return out
}

// ranking returns the top n people by m, best first, ties broken by index;
// people whose value is NaN are left out.
func (r *Report) ranking(m analysis.Metric, n int) []int {
	people := r.Result.People
	return analysis.TopK(len(people), func(v int) float64 { return m.Value(&people[v]) }, n, m.LowFirst)
}

// appendValue formats a metric value for people: integers as such, others
// with four significant digits in plain decimals, never exponent notation
// (12345.6 as 12346, 5.2e-07 as 0.00000052); values nearer 0 than 1e-9 as
// "≈ 0", NaN as "n/a".
func appendValue(b []byte, x float64, isInt bool) []byte {
	switch {
	case math.IsNaN(x):
		return append(b, "n/a"...)
	case math.IsInf(x, 0):
		return strconv.AppendFloat(b, x, 'f', -1, 64) // +Inf, -Inf
	case isInt:
		return strconv.AppendInt(b, int64(x), 10)
	case x == 0:
		return append(b, '0')
	case math.Abs(x) < 1e-9:
		return append(b, "≈ 0"...)
	}
	// Decimals for four significant digits: 3 for 1.234, 0 for 12346, 7 for 0.0001234.
	decimals := max(0, 3-int(math.Floor(math.Log10(math.Abs(x)))))
	start := len(b)
	b = strconv.AppendFloat(b, x, 'f', decimals, 64)
	if decimals > 0 { // 0.5000 as 0.5, as 'g' would
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	if len(b) == start {
		b = append(b, '0')
	}
	return b
}

func value(x float64, isInt bool) string { return string(appendValue(nil, x, isInt)) }

// figure formats an optional whole-network figure.
func figure(x *float64) string {
	if x == nil {
		return "not computed"
	}
	return value(*x, false)
}

// percent formats a share as a percentage.
func percent(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return strconv.FormatFloat(100*x, 'f', 1, 64) + "%"
}

// peopleCount says "1 person" or "12,345 people".
func peopleCount(n int) string { return count(n, "person", "people") }

// count says "1 tie" or "12,345 ties".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// thousands formats n with comma separators.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// standing is why a person is listed outside the rankings: isolated and
// peripheral members with the evidence, and their best suggested
// introduction if there is one.
type standing struct {
	person  int
	reasons []string
	intro   *analysis.Introduction
}

// edgeMembers returns the isolated and peripheral members with reasons and,
// when introductions were computed, the best introduction for each (the
// result's own list is cut to the top few, so it is worked out again for
// all of them: one pass over the network).
func (r *Report) edgeMembers() (isolated, peripheral []standing) {
	g := r.Snapshot
	best := map[int]*analysis.Introduction{}
	if r.Introductions && len(r.Result.Isolated)+len(r.Result.Peripheral) > 0 {
		var communities []int32
		if r.Result.Metrics.Has(analysis.MetricCommunity) {
			communities = make([]int32, len(r.Result.People))
			for v := range r.Result.People {
				communities[v] = int32(r.Result.People[v].Community)
			}
		}
		drawIns := analysis.EdgeIntroductions(g, communities)
		for i := range drawIns {
			if _, ok := best[drawIns[i].A]; !ok {
				best[drawIns[i].A] = &drawIns[i]
			}
		}
	}
	scope := r.Scope
	if scope == "" {
		scope = "this network"
	}
	for _, v := range r.Result.Isolated {
		s := standing{person: v, reasons: []string{"no ties in " + scope}, intro: best[v]}
		if g.Profile(v).Declined {
			s.reasons = append(s.reasons, "has declined to be suggested for introductions")
		}
		isolated = append(isolated, s)
	}
	for _, v := range r.Result.Peripheral {
		w := int(g.Neighbors(v)[0])
		reason := "a single tie, to " + r.name(w)
		if g.Weighted() {
			reason += " (strength " + value(g.Strengths(v)[0], false) + ")"
		}
		s := standing{person: v, reasons: []string{reason}, intro: best[v]}
		if d := g.Degree(w); d == 1 {
			s.reasons = append(s.reasons, "their only contact has no other tie: the pair is cut off")
		}
		if g.Profile(v).Declined {
			s.reasons = append(s.reasons, "has declined to be suggested for introductions")
		}
		peripheral = append(peripheral, s)
	}
	return isolated, peripheral
}

// introductionReasons are an introduction's reasons, with mutual contacts
// named when there are few.
func (r *Report) introductionReasons(in *analysis.Introduction) []string {
	reasons := slices.Clone(in.Reasons)
	// The first reason is "k mutual contact(s)" when there are any.
	if k := len(in.MutualContacts); k > 0 && k <= 3 && len(reasons) > 0 && strings.Contains(reasons[0], "mutual contact") {
		names := make([]string, k)
		for i, z := range in.MutualContacts {
			names[i] = r.name(z)
		}
		reasons[0] += ": " + strings.Join(names, ", ")
	}
	return reasons
}

// groupName is how an organisation is shown: its name, or its id.
func groupName(o analysis.Group) string {
	if o.Name != "" {
		return o.Name
	}
	return o.ID
}

// groupNames joins the names of organisations.
func groupNames(groups []analysis.Group) string {
	names := make([]string, len(groups))
	for i, o := range groups {
		names[i] = groupName(o)
	}
	return strings.Join(names, "; ")
}

// labels returns, per person, what the role lists say of them:
// "connector 1", "sponsor 3", "isolated", "peripheral".
func (r *Report) labels() map[int][]string {
	out := map[int][]string{}
	for i, c := range r.Result.Connectors {
		out[c.Person] = append(out[c.Person], "connector "+strconv.Itoa(i+1))
	}
	for i, c := range r.Result.Sponsors {
		out[c.Person] = append(out[c.Person], "sponsor "+strconv.Itoa(i+1))
	}
	for _, v := range r.Result.Isolated {
		out[v] = append(out[v], "isolated")
	}
	for _, v := range r.Result.Peripheral {
		out[v] = append(out[v], "peripheral")
	}
	return out
}
