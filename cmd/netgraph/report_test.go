package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
)

// reportStore is a small store on a temporary file, closed so that a command
// can open it:
//
//	Leeds Trust: Ann, Bob, Cat; City Library: Dan, Eve, Fay
//	network Learning: Ann (LEAD), Bob, Cat, Dan (SPONSOR), Gus
//	ties: Ann–Bob, Bob–Cat, Cat–Ann, Cat–Dan, Dan–Eve, Eve–Fay; Gus has none
type reportStore struct {
	path               string
	learning           string
	trust              string
	people             map[string]string // name → id
	ann, fay, gus, eve string
}

func newReportStore(t *testing.T) *reportStore {
	t.Helper()
	rs := &reportStore{path: filepath.Join(t.TempDir(), "netgraph.db"), people: map[string]string{}}
	s, err := embedded.Open(rs.path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	trust, err := s.CreateOrganisation(ctx, netgraph.OrganisationCreate{Name: "Leeds Trust"})
	must(err)
	library, err := s.CreateOrganisation(ctx, netgraph.OrganisationCreate{Name: "City Library"})
	must(err)
	learning, err := s.CreateNetwork(ctx, netgraph.NetworkCreate{Name: "Learning", Type: netgraph.NetworkLearning})
	must(err)
	rs.learning, rs.trust = learning.ID, trust.ID
	for _, name := range []string{"Ann Archer", "Bob Baker", "Cat Cole", "Dan Dale", "Eve Ellis", "Fay Ford", "Gus Gray"} {
		p, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: name, Interests: []string{"dementia care"}})
		must(err)
		rs.people[name] = p.ID
	}
	id := func(name string) string { return rs.people[name] }
	rs.ann, rs.eve, rs.fay, rs.gus = id("Ann Archer"), id("Eve Ellis"), id("Fay Ford"), id("Gus Gray")
	for name, org := range map[string]string{"Ann Archer": trust.ID, "Bob Baker": trust.ID, "Cat Cole": trust.ID,
		"Dan Dale": library.ID, "Eve Ellis": library.ID, "Fay Ford": library.ID} {
		_, err := s.AddAffiliation(ctx, netgraph.Affiliation{PersonID: id(name), OrganisationID: org})
		must(err)
	}
	for name, role := range map[string]netgraph.MembershipRole{"Ann Archer": netgraph.MembershipLead, "Bob Baker": "",
		"Cat Cole": "", "Dan Dale": netgraph.MembershipSponsor, "Gus Gray": ""} {
		_, err := s.AddMembership(ctx, netgraph.Membership{PersonID: id(name), NetworkID: learning.ID, Role: role})
		must(err)
	}
	for _, tie := range [][2]string{{"Ann Archer", "Bob Baker"}, {"Bob Baker", "Cat Cole"}, {"Cat Cole", "Ann Archer"},
		{"Cat Cole", "Dan Dale"}, {"Dan Dale", "Eve Ellis"}, {"Eve Ellis", "Fay Ford"}} {
		_, err := s.Connect(ctx, netgraph.TieCreate{From: id(tie[0]), To: id(tie[1])})
		must(err)
	}
	return rs
}

func TestReport_Markdown(t *testing.T) {
	rs := newReportStore(t)
	code, stdout, stderr := runNetgraph(t, "report", "--db", rs.path, "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("wrote to stderr, which is not a terminal: %q", stderr)
	}
	for _, want := range []string{
		"# Network report: the whole graph\n",
		"\n## Health\n",
		"\n## People by metric\n",
		"\n### Betweenness (brokerage)\n",
		"\n### PageRank\n",
		"\n## Connectors\n",
		"\n## Sponsors\n",
		"\n## Isolated members\n",
		"\n## Peripheral members\n",
		"\n## Suggested introductions\n",
		"| People | 7 |",
		"Cat Cole (`" + rs.people["Cat Cole"] + "`)", // people are named
		"Leeds Trust",
		"SPONSOR",
		"no ties in the whole graph",
		"a single tie, to Eve Ellis",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the report has no %q", want)
		}
	}
	// Sections come in the order the brief gives them.
	order := []string{"## Health", "## People by metric", "## Connectors", "## Sponsors", "## Isolated members",
		"## Peripheral members", "## Suggested introductions"}
	last := -1
	for _, s := range order {
		i := strings.Index(stdout, s)
		if i < last {
			t.Errorf("%q is out of order", s)
		}
		last = i
	}
	// Gus, who has no ties, is offered an introduction.
	isolated := stdout[strings.Index(stdout, "## Isolated members"):strings.Index(stdout, "## Peripheral members")]
	if !strings.Contains(isolated, "Gus Gray") || !strings.Contains(isolated, "(score ") {
		t.Errorf("Gus is not listed as isolated with a suggested introduction:\n%s", isolated)
	}
}

func TestReport_Network(t *testing.T) {
	rs := newReportStore(t)
	code, stdout, stderr := runNetgraph(t, "report", "--db", rs.path, "--network", rs.learning, "--format", "markdown", "--top", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Markdown escapes the underscore of the id.
	if !strings.HasPrefix(stdout, "# Network report: network Learning ("+strings.ReplaceAll(rs.learning, "_", `\_`)+")\n") {
		t.Errorf("title: %q", strings.SplitN(stdout, "\n", 2)[0])
	}
	if !strings.Contains(stdout, "| People | 5 |") {
		t.Error("the network has 5 members")
	}
	if strings.Contains(stdout, "Eve Ellis") {
		t.Error("Eve, who is not a member, appears in the network's report")
	}
	// Dan holds the SPONSOR role in the network and gets a verdict.
	sponsors := stdout[strings.Index(stdout, "## Sponsors"):strings.Index(stdout, "## Isolated members")]
	if !strings.Contains(sponsors, "Dan Dale") || !strings.Contains(sponsors, "holds the SPONSOR role") {
		t.Errorf("Dan is not among the sponsors with a verdict:\n%s", sponsors)
	}
}

func TestReport_JSON(t *testing.T) {
	rs := newReportStore(t)
	code, stdout, stderr := runNetgraph(t, "report", "--db", rs.path, "--organisation", rs.trust, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Scope string `json:"scope"`
		Graph struct {
			Nodes int `json:"nodes"`
			Edges int `json:"edges"`
		} `json:"graph"`
		Nodes []struct {
			ID            string   `json:"id"`
			Name          string   `json:"name"`
			Betweenness   *float64 `json:"betweenness"`
			Organisations []string `json:"organisations"`
		} `json:"nodes"`
		Connectors    []json.RawMessage `json:"connectors"`
		Sponsors      []json.RawMessage `json:"sponsors"`
		Isolated      []json.RawMessage `json:"isolated"`
		Peripheral    []json.RawMessage `json:"peripheral"`
		Introductions []json.RawMessage `json:"introductions"`
		Provenance    struct {
			Version uint64 `json:"version"`
		} `json:"provenance"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if !strings.Contains(out.Scope, "Leeds Trust") || out.Graph.Nodes != 3 || out.Graph.Edges != 3 {
		t.Errorf("scope %q with %d people and %d ties, want Leeds Trust with 3 and 3", out.Scope, out.Graph.Nodes, out.Graph.Edges)
	}
	var names []string
	for _, n := range out.Nodes {
		names = append(names, n.Name)
		if n.Betweenness == nil || !slices.Equal(n.Organisations, []string{"Leeds Trust"}) {
			t.Errorf("node %+v: want betweenness and the organisation", n)
		}
	}
	if slices.Sort(names); !slices.Equal(names, []string{"Ann Archer", "Bob Baker", "Cat Cole"}) {
		t.Errorf("people %v, want Ann, Bob and Cat", names)
	}
	if out.Sponsors == nil || out.Isolated == nil || out.Peripheral == nil || out.Introductions == nil {
		t.Error("role lists and introductions should be present (if empty)")
	}
	if out.Provenance.Version == 0 {
		t.Error("provenance has no data version")
	}
}

func TestReport_CSV(t *testing.T) {
	rs := newReportStore(t)
	code, stdout, stderr := runNetgraph(t, "report", "--db", rs.path, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, stdout)
	}
	header := strings.Join(rows[0], ",")
	if !strings.HasPrefix(header, "id,name,roles,organisations,degree,") || !strings.HasSuffix(header, ",community,labels,communityName") {
		t.Errorf("header %q", header)
	}
	if len(rows) != 8 {
		t.Errorf("%d rows, want a header and 7 people", len(rows))
	}
	byName := map[string][]string{}
	for _, row := range rows[1:] {
		byName[row[1]] = row
	}
	last := len(rows[0]) - 2 // labels, before the community's name
	if gus := byName["Gus Gray"]; gus == nil || gus[last] != "isolated" {
		t.Errorf("Gus's row %q should be labelled isolated", gus)
	}
	if fay := byName["Fay Ford"]; fay == nil || !strings.HasSuffix(fay[last], "peripheral") {
		t.Errorf("Fay's row %q should be labelled peripheral", fay)
	}
}

func TestReport_Errors(t *testing.T) {
	rs := newReportStore(t)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"UnknownNetwork", []string{"--db", rs.path, "--network", "nope"}, 1, `network "nope" not found`},
		{"BothScopes", []string{"--db", rs.path, "--network", rs.learning, "--organisation", rs.trust}, 2, "not both"},
		{"NoStore", []string{"--db", filepath.Join(t.TempDir(), "missing.db")}, 1, "no such file"},
		{"UnknownFormat", []string{"--db", rs.path, "--format", "pdf"}, 2, `"pdf"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runNetgraph(t, append([]string{"report"}, tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.want)
			}
			if stdout != "" {
				t.Errorf("printed %q on failure", stdout)
			}
		})
	}
}

func TestReport_HTML(t *testing.T) {
	rs := newReportStore(t)
	code, stdout, stderr := runNetgraph(t, "report", "--db", rs.path, "--format", "html")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "<!DOCTYPE html>") {
		t.Fatalf("not an HTML page: %q", stdout[:min(len(stdout), 80)])
	}
	for _, want := range []string{
		"<title>Network report: the whole graph</title>",
		`<section id="health">`,
		`<section id="connectors">`,
		`<section id="isolated">`,
		"Cat Cole<code>" + rs.people["Cat Cole"] + "</code>", // named with their id
		"no ties in the whole graph",
		"a single tie, to Eve Ellis",
		"The map shows the largest component: 6 of 7 people.",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the page has no %q", want)
		}
	}
	if n := strings.Count(stdout, `<svg class="plot"`); n != 3 {
		t.Errorf("%d plots, want the map and two histograms", n)
	}
}
