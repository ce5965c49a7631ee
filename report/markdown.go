package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/netgraph/netgraph/analysis"
)

// edgeRowsShown is how many isolated or peripheral members Markdown lists
// before summarising the rest (at least Report.Top).
const edgeRowsShown = 100

// WriteMarkdown writes a report for analysts: health figures, the top people
// by each metric with their organisations and roles, connectors, sponsors
// and holders of the SPONSOR role with the reasons, isolated and peripheral members with the evidence and a
// suggested introduction, suggested introductions with their reasons, and
// the communities.
func WriteMarkdown(w io.Writer, r *Report) error {
	m := &markdown{w: bufio.NewWriterSize(w, 32<<10), r: r}
	m.header()
	m.health()
	m.rankings()
	m.roles()
	m.edges()
	m.introductions()
	m.communities()
	m.footer()
	return m.w.Flush()
}

type markdown struct {
	w *bufio.Writer
	r *Report
}

func (m *markdown) printf(format string, args ...any) { fmt.Fprintf(m.w, format, args...) }

// person is how a person appears in a cell: "Name (`id`)", or "`id`".
func (m *markdown) person(v int) string {
	id := m.r.Snapshot.ID(v)
	if n := m.r.Names[id]; n != "" && n != id {
		return mdText(n) + " (" + mdCode(id) + ")"
	}
	return mdCode(id)
}

func (m *markdown) header() {
	r := m.r
	title := "Network report"
	if r.Scope != "" {
		title += ": " + r.Scope
	} else if r.Source != "" {
		title += ": " + r.Source
	}
	m.printf("# %s\n\n", mdText(title))
	p := r.Result.Provenance
	m.printf("%s and %s ties", peopleCount(r.Result.Graph.People), thousands(r.Result.Graph.Ties))
	if p.Version > 0 {
		m.printf(" at data version %d", p.Version)
	}
	if !p.ComputedAt.IsZero() {
		m.printf(", computed %s", p.ComputedAt.UTC().Format(time.DateTime+" MST"))
	}
	m.printf(". ")
	if r.Result.Metrics.Has(analysis.MetricBetweenness) {
		if p.Sample != nil {
			m.printf("Betweenness is estimated from %s sampled paths: every figure is within %g of the exact value with probability %g. ",
				thousands(p.Sample.Samples), p.Sample.Epsilon, 1-p.Sample.Delta)
		} else {
			m.printf("Betweenness is exact. ")
		}
	}
	if r.Snapshot.Weighted() {
		m.printf("Ties are weighted by strength: a strong tie counts as a short path.")
	}
	m.printf("\n")
}

func (m *markdown) health() {
	h := &m.r.Result.Graph
	m.printf("\n## Health\n\n| Figure | Value |\n|---|--:|\n")
	row := func(name, value string) { m.printf("| %s | %s |\n", name, value) }
	row("People", thousands(h.People))
	row("Ties", thousands(h.Ties))
	row("Density (share of possible ties present)", value(h.Density, false))
	row("Components", thousands(h.Components))
	row("Largest component", percent(h.LargestComponentShare)+" of people")
	row("Average clustering", value(h.AverageClustering, false))
	row("Transitivity", value(h.Transitivity, false))
	row("Modularity of the communities", figure(h.Modularity))
	row("Degree centralization", value(h.DegreeCentralization, false))
	row("Betweenness centralization", figure(h.BetweennessCentralization))
	row("Average path length (largest component)", figure(h.AveragePathLength))
	row("Diameter (largest component)", figure(h.Diameter))
	row("Isolated members (no ties)", thousands(h.Isolated))
	row("Peripheral members (one tie)", thousands(h.Peripheral))
	names := make([]string, 0, 10)
	for _, v := range h.ArticulationPoints[:min(len(h.ArticulationPoints), 10)] {
		names = append(names, m.person(v))
	}
	ap := thousands(len(h.ArticulationPoints))
	if len(names) > 0 {
		ap += ": " + strings.Join(names, ", ")
		if more := len(h.ArticulationPoints) - len(names); more > 0 {
			ap += fmt.Sprintf(" and %s more", thousands(more))
		}
	}
	row("Articulation points (people whose departure splits the network)", ap)
	row("Bridges (ties that are the only link between two parts)", thousands(len(h.Bridges)))
}

func (m *markdown) rankings() {
	r := m.r
	m.printf("\n## People by metric\n\nThe top %d people by each metric, with their organisations and roles.\n", r.top())
	for _, c := range r.computed() {
		if !c.Ranked {
			continue
		}
		m.printf("\n### %s\n\n| # | Person | Organisations | Roles | %s |\n|--:|---|---|---|--:|\n", c.Title, c.Name)
		for i, v := range r.ranking(c, r.top()) {
			prof := r.Snapshot.Profile(v)
			m.printf("| %d | %s | %s | %s | %s |\n", i+1, m.person(v), mdText(groupNames(prof.Organisations)),
				mdText(strings.Join(prof.Roles, ", ")), value(c.Value(&r.Result.People[v]), c.Int))
		}
	}
}

func (m *markdown) roles() {
	r := m.r
	for _, list := range []struct {
		title, intro string
		cands        []analysis.RoleCandidate
	}{
		{"Connectors", "People who broker between groups: high betweenness, with ties into several communities or organisations.", r.Result.Connectors},
		{"Sponsors", "People whose ties give them influence and reach (eigenvector centrality and PageRank), in the top 10% of the people here.", r.Result.Sponsors},
		{"Holders of the SPONSOR role", "Everyone whose membership role is sponsor, with a verdict on how well placed they are to sponsor.", r.Result.SponsorRoleHolders},
	} {
		m.printf("\n## %s\n\n%s\n\n", list.title, list.intro)
		if len(list.cands) == 0 {
			m.printf("None found.\n")
			continue
		}
		m.printf("| # | Person | Organisations | Roles | Score | Why |\n|--:|---|---|---|--:|---|\n")
		// The lists are as long as the analysis was asked for; the holders
		// of the SPONSOR role are all there.
		for i, c := range list.cands {
			prof := r.Snapshot.Profile(c.Person)
			m.printf("| %d | %s | %s | %s | %s | %s |\n", i+1, m.person(c.Person), mdText(groupNames(prof.Organisations)),
				mdText(strings.Join(prof.Roles, ", ")), value(c.Score, false), mdText(strings.Join(c.Reasons, "; ")))
		}
	}
}

func (m *markdown) edges() {
	r := m.r
	isolated, peripheral := r.edgeMembers()
	for _, list := range []struct {
		title, intro string
		people       []standing
	}{
		{"Isolated members", "Members with no ties.", isolated},
		{"Peripheral members", "Members who hang on by a single tie.", peripheral},
	} {
		m.printf("\n## %s\n\n%s\n\n", list.title, list.intro)
		if len(list.people) == 0 {
			m.printf("None.\n")
			continue
		}
		shown := min(len(list.people), max(r.top(), edgeRowsShown))
		m.printf("| Person | Organisations | Roles | Why | Suggested introduction |\n|---|---|---|---|---|\n")
		for _, s := range list.people[:shown] {
			prof := r.Snapshot.Profile(s.person)
			intro := ""
			if s.intro != nil {
				other := s.intro.B
				if other == s.person {
					other = s.intro.A
				}
				intro = m.person(other) + " (score " + value(s.intro.Score, false) + ")"
			}
			m.printf("| %s | %s | %s | %s | %s |\n", m.person(s.person), mdText(groupNames(prof.Organisations)),
				mdText(strings.Join(prof.Roles, ", ")), mdText(strings.Join(s.reasons, "; ")), intro)
		}
		if more := len(list.people) - shown; more > 0 {
			m.printf("\nand %s more (the CSV and JSON formats list everyone).\n", thousands(more))
		}
	}
}

func (m *markdown) introductions() {
	r := m.r
	m.printf("\n## Suggested introductions\n\n")
	if !r.Introductions && r.Result.Introductions == nil {
		m.printf("Not computed.\n")
		return
	}
	if len(r.Result.Introductions) == 0 {
		m.printf("None found.\n")
		return
	}
	m.printf("Ties that do not exist yet and would help: drawing in isolated and peripheral members first, then between people with mutual contacts or shared interests.\n\n")
	m.printf("| # | Introduce | To | Score | Why |\n|--:|---|---|--:|---|\n")
	intros := r.Result.Introductions
	for i := range intros[:min(len(intros), r.top())] {
		in := &intros[i]
		m.printf("| %d | %s | %s | %s | %s |\n", i+1, m.person(in.A), m.person(in.B), value(in.Score, false),
			mdText(strings.Join(r.introductionReasons(in), "; ")))
	}
}

func (m *markdown) communities() {
	cs := m.r.Result.Communities
	if cs == nil {
		return
	}
	m.printf("\n## Communities\n\nGroups of people more tied to each other than to the rest (Louvain), largest first.\n\n")
	m.printf("| # | Members | Organisations | Interests |\n|--:|--:|---|---|\n")
	for _, c := range cs[:min(len(cs), max(m.r.top(), 20))] {
		orgs := make([]string, len(c.Organisations))
		for i, o := range c.Organisations {
			orgs[i] = groupName(o.Organisation) + " (" + strconv.Itoa(o.Members) + ")"
		}
		interests := make([]string, len(c.Interests))
		for i, in := range c.Interests {
			interests[i] = in.Interest + " (" + strconv.Itoa(in.Members) + ")"
		}
		m.printf("| %d | %s | %s | %s |\n", c.ID, thousands(c.Size), mdText(strings.Join(orgs, ", ")), mdText(strings.Join(interests, ", ")))
	}
	if more := len(cs) - max(m.r.top(), 20); more > 0 {
		m.printf("\nand %s smaller communities.\n", thousands(more))
	}
}

func (m *markdown) footer() {
	m.printf("\n---\n\nLouvain and any sampling ran with seed %d, so the figures can be reproduced.\n", m.r.Seed)
}

// mdText escapes text for a Markdown table cell: characters that would
// start formatting or end the cell are escaped, line breaks become spaces,
// and other control characters are dropped.
func mdText(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0:
		case strings.ContainsRune("\\|*_`<>[]#", c):
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// mdCode shows an id as code, or as escaped text if it holds a backtick.
func mdCode(s string) string {
	if s == "" || strings.ContainsAny(s, "`\n\r") {
		return mdText(s)
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}
