package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netgraph/netgraph/analysis"
)

// A document is the report for people to read, laid out once: a title, a
// summary, and sections of tables whose cells are already worded. The
// Markdown and HTML formats both render it, so they carry the same sections
// and the same figures; only the markup differs. Titles, introductions and
// notes are netgraph's own words; the document's title and the cells may
// hold what users typed (names, organisations) and every format escapes them.
type document struct {
	Title    string
	Summary  string
	Sections []section
	Footer   string
}

// A section is a heading with an introduction, a table, a note below the
// table (or in its place: "None found.") and subsections.
type section struct {
	// ID names the section for links ("health", "connectors").
	ID          string
	Title       string
	Intro       string
	Table       *table
	Note        string
	Subsections []section
}

// A table is a header of columns and rows of cells, one per column.
type table struct {
	Columns []column
	Rows    [][]cell
}

// A column is a table's column; Numeric columns are aligned right.
type column struct {
	Title   string
	Numeric bool
}

// A cell is text in which people may be named: the formats show a person by
// name with their id beside it, each in its own markup.
type cell []span

// A span is text or, when PersonID is set, a person: Text is then their
// name, empty or equal to the id when they have none.
type span struct {
	Text     string
	PersonID string
}

// text is a cell of plain text.
func text(s string) cell { return cell{{Text: s}} }

// person is a cell naming person v.
func (r *Report) person(v int) cell {
	id := r.Snapshot.ID(v)
	return cell{{Text: r.Names[id], PersonID: id}}
}

// HasName says whether a person span has a name besides the id.
func (s span) HasName() bool { return s.Text != "" && s.Text != s.PersonID }

// document lays out the report: health, the rankings, connectors,
// sponsors and holders of the SPONSOR role, isolated and peripheral members, introductions and communities.
func (r *Report) document() *document {
	d := &document{Title: r.title(), Summary: r.summary(),
		Footer: fmt.Sprintf("Louvain and any sampling ran with seed %d, so the figures can be reproduced.", r.Seed)}
	d.Sections = append(d.Sections, r.healthSection(), r.rankingsSection())
	d.Sections = append(d.Sections, r.roleSections()...)
	d.Sections = append(d.Sections, r.edgeSections()...)
	d.Sections = append(d.Sections, r.introductionsSection())
	if s, ok := r.communitiesSection(); ok {
		d.Sections = append(d.Sections, s)
	}
	return d
}

func (r *Report) title() string {
	title := "Network report"
	if r.Scope != "" {
		title += ": " + r.Scope
	} else if r.Source != "" {
		title += ": " + r.Source
	}
	return title
}

// edgeRowsShown is how many isolated or peripheral members are listed
// before the rest are summarised (at least Report.Top).
const edgeRowsShown = 100

// summary says what was analysed, when, and how exact betweenness is.
func (r *Report) summary() string {
	var b strings.Builder
	p := r.Result.Provenance
	fmt.Fprintf(&b, "%s and %s ties", peopleCount(r.Result.Graph.People), thousands(r.Result.Graph.Ties))
	if p.Version > 0 {
		fmt.Fprintf(&b, " at data version %d", p.Version)
	}
	if !p.ComputedAt.IsZero() {
		fmt.Fprintf(&b, ", computed %s", p.ComputedAt.UTC().Format(time.DateTime+" MST"))
	}
	b.WriteString(".")
	if r.Result.Metrics.Has(analysis.MetricBetweenness) {
		if p.Sample != nil {
			fmt.Fprintf(&b, " Betweenness is estimated from %s sampled paths: every figure is within %g of the exact value with probability %g.",
				thousands(p.Sample.Samples), p.Sample.Epsilon, 1-p.Sample.Delta)
		} else {
			b.WriteString(" Betweenness is exact.")
		}
	}
	if r.Snapshot.Weighted() {
		b.WriteString(" Ties are weighted by strength: a strong tie counts as a short path.")
	}
	return b.String()
}

// articulationShown is how many articulation points the health table names.
const articulationShown = 10

func (r *Report) healthSection() section {
	h := &r.Result.Graph
	t := &table{Columns: []column{{Title: "Figure"}, {Title: "Value", Numeric: true}}}
	row := func(name string, value cell) { t.Rows = append(t.Rows, []cell{text(name), value}) }
	row("People", text(thousands(h.People)))
	row("Ties", text(thousands(h.Ties)))
	row("Density (share of possible ties present)", text(value(h.Density, false)))
	row("Components", text(thousands(h.Components)))
	row("Largest component", text(percent(h.LargestComponentShare)+" of people"))
	row("Average clustering", text(value(h.AverageClustering, false)))
	row("Transitivity", text(value(h.Transitivity, false)))
	row("Modularity of the communities", text(figure(h.Modularity)))
	row("Degree centralization", text(value(h.DegreeCentralization, false)))
	row("Betweenness centralization", text(figure(h.BetweennessCentralization)))
	row("Average path length (largest component)", text(figure(h.AveragePathLength)))
	row("Diameter (largest component)", text(figure(h.Diameter)))
	row("Isolated members (no ties)", text(thousands(h.Isolated)))
	row("Peripheral members (one tie)", text(thousands(h.Peripheral)))
	ap := text(thousands(len(h.ArticulationPoints)))
	shown := h.ArticulationPoints[:min(len(h.ArticulationPoints), articulationShown)]
	for i, v := range shown {
		sep := ", "
		if i == 0 {
			sep = ": "
		}
		ap = append(ap, span{Text: sep})
		ap = append(ap, r.person(v)...)
	}
	if more := len(h.ArticulationPoints) - len(shown); more > 0 && len(shown) > 0 {
		ap = append(ap, span{Text: " and " + thousands(more) + " more"})
	}
	row("Articulation points (people whose departure splits the network)", ap)
	row("Bridges (ties that are the only link between two parts)", text(thousands(len(h.Bridges))))
	return section{ID: "health", Title: "Health", Table: t}
}

// personColumns are the columns that introduce a person in a table.
var personColumns = []column{{Title: "Person"}, {Title: "Organisations"}, {Title: "Roles"}}

// personCells are a person's cells under personColumns.
func (r *Report) personCells(v int) []cell {
	prof := r.Snapshot.Profile(v)
	return []cell{r.person(v), text(groupNames(prof.Organisations)), text(strings.Join(prof.Roles, ", "))}
}

func (r *Report) rankingsSection() section {
	s := section{ID: "rankings", Title: "People by metric",
		Intro: fmt.Sprintf("The top %d people by each metric, with their organisations and roles.", r.top())}
	for _, c := range r.computed() {
		if !c.Ranked {
			continue
		}
		t := &table{Columns: append(append([]column{{Title: "#", Numeric: true}}, personColumns...), column{Title: c.Name, Numeric: true})}
		for i, v := range r.ranking(c, r.top()) {
			row := append([]cell{text(strconv.Itoa(i + 1))}, r.personCells(v)...)
			t.Rows = append(t.Rows, append(row, text(value(c.Value(&r.Result.People[v]), c.Int))))
		}
		s.Subsections = append(s.Subsections, section{ID: "rank-" + c.Name, Title: c.Title, Table: t})
	}
	return s
}

func (r *Report) roleSections() []section {
	var out []section
	for _, list := range []struct {
		id, title, intro string
		cands            []analysis.RoleCandidate
	}{
		{"connectors", "Connectors", "People who broker between groups: high betweenness, with ties into several communities or organisations.", r.Result.Connectors},
		{"sponsors", "Sponsors", "People whose ties give them influence and reach (eigenvector centrality and PageRank), in the top 10% of the people here.", r.Result.Sponsors},
		{"sponsor-role", "Holders of the SPONSOR role", "Everyone whose membership role is sponsor, with a verdict on how well placed they are to sponsor.", r.Result.SponsorRoleHolders},
	} {
		s := section{ID: list.id, Title: list.title, Intro: list.intro}
		if len(list.cands) == 0 {
			s.Note = "None found."
			out = append(out, s)
			continue
		}
		t := &table{Columns: append(append([]column{{Title: "#", Numeric: true}}, personColumns...),
			column{Title: "Score", Numeric: true}, column{Title: "Why"})}
		// The lists are as long as the analysis was asked for; the holders
		// of the SPONSOR role are all there.
		for i, c := range list.cands {
			row := append([]cell{text(strconv.Itoa(i + 1))}, r.personCells(c.Person)...)
			t.Rows = append(t.Rows, append(row, text(value(c.Score, false)), text(strings.Join(c.Reasons, "; "))))
		}
		s.Table = t
		out = append(out, s)
	}
	return out
}

func (r *Report) edgeSections() []section {
	isolated, peripheral := r.edgeMembers()
	var out []section
	for _, list := range []struct {
		id, title, intro string
		people           []standing
	}{
		{"isolated", "Isolated members", "Members with no ties.", isolated},
		{"peripheral", "Peripheral members", "Members who hang on by a single tie.", peripheral},
	} {
		s := section{ID: list.id, Title: list.title, Intro: list.intro}
		if len(list.people) == 0 {
			s.Note = "None."
			out = append(out, s)
			continue
		}
		shown := min(len(list.people), max(r.top(), edgeRowsShown))
		t := &table{Columns: append(slices.Clone(personColumns), column{Title: "Why"}, column{Title: "Suggested introduction"})}
		for _, m := range list.people[:shown] {
			var intro cell
			if m.intro != nil {
				other := m.intro.B
				if other == m.person {
					other = m.intro.A
				}
				intro = append(r.person(other), span{Text: " (score " + value(m.intro.Score, false) + ")"})
			}
			t.Rows = append(t.Rows, append(r.personCells(m.person), text(strings.Join(m.reasons, "; ")), intro))
		}
		s.Table = t
		if more := len(list.people) - shown; more > 0 {
			s.Note = "and " + thousands(more) + " more (the CSV and JSON formats list everyone)."
		}
		out = append(out, s)
	}
	return out
}

func (r *Report) introductionsSection() section {
	s := section{ID: "introductions", Title: "Suggested introductions"}
	if !r.Introductions && r.Result.Introductions == nil {
		s.Note = "Not computed."
		return s
	}
	if len(r.Result.Introductions) == 0 {
		s.Note = "None found."
		return s
	}
	s.Intro = "Ties that do not exist yet and would help, best first, scored from 0 to 100: drawing in isolated and peripheral members, and between people with mutual contacts, shared interests or a shared organisation, sector or region."
	t := &table{Columns: []column{{Title: "#", Numeric: true}, {Title: "Introduce"}, {Title: "To"}, {Title: "Score", Numeric: true}, {Title: "Why"}}}
	intros := r.Result.Introductions
	for i := range intros[:min(len(intros), r.top())] {
		in := &intros[i]
		t.Rows = append(t.Rows, []cell{text(strconv.Itoa(i + 1)), r.person(in.A), r.person(in.B), text(value(in.Score, false)),
			text(strings.Join(r.introductionReasons(in), "; "))})
	}
	s.Table = t
	return s
}

// communitiesShown is the least number of communities listed.
const communitiesShown = 20

// communitiesSection lists the communities, largest first; false when they
// were not computed.
func (r *Report) communitiesSection() (section, bool) {
	cs := r.Result.Communities
	if cs == nil {
		return section{}, false
	}
	s := section{ID: "communities", Title: "Communities", Intro: "Groups of people more tied to each other than to the rest (Louvain), largest first, each named by what its members share (organisation, profession, region or interests)."}
	t := &table{Columns: []column{{Title: "#", Numeric: true}, {Title: "Name"}, {Title: "Members", Numeric: true}, {Title: "Organisations"}, {Title: "Interests"}}}
	shown := max(r.top(), communitiesShown)
	for _, c := range cs[:min(len(cs), shown)] {
		t.Rows = append(t.Rows, []cell{text(strconv.Itoa(c.ID)), text(c.Name), text(thousands(c.Size)), text(communityOrganisations(c)), text(communityInterests(c))})
	}
	s.Table = t
	if more := len(cs) - shown; more > 0 {
		s.Note = "and " + thousands(more) + " smaller communities."
	}
	return s, true
}

// communityOrganisations names a community's commonest organisations with
// their members in it: "Leeds Trust (12), City Library (3)".
func communityOrganisations(c analysis.Community) string {
	orgs := make([]string, len(c.Organisations))
	for i, o := range c.Organisations {
		orgs[i] = groupName(o.Organisation) + " (" + strconv.Itoa(o.Members) + ")"
	}
	return strings.Join(orgs, ", ")
}

// communityInterests names a community's commonest interests likewise.
func communityInterests(c analysis.Community) string {
	interests := make([]string, len(c.Interests))
	for i, in := range c.Interests {
		interests[i] = in.Interest + " (" + strconv.Itoa(in.Members) + ")"
	}
	return strings.Join(interests, ", ")
}
