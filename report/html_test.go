package report

import (
	"bytes"
	"context"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/analysis"
)

// htmlReport analyses two cliques of five, x1–x5 and y1–y5, joined through
// c (tied to x1 and y1), a tail c–d–e and f with no ties: large enough (14
// people) for a top connector, c, whom the page names in the tables and on
// the map. c is called <script>alert(1)</script> and d has quotes, an
// ampersand and markup in their name.
func htmlReport(t *testing.T) *Report {
	t.Helper()
	b := analysis.NewBuilder(false)
	b.SetProfile("x1", analysis.Profile{Organisations: []analysis.Group{{ID: "o1", Name: "Leeds | Trust"}}, Roles: []string{"LEAD"}})
	for _, group := range []string{"x", "y"} {
		for i := 1; i <= 5; i++ {
			for j := i + 1; j <= 5; j++ {
				if err := b.AddTie(group+itoa(i), group+itoa(j), 1); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, e := range [][2]string{{"c", "x1"}, {"c", "y1"}, {"c", "d"}, {"d", "e"}} {
		if err := b.AddTie(e[0], e[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	b.AddPerson("f")
	g := b.Build()
	res, err := analysis.Analyse(context.Background(), g, analysis.Options{Roles: true, Introductions: true})
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Snapshot: g, Result: res, Roles: true, Introductions: true, Top: 3, Names: map[string]string{
		"x1": "Ann *Archer*", "e": "=HYPERLINK(\"x\")", "c": "<script>alert(1)</script>", "d": `Dee "&" <b>bold</b>`}}
	if len(r.Result.Connectors) == 0 || r.Snapshot.ID(r.Result.Connectors[0].Person) != "c" {
		t.Fatalf("c, the only way between the cliques and to the tail, should be the top connector: %+v", r.Result.Connectors)
	}
	return r
}

func writeHTML(t *testing.T, r *Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, HTML, r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteHTML(t *testing.T) {
	page := writeHTML(t, htmlReport(t))
	if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.HasSuffix(page, "</html>\n") {
		t.Errorf("not a whole page: starts %q, ends %q", page[:min(len(page), 40)], page[max(0, len(page)-40):])
	}
	for _, id := range []string{"map", "health", "distributions", "rankings", "connectors", "sponsors", "sponsor-role", "isolated",
		"peripheral", "introductions", "communities", "rank-degree", "rank-betweenness", "degree-distribution", "betweenness-distribution"} {
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("no element with id %q", id)
		}
	}
	// Three plots (the map and two histograms), each an SVG element with
	// something drawn in it and no XML prolog left inside the page.
	svgs := regexp.MustCompile(`(?s)<svg class="plot".*?</svg>`).FindAllString(page, -1)
	if len(svgs) != 3 {
		t.Fatalf("%d plots, want 3 (map, degree, betweenness)", len(svgs))
	}
	for i, s := range svgs {
		if n := strings.Count(s, "<path"); n < 10 {
			t.Errorf("plot %d has %d paths: nothing drawn?", i, n)
		}
	}
	if strings.Contains(page, "<?xml") {
		t.Error("an XML prolog is left in the page")
	}
	// Self-contained: nothing to fetch, no script.
	for _, bad := range []string{"<script", "<link", "src=", `href="http`, "url(", "@import"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %q: it must work offline and run nothing", bad)
		}
	}
}

// TestWriteHTML_Escapes checks that what users typed is text wherever it
// appears: the tables, the legend and the map's labels (drawn by gonum/plot).
func TestWriteHTML_Escapes(t *testing.T) {
	page := writeHTML(t, htmlReport(t))
	for _, raw := range []string{"<script>alert(1)</script>", "<b>bold</b>"} {
		if strings.Contains(page, raw) {
			t.Errorf("%q is in the page unescaped", raw)
		}
	}
	escaped := "&lt;script&gt;alert(1)&lt;/script&gt;"
	connectors := between(page, `<section id="connectors">`, "</section>")
	if !strings.Contains(connectors, escaped) {
		t.Errorf("the connectors table does not name c as text:\n%s", connectors)
	}
	mapSVG := between(page, `<section id="map">`, "</svg>")
	if !strings.Contains(mapSVG, "<text") || !strings.Contains(mapSVG, escaped) {
		t.Errorf("the map does not label the top connector as text")
	}
	if !strings.Contains(page, "Dee &#34;&amp;&#34; &lt;b&gt;bold&lt;/b&gt;") && !strings.Contains(page, "Dee &quot;&amp;&quot; &lt;b&gt;bold&lt;/b&gt;") {
		t.Error(`d's name, with quotes and an ampersand, is not escaped as text`)
	}
}

// between returns s from the first from to the next to after it.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j+len(to)]
}

// TestHTMLSameFiguresAsMarkdown reads the headings and every table cell back
// from both formats: the HTML page adds the map and the distributions, and
// otherwise says exactly what the Markdown report says.
func TestHTMLSameFiguresAsMarkdown(t *testing.T) {
	r := htmlReport(t)
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	page := writeHTML(t, r)

	var mdHeads, mdCells []string
	for line := range strings.Lines(md.String()) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "## "), strings.HasPrefix(line, "### "):
			mdHeads = append(mdHeads, line[strings.Index(line, " ")+1:])
		case strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "|--") && !strings.HasPrefix(line, "|---"):
			cells := regexp.MustCompile(`(^|[^\\])\|`).Split(strings.TrimSuffix(line, " |")+" ", -1)
			for _, c := range cells[1:] {
				c = strings.TrimSpace(c)
				c = strings.ReplaceAll(c, "`", "")
				c = regexp.MustCompile(`\\(.)`).ReplaceAllString(c, "$1")
				mdCells = append(mdCells, c)
			}
		}
	}
	var htmlHeads, htmlCells []string
	for _, m := range regexp.MustCompile(`<h[23]>(.*?)</h[23]>`).FindAllStringSubmatch(page, -1) {
		if m[1] != "Network map" && m[1] != "Distributions" {
			htmlHeads = append(htmlHeads, html.UnescapeString(m[1]))
		}
	}
	tags := regexp.MustCompile(`<[^>]+>`)
	for _, m := range regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`).FindAllStringSubmatch(page, -1) {
		// A name and its id, "Ann<code>a</code>", as Markdown's "Ann (`a`)".
		c := regexp.MustCompile(`([^>])<code>(.*?)</code>`).ReplaceAllString(m[1], "$1 ($2)")
		c = html.UnescapeString(tags.ReplaceAllString(c, ""))
		htmlCells = append(htmlCells, strings.TrimSpace(c))
	}
	if !slices.Equal(mdHeads, htmlHeads) {
		t.Errorf("headings differ:\nmarkdown %q\nhtml     %q", mdHeads, htmlHeads)
	}
	if len(mdCells) < 50 || !slices.Equal(mdCells, htmlCells) {
		t.Errorf("%d cells in Markdown, %d in HTML; they differ:\nmarkdown %q\nhtml     %q", len(mdCells), len(htmlCells), mdCells, htmlCells)
	}
}

// TestHistogramFigures checks the captions' figures against htmlReport's
// network worked by hand: degrees x1 and y1 5, the other clique members 4,
// c 3, d 2, e 1, f 0, so at most 5 ties and 48/14 = 3.429 on average, one
// person with none and one with one. Betweenness (NetworkX,
// betweenness_centrality): c 45/78 = 0.5769 (the 25 pairs across the
// cliques and the 20 from a clique to d or e), x1 and y1 0.4103, d 0.141,
// 0 for the 10 others.
func TestHistogramFigures(t *testing.T) {
	r := htmlReport(t)
	deg, err := r.degreeFigure()
	if err != nil {
		t.Fatal(err)
	}
	if want := "at most 5 ties, on average 3.429; 1 with none and 1 with one."; !strings.Contains(deg.Caption, want) {
		t.Errorf("degree caption %q, want %q", deg.Caption, want)
	}
	bet, err := r.betweennessFigure()
	if err != nil {
		t.Fatal(err)
	}
	if want := "betweenness is 0 for 10 people (on no shortest path between two others); the highest is 0.5769."; !strings.Contains(bet.Caption, want) {
		t.Errorf("betweenness caption %q, want %q", bet.Caption, want)
	}
	r.Result.Metrics &^= analysis.MetricBetweenness
	if bet, _ := r.betweennessFigure(); bet.SVG != "" || !strings.Contains(bet.Caption, "not computed") {
		t.Errorf("without betweenness: %+v", bet)
	}
}

// TestMapPeople checks who the map draws: the largest component, and when
// it is too large its best connected people who are tied to each other.
func TestMapPeople(t *testing.T) {
	r := htmlReport(t)
	people, note := mapPeople(r.Snapshot)
	var ids []string
	for _, v := range people {
		ids = append(ids, r.Snapshot.ID(v))
	}
	if len(ids) != 13 || slices.Contains(ids, "f") || !strings.Contains(note, "largest component: 13 of 14 people") {
		t.Errorf("drawn %v (%q), want everyone but f, the largest component, said so", ids, note)
	}

	// A star of mapMaxPeople+10 leaves around a hub, and a pair tied to
	// two leaves: the best connected are the hub, the pair's contacts and
	// the pair, then leaves in index order; cut there, all are tied to the hub.
	b := analysis.NewBuilder(false)
	for i := range mapMaxPeople + 10 {
		if err := b.AddTie("hub", "leaf"+itoa(i), 1); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range [][2]string{{"x", "leaf0"}, {"x", "leaf1"}, {"y", "leaf0"}, {"y", "leaf1"}, {"far", "leaf900"}} {
		if err := b.AddTie(e[0], e[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	g := b.Build()
	people, note = mapPeople(g)
	if len(people) != mapMaxPeople || !strings.Contains(note, "too large to draw everyone") {
		t.Fatalf("drew %d people (%q), want %d", len(people), note, mapMaxPeople)
	}
	hub, _ := g.Index("hub")
	x, _ := g.Index("x")
	if !slices.Contains(people, hub) || !slices.Contains(people, x) {
		t.Error("the hub and x (degree 2) should be among the best connected")
	}
	if !slices.IsSorted(people) {
		t.Error("people are not ascending")
	}
}

// TestLargestPart checks the connected part kept after cutting to the best
// connected: two parts among the chosen, the larger kept.
func TestLargestPart(t *testing.T) {
	b := analysis.NewBuilder(false)
	for _, e := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}, {"x", "y"}, {"y", "z"}, {"z", "w"}, {"w", "v"}} {
		if err := b.AddTie(e[0], e[1], 1); err != nil {
			t.Fatal(err)
		}
	}
	g := b.Build()
	idx := func(ids ...string) []int {
		var out []int
		for _, id := range ids {
			v, _ := g.Index(id)
			out = append(out, v)
		}
		return out
	}
	// Without c, a–b is cut from d; x–y–z–w is the largest part among the chosen.
	got := largestPart(g, idx("w", "a", "b", "d", "x", "y", "z"))
	if want := idx("x", "y", "z", "w"); !slices.Equal(got, want) {
		t.Errorf("largestPart = %v, want %v", got, want)
	}
}

// TestMapDeterministic checks that the seeded layout draws the same map
// every time and another seed another one.
func TestMapDeterministic(t *testing.T) {
	r := htmlReport(t)
	first, err := r.mapFigure()
	if err != nil {
		t.Fatal(err)
	}
	again, err := r.mapFigure()
	if err != nil {
		t.Fatal(err)
	}
	if first.SVG != again.SVG {
		t.Error("the same report drew two different maps")
	}
	r.Seed++
	other, err := r.mapFigure()
	if err != nil {
		t.Fatal(err)
	}
	if other.SVG == first.SVG {
		t.Error("another seed drew the same map")
	}
	if len(first.Legend) == 0 || !strings.HasPrefix(first.Legend[0].Colour, "#") {
		t.Errorf("legend %+v", first.Legend)
	}
}

// TestWriteHTML_Empty writes a network nobody is tied in: no map and no
// betweenness to plot, said in words.
func TestWriteHTML_Empty(t *testing.T) {
	b := analysis.NewBuilder(false)
	b.AddPerson("solo")
	g := b.Build()
	res, err := analysis.Analyse(context.Background(), g, analysis.Options{Roles: true, Introductions: true})
	if err != nil {
		t.Fatal(err)
	}
	page := writeHTML(t, &Report{Snapshot: g, Result: res, Roles: true, Introductions: true})
	if !strings.Contains(page, "There are no ties to draw.") || !strings.Contains(page, "betweenness is 0 for everyone") {
		t.Errorf("the empty network's page does not say why there is no map or betweenness plot")
	}
	if n := strings.Count(page, `<svg class="plot"`); n != 1 {
		t.Errorf("%d plots, want the degree histogram only", n)
	}
}

// TestMapCaption checks that the map's caption says only what the map shows.
func TestMapCaption(t *testing.T) {
	r := htmlReport(t)
	m, err := r.mapFigure()
	if err != nil {
		t.Fatal(err)
	}
	if want := "The map shows the largest component: 13 of 14 people. Colour is the community. Size is betweenness: brokers are large. The top connectors are named."; m.Caption != want {
		t.Errorf("caption %q, want %q", m.Caption, want)
	}
	r.Result.Metrics &^= analysis.MetricCommunity | analysis.MetricBetweenness
	r.Result.Connectors = nil
	if m, _ = r.mapFigure(); m.Caption != "The map shows the largest component: 13 of 14 people." || m.Legend != nil {
		t.Errorf("without communities, betweenness or connectors: caption %q, legend %v", m.Caption, m.Legend)
	}
}
