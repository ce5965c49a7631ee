package report

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/layout"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/spatial/r2"
	"gonum.org/v1/plot"
	plottext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/netgraph/netgraph/analysis"
)

// The network map of the HTML report: the people of the largest component
// laid out by Eades's spring embedder (gonum's layout.EadesR2, "A heuristic
// for graph drawing", Congressus Numerantium 42, 1984, with Barnes–Hut
// repulsion), drawn with gonum/plot, coloured by community and sized by
// betweenness, the top connectors named.

// mapMaxPeople is the most people the map draws. Beyond it the layout takes
// seconds and the picture, in a page, is a hairball; the best connected of
// the largest component are drawn instead, and the page says so.
const mapMaxPeople = 1500

// mapLabels is how many connectors the map names.
const mapLabels = 5

// mapUpdates is the number of layout steps: enough for the demo's 600
// people to settle into their communities (at 500 they are still mixed).
const mapUpdates = 1000

// communityColours are the colours of the largest communities, in order
// (Tableau 10); the rest are grey.
var communityColours = []color.RGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0xe1, 0x57, 0x59, 0xff}, {0x76, 0xb7, 0xb2, 0xff},
	{0x59, 0xa1, 0x4f, 0xff}, {0xed, 0xc9, 0x48, 0xff}, {0xb0, 0x7a, 0xa1, 0xff}, {0xff, 0x9d, 0xa7, 0xff},
	{0x9c, 0x75, 0x5f, 0xff}, {0xba, 0xb0, 0xac, 0xff},
}

// otherColour is the colour of people in smaller communities, or of
// everyone when communities were not computed.
var otherColour = color.RGBA{0x79, 0x70, 0x6e, 0xff}

// A networkMap is the drawn map with what the page says about it.
type networkMap struct {
	plotFigure
	// Legend names the colours: the largest communities drawn.
	Legend []legendEntry
}

// A legendEntry is a colour and what it stands for.
type legendEntry struct {
	Colour string // CSS hex colour
	Label  string
}

// mapFigure lays out and draws the network map.
func (r *Report) mapFigure() (networkMap, error) {
	m := networkMap{plotFigure: plotFigure{ID: "map", Title: "Network map"}}
	people, note := mapPeople(r.Snapshot)
	if len(people) < 2 {
		m.Caption = "There are no ties to draw."
		return m, nil
	}
	pos := r.layOut(people)
	colours, legend := r.mapColours(people)
	m.Legend = legend

	p := plot.New()
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.Add(&mapPlotter{r: r, people: people, pos: pos, colours: colours})
	var err error
	if m.SVG, err = svgOf(p, 18*vg.Centimeter, 18*vg.Centimeter, "Map of the network, people coloured by community"); err != nil {
		return m, err
	}
	m.Caption = note
	if legend != nil {
		m.Caption += " Colour is the community."
	}
	if r.Result.Metrics.Has(analysis.MetricBetweenness) {
		m.Caption += " Size is betweenness: brokers are large."
	}
	if len(r.Result.Connectors) > 0 {
		m.Caption += " The top connectors are named."
	}
	return m, nil
}

// mapPeople returns who the map draws, ascending: the largest component, or
// when it is too large, its mapMaxPeople best connected people (most ties
// first, ties broken by index) who are still tied to each other. The note
// says which.
func mapPeople(g *analysis.Snapshot) ([]int, string) {
	label, sizes := analysis.Components(g)
	if len(sizes) == 0 {
		return nil, ""
	}
	const largest = 0 // Components numbers the largest first
	var people []int
	for v, c := range label {
		if c == largest {
			people = append(people, v)
		}
	}
	note := fmt.Sprintf("The map shows the largest component: %s of %s.", thousands(len(people)), peopleCount(g.N()))
	if len(people) == g.N() {
		note = fmt.Sprintf("The map shows all %s.", peopleCount(g.N()))
	}
	if len(people) <= mapMaxPeople {
		return people, note
	}
	slices.SortStableFunc(people, func(u, v int) int { return cmp.Compare(g.Degree(v), g.Degree(u)) })
	people = largestPart(g, people[:mapMaxPeople])
	return people, fmt.Sprintf("The network is too large to draw everyone: the map shows %s of %s, the best connected of the largest component (%s people) who are tied to one another.",
		thousands(len(people)), peopleCount(g.N()), thousands(sizes[largest]))
}

// largestPart returns the largest connected part of the network among the
// given people only, ascending (of parts of equal size, the one holding the
// lowest-numbered person).
func largestPart(g *analysis.Snapshot, people []int) []int {
	gone := make([]bool, g.N())
	for v := range gone {
		gone[v] = true
	}
	for _, v := range people {
		gone[v] = false
	}
	label, _ := analysis.ComponentsWithout(g, gone)
	var best []int
	for v, c := range label {
		if c == 0 {
			best = append(best, v)
		}
	}
	return best
}

// layOut places the people (ascending snapshot indexes) with EadesR2,
// seeded by the report's seed so that the same network gives the same map,
// and returns their positions in the same order.
func (r *Report) layOut(people []int) []r2.Vec {
	sub := newSubgraph(r.Snapshot, people)
	// The positions start in the unit square and ties pull towards length
	// 1, so weak repulsion and small steps let the layout unfold rather
	// than explode (at gonum's example settings a few people fly off and
	// the rest collapse onto a line).
	eades := layout.EadesR2{Updates: mapUpdates, Repulsion: 0.01, Rate: 0.01, Theta: 0.5,
		Src: rand.NewPCG(r.Seed, 0x6e6574677261706b)}
	opt := layout.NewOptimizerR2(sub, eades.Update)
	for opt.Update() {
	}
	pos := make([]r2.Vec, len(people))
	for i := range pos {
		pos[i] = opt.Coord2(int64(i))
	}
	return pos
}

// mapColours returns each drawn person's colour, by community, and the
// legend of the communities given a colour of their own.
func (r *Report) mapColours(people []int) ([]color.RGBA, []legendEntry) {
	colours := make([]color.RGBA, len(people))
	for i := range colours {
		colours[i] = otherColour
	}
	cs := r.Result.Communities
	if !r.Result.Metrics.Has(analysis.MetricCommunity) || len(cs) == 0 {
		return colours, nil
	}
	drawn := map[int]int{} // community → people drawn
	for i, v := range people {
		c := r.Result.People[v].Community
		drawn[c]++
		if c >= 0 && c < len(communityColours) {
			colours[i] = communityColours[c]
		}
	}
	var legend []legendEntry
	for _, c := range cs[:min(len(cs), len(communityColours))] {
		if drawn[c.ID] == 0 {
			continue
		}
		label := fmt.Sprintf("%s: %s", c.Name, peopleCount(c.Size))
		legend = append(legend, legendEntry{Colour: hexColour(communityColours[c.ID]), Label: label})
	}
	if len(cs) > len(communityColours) {
		legend = append(legend, legendEntry{Colour: hexColour(otherColour), Label: fmt.Sprintf("%s smaller communities", thousands(len(cs)-len(communityColours)))})
	}
	return colours, legend
}

func hexColour(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// mapPlotter draws the map: ties as grey lines under people as discs.
type mapPlotter struct {
	r       *Report
	people  []int
	pos     []r2.Vec
	colours []color.RGBA
}

// DataRange implements plot.DataRanger: the positions' bounding box.
func (m *mapPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, p := range m.pos {
		xmin, xmax = min(xmin, p.X), max(xmax, p.X)
		ymin, ymax = min(ymin, p.Y), max(ymax, p.Y)
	}
	return xmin, xmax, ymin, ymax
}

// Plot implements plot.Plotter.
func (m *mapPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	g := m.r.Snapshot
	trX, trY := p.Transforms(&c)
	at := func(i int) vg.Point { return vg.Point{X: trX(m.pos[i].X), Y: trY(m.pos[i].Y)} }
	index := make(map[int]int, len(m.people))
	for i, v := range m.people {
		index[v] = i
	}
	tie := draw.LineStyle{Color: color.RGBA{0xb4, 0xb4, 0xb4, 0xff}, Width: vg.Points(0.4)}
	for i, v := range m.people {
		for _, w := range g.Neighbors(v) {
			if j, ok := index[int(w)]; ok && i < j {
				a, b := at(i), at(j)
				c.StrokeLine2(tie, a.X, a.Y, b.X, b.Y)
			}
		}
	}
	// Discs from 1.5 to 6 points across the range of betweenness; the
	// largest are drawn last, on top.
	radius := make([]vg.Length, len(m.people))
	most := 0.0
	if m.r.Result.Metrics.Has(analysis.MetricBetweenness) {
		for _, v := range m.people {
			most = max(most, m.r.Result.People[v].Betweenness)
		}
	}
	for i, v := range m.people {
		radius[i] = 1.5
		if b := m.r.Result.People[v].Betweenness; most > 0 && b > 0 {
			radius[i] += vg.Length(4.5 * math.Sqrt(b/most))
		}
	}
	order := make([]int, len(m.people))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(radius[i], radius[j]) })
	for _, i := range order {
		c.DrawGlyph(draw.GlyphStyle{Color: m.colours[i], Radius: radius[i], Shape: draw.CircleGlyph{}}, at(i))
		c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: radius[i], Shape: draw.RingGlyph{}}, at(i))
	}
	label := plottext.Style{Color: color.Black, Font: p.Title.TextStyle.Font, Handler: p.TextHandler,
		XAlign: draw.XLeft, YAlign: draw.YCenter}
	label.Font.Variant, label.Font.Size = "Sans", 8
	// Each name goes right of its disc, or left, above or below when that
	// would cover a name already written; it is left out if all four would.
	var placed []vg.Rectangle
	for _, con := range m.r.Result.Connectors[:min(len(m.r.Result.Connectors), mapLabels)] {
		i, ok := index[con.Person]
		if !ok {
			continue
		}
		name := m.r.name(con.Person)
		w, h := label.Width(name), label.Height(name)
		pt, gap := at(i), radius[i]+1.5
		for _, box := range []vg.Rectangle{
			{Min: vg.Point{X: pt.X + gap, Y: pt.Y - h/2}, Max: vg.Point{X: pt.X + gap + w, Y: pt.Y + h/2}},
			{Min: vg.Point{X: pt.X - gap - w, Y: pt.Y - h/2}, Max: vg.Point{X: pt.X - gap, Y: pt.Y + h/2}},
			{Min: vg.Point{X: pt.X - w/2, Y: pt.Y + gap}, Max: vg.Point{X: pt.X + w/2, Y: pt.Y + gap + h}},
			{Min: vg.Point{X: pt.X - w/2, Y: pt.Y - gap - h}, Max: vg.Point{X: pt.X + w/2, Y: pt.Y - gap}},
		} {
			if !slices.ContainsFunc(placed, func(b vg.Rectangle) bool { return overlaps(b, box) }) {
				placed = append(placed, box)
				c.FillText(label, vg.Point{X: box.Min.X, Y: (box.Min.Y + box.Max.Y) / 2}, name)
				break
			}
		}
	}
}

// overlaps says whether two rectangles share any area.
func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// subgraph is the network among some people, as a gonum graph whose node i
// is the i-th of them. Nodes and neighbours come in ascending order, so a
// seeded layout places everyone the same way every time (gonum's simple
// graphs iterate in map order).
type subgraph struct {
	nodes     []graph.Node
	neighbors [][]graph.Node
}

func newSubgraph(g *analysis.Snapshot, people []int) *subgraph {
	index := make(map[int]int, len(people))
	for i, v := range people {
		index[v] = i
	}
	s := &subgraph{nodes: make([]graph.Node, len(people)), neighbors: make([][]graph.Node, len(people))}
	for i, v := range people {
		s.nodes[i] = simple.Node(i)
		for _, w := range g.Neighbors(v) {
			if j, ok := index[int(w)]; ok {
				s.neighbors[i] = append(s.neighbors[i], simple.Node(j))
			}
		}
		slices.SortFunc(s.neighbors[i], func(a, b graph.Node) int { return cmp.Compare(a.ID(), b.ID()) })
	}
	return s
}

func (s *subgraph) has(id int64) bool { return id >= 0 && id < int64(len(s.nodes)) }

// Node implements graph.Graph.
func (s *subgraph) Node(id int64) graph.Node {
	if !s.has(id) {
		return nil
	}
	return s.nodes[id]
}

// Nodes implements graph.Graph.
func (s *subgraph) Nodes() graph.Nodes { return iterator.NewOrderedNodes(s.nodes) }

// From implements graph.Graph.
func (s *subgraph) From(id int64) graph.Nodes {
	if !s.has(id) {
		return graph.Empty
	}
	return iterator.NewOrderedNodes(s.neighbors[id])
}

// HasEdgeBetween implements graph.Graph.
func (s *subgraph) HasEdgeBetween(x, y int64) bool {
	if !s.has(x) || !s.has(y) {
		return false
	}
	_, found := slices.BinarySearchFunc(s.neighbors[x], y, func(n graph.Node, id int64) int { return cmp.Compare(n.ID(), id) })
	return found
}

// Edge implements graph.Graph.
func (s *subgraph) Edge(x, y int64) graph.Edge {
	if !s.HasEdgeBetween(x, y) {
		return nil
	}
	return simple.Edge{F: s.nodes[x], T: s.nodes[y]}
}
