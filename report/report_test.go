package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/analysis"
)

// testReport analyses a small network: a triangle a–b–c, a tail c–d–e, and
// f with no ties, with names and organisations for some people.
func testReport(t *testing.T, opts analysis.Options) *Report {
	t.Helper()
	b := analysis.NewBuilder(false)
	b.SetProfile("a", analysis.Profile{Organisations: []analysis.Group{{ID: "o1", Name: "Leeds | Trust"}}, Roles: []string{"LEAD"}})
	for _, e := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "a"}, {"c", "d"}, {"d", "e"}} {
		if err := b.AddTie(e[0], e[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	b.AddPerson("f")
	g := b.Build()
	res, err := analysis.Analyse(context.Background(), g, opts)
	if err != nil {
		t.Fatal(err)
	}
	return &Report{Snapshot: g, Result: res, Roles: opts.Roles, Top: 3,
		Names: map[string]string{"a": "Ann *Archer*", "e": "=HYPERLINK(\"x\")"}}
}

func TestAppendJSONFloat(t *testing.T) {
	for _, x := range []float64{0, 1, -2.5, 1e-7, 1.5e-9, 123456789, 1e21, 3.0000000000000004, 0.1} {
		want, _ := json.Marshal(x)
		if got := appendJSONFloat(nil, x); string(got) != string(want) {
			t.Errorf("%v: %s, want %s as encoding/json writes it", x, got, want)
		}
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := appendJSONFloat(nil, x); string(got) != "null" {
			t.Errorf("%v: %s, want null", x, got)
		}
	}
}

func TestJSONStrings(t *testing.T) {
	e := &jsonWriter{}
	for _, s := range []string{"plain", `quote " and \ backslash`, "tab\tnew\nline", "Zoë", "bad \xff utf-8"} {
		e.b = e.b[:0]
		e.str(s)
		var back string
		if err := json.Unmarshal(e.b, &back); err != nil {
			t.Errorf("%q: %s is not a JSON string: %v", s, e.b, err)
		} else if back != strings.ToValidUTF8(s, "\uFFFD") {
			t.Errorf("%q came back as %q", s, back)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	r := testReport(t, analysis.Options{Roles: true, Introductions: true})
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	nodes := out["nodes"].([]any)
	if len(nodes) != 6 {
		t.Fatalf("%d nodes, want 6", len(nodes))
	}
	f := nodes[5].(map[string]any)
	if f["id"] != "f" || f["constraint"] != nil || f["name"] != "f" {
		t.Errorf("node f = %v; want null constraint (NaN) and its id for a name", f)
	}
	a := nodes[0].(map[string]any)
	if a["name"] != "Ann *Archer*" || !slices.Equal(a["organisations"].([]any), []any{"Leeds | Trust"}) {
		t.Errorf("node a = %v", a)
	}
	for _, k := range []string{"connectors", "sponsors", "sponsorRoleHolders", "isolated", "peripheral", "introductions", "communities", "provenance"} {
		if _, ok := out[k]; !ok {
			t.Errorf("no %q", k)
		}
	}
	if _, ok := out["provenance"].(map[string]any)["version"]; ok {
		t.Error("provenance has a data version for a snapshot that has none")
	}
}

// TestWriteJSON_Large checks the output across many flushes of the buffer.
func TestWriteJSON_Large(t *testing.T) {
	b := analysis.NewBuilder(false)
	for i := range 5000 {
		if err := b.AddTie(strings.Repeat("x", i%7)+string(rune('a'+i%26))+itoa(i), "hub", 1); err != nil {
			t.Fatal(err)
		}
	}
	g := b.Build()
	res, err := analysis.Analyse(context.Background(), g, analysis.Options{Metrics: analysis.MetricDegree | analysis.MetricPageRank})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, &Report{Snapshot: g, Result: res}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Nodes []struct {
			ID       string  `json:"id"`
			PageRank float64 `json:"pagerank"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Nodes) != g.N() || out.Nodes[g.N()-1].ID != g.ID(g.N()-1) {
		t.Errorf("%d nodes, want %d", len(out.Nodes), g.N())
	}
}

func itoa(i int) string { return string(appendValue(nil, float64(i), true)) }

// TestValueIsPlainDecimal: what people read has four significant digits and
// never an exponent.
func TestValueIsPlainDecimal(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {0.5, "0.5"}, {1.23456, "1.235"}, {0.123456, "0.1235"}, {12345.6, "12346"},
		{1234567, "1234567"}, {5.2e-07, "0.00000052"}, {0.00012344, "0.0001234"}, {-0.25, "-0.25"},
		{2.4e-300, "≈ 0"}, {math.NaN(), "n/a"}, {0.99999, "1"},
	} {
		if got := value(tt.x, false); got != tt.want {
			t.Errorf("value(%v) = %q; want %q", tt.x, got, tt.want)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	r := testReport(t, analysis.Options{Metrics: analysis.MetricDegree | analysis.MetricConstraint, Roles: true})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Roles asks for betweenness, eigenvector, PageRank and communities too.
	want := "id,name,roles,organisations,degree,betweenness,eigenvector,pagerank,constraint,effectiveSize,community,labels,communityName"
	if got := strings.Join(rows[0], ","); got != want {
		t.Errorf("header %s, want %s", got, want)
	}
	byID := map[string][]string{}
	for _, row := range rows[1:] {
		byID[row[0]] = row
	}
	if a := byID["a"]; a[1] != "Ann *Archer*" || a[2] != "LEAD" || a[3] != "Leeds | Trust" {
		t.Errorf("row a = %q", a)
	}
	if e := byID["e"]; e[1] != `'=HYPERLINK("x")` {
		t.Errorf("a name that looks like a formula should be defused: %q", e[1])
	}
	if f := byID["f"]; f[8] != "" || f[len(f)-2] != "isolated" || f[len(f)-1] != "community "+f[10] {
		t.Errorf("row f = %q: want an empty constraint (NaN), the isolated label and its community by number", f)
	}
}

func TestRanking(t *testing.T) {
	r := testReport(t, analysis.Options{})
	col := func(name string) analysis.Metric {
		m, ok := analysis.MetricNamed(name)
		if !ok {
			t.Fatalf("no metric %q", name)
		}
		return m
	}
	ids := func(vs []int) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = r.Snapshot.ID(v)
		}
		return out
	}
	if got := ids(r.ranking(col("degree"), 2)); !slices.Equal(got, []string{"c", "a"}) {
		t.Errorf("top 2 by degree %v, want c (3 ties) then a (2, ties broken by index)", got)
	}
	// Constraint: lowest first (d, whose two contacts do not know each
	// other); f (NaN) is left out.
	got := ids(r.ranking(col("constraint"), 10))
	if len(got) != 5 || got[0] != "d" || slices.Contains(got, "f") {
		t.Errorf("by constraint %v, want d first and no f", got)
	}
	if all, top := r.ranking(col("pagerank"), 10), r.ranking(col("pagerank"), 3); !slices.Equal(all[:3], top) {
		t.Errorf("the top 3 %v differ from the start of the full ranking %v", top, all)
	}
}

func TestWriteMarkdown(t *testing.T) {
	r := testReport(t, analysis.Options{Roles: true, Introductions: true})
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"# Network report", "## Health", "## People by metric", "## Connectors", "## Sponsors", "## Holders of the SPONSOR role",
		"## Isolated members", "## Peripheral members", "## Suggested introductions", "## Communities",
		`Ann \*Archer\* (` + "`a`)", `Leeds \| Trust`} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in\n%s", want, md)
		}
	}
	// Every table row has as many cells as its header.
	var cells int
	for line := range strings.Lines(md) {
		if !strings.HasPrefix(line, "|") {
			cells = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cells == 0 {
			cells = n
		} else if n != cells {
			t.Errorf("row %q has %d separators, its header %d", line, n, cells)
		}
	}
}

func TestMdText(t *testing.T) {
	if got := mdText("a|b *c* _d_ <e>\nf\x1b[31m"); got != `a\|b \*c\* \_d\_ \<e\> f\[31m` {
		t.Errorf("mdText = %q", got)
	}
	if got := mdCode("p|1"); got != "`p\\|1`" {
		t.Errorf("mdCode = %q", got)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 123456: "123,456", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	if f, err := ParseFormat(" Markdown "); err != nil || f != Markdown {
		t.Errorf("ParseFormat(Markdown) = %q, %v", f, err)
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("ParseFormat(xml) = %v", err)
	}
}

// TestCommunityNames checks that every format names communities by what
// their members share: two triangles, one of nurses at Leeds Trust, one of
// librarians (two of them at City Library), joined by one tie, and f on
// their own, whose community is a number.
func TestCommunityNames(t *testing.T) {
	b := analysis.NewBuilder(false)
	nurse := analysis.Profile{Organisations: []analysis.Group{{ID: "o1", Name: "Leeds Trust"}}, Profession: "Nurse"}
	for _, id := range []string{"a", "b", "c"} {
		b.SetProfile(id, nurse)
	}
	library := analysis.Profile{Organisations: []analysis.Group{{ID: "o2", Name: "City Library"}}, Profession: "Librarian"}
	b.SetProfile("d", library)
	b.SetProfile("e", library)
	b.SetProfile("g", analysis.Profile{Profession: "librarian"})
	for _, e := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "a"}, {"d", "e"}, {"e", "g"}, {"g", "d"}, {"c", "d"}} {
		if err := b.AddTie(e[0], e[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	b.AddPerson("f")
	g := b.Build()
	res, err := analysis.Analyse(context.Background(), g, analysis.Options{Roles: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Snapshot: g, Result: res, Roles: true, Top: 3, Names: map[string]string{}}
	want := map[string]string{"a": "Leeds Trust, Nurse", "d": "Librarian, City Library", "f": "community 2"}

	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Nodes []struct {
			ID            string
			Community     int
			CommunityName string
		}
		Communities []struct {
			ID       int
			Name     string
			SharedBy []struct {
				Kind, Value string
				Members     int
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	for _, n := range out.Nodes {
		if w, ok := want[n.ID]; ok && n.CommunityName != w {
			t.Errorf("JSON node %s: community %d %q; want %q", n.ID, n.Community, n.CommunityName, w)
		}
	}
	if len(out.Communities) != 3 || out.Communities[1].Name != "Librarian, City Library" ||
		fmt.Sprint(out.Communities[1].SharedBy) != "[{profession Librarian 3} {organisation City Library 2}]" || len(out.Communities[2].SharedBy) != 0 {
		t.Errorf("JSON communities %+v", out.Communities)
	}

	buf.Reset()
	if err := WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if w, ok := want[row[0]]; ok && row[len(row)-1] != w {
			t.Errorf("CSV row %q; want community %q", row, w)
		}
	}

	buf.Reset()
	if err := WriteMarkdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"| 0 | Leeds Trust, Nurse | 3 |", "| 1 | Librarian, City Library | 3 |", "| 2 | community 2 | 1 |"} {
		if !strings.Contains(buf.String(), w) {
			t.Errorf("no %q in the Markdown communities:\n%s", w, buf.String())
		}
	}

	m, err := r.mapFigure()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Legend) < 2 || m.Legend[0].Label != "Leeds Trust, Nurse: 3 people" || m.Legend[1].Label != "Librarian, City Library: 3 people" {
		t.Errorf("map legend %+v", m.Legend)
	}
}
