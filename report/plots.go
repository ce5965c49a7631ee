package report

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/netgraph/netgraph/analysis"
)

// The plots of the HTML report are drawn with gonum's plotting module
// (gonum.org/v1/plot) into SVG, which the page holds inline: no script, no
// request, and the text stays sharp when printed.

// A plotFigure is a plot as inline SVG with its caption. SVG is empty when
// there is nothing to draw; Caption then says why.
type plotFigure struct {
	ID      string
	Title   string
	SVG     template.HTML
	Caption string
}

// barColour is the fill of histogram bars.
var barColour = color.RGBA{R: 0x4e, G: 0x79, B: 0xa7, A: 0xff}

// newPlot returns a plot titled title, in a sans-serif face at sizes that
// read well at the width the page shows it.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	for _, f := range []*plot.Axis{&p.X, &p.Y} {
		f.Label.TextStyle.Font.Variant = "Sans"
		f.Label.TextStyle.Font.Size = 10
		f.Tick.Label.Font.Variant = "Sans"
		f.Tick.Label.Font.Size = 9
		f.Tick.Marker = plainTicks{}
	}
	p.Title.TextStyle.Font.Variant = "Sans"
	p.Title.TextStyle.Font.Size = 12
	p.X.Label.Text, p.Y.Label.Text = x, y
	return p
}

// plainTicks are gonum's default ticks labelled in plain decimals, never in
// scientific notation ("0.0001", not "1e-04").
type plainTicks struct{}

// Ticks implements plot.Ticker.
func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'f', -1, 64)
		}
	}
	return ticks
}

// svgOf draws p w wide and h high and returns it as an SVG element for an
// HTML page, labelled for screen readers. vgsvg escapes the text it draws
// (names on the map included), which is what makes the result safe to
// insert as HTML.
func svgOf(p *plot.Plot, w, h vg.Length, label string) (template.HTML, error) {
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return "", fmt.Errorf("draw %s: %w", label, err)
	}
	s := b.String()
	start := strings.Index(s, "<svg")
	if start < 0 {
		return "", fmt.Errorf("draw %s: no <svg> element in the output", label)
	}
	// The XML prolog and the generator's comment precede the element.
	s = `<svg class="plot" role="img" aria-label="` + template.HTMLEscapeString(label) + `"` + s[start+len("<svg"):]
	return template.HTML(s), nil
}

// histogramSize is the drawn size of a histogram.
const histogramWidth, histogramHeight = 14 * vg.Centimeter, 8 * vg.Centimeter

// maxBins is the most bars a histogram has.
const maxBins = 40

// degreeFigure is the histogram of the number of ties people have: one bar
// per number while there are at most maxBins of them, bars of equal width
// covering several numbers otherwise.
func (r *Report) degreeFigure() (plotFigure, error) {
	fig := plotFigure{ID: "degree-distribution", Title: "Degree distribution"}
	people := r.Result.People
	if len(people) == 0 {
		fig.Caption = "Nobody to count."
		return fig, nil
	}
	most := 0
	for i := range people {
		most = max(most, people[i].Degree)
	}
	width := max(1, int(math.Ceil(float64(most+1)/maxBins)))
	bins := make([]plotter.HistogramBin, most/width+1)
	for i := range bins {
		bins[i] = plotter.HistogramBin{Min: float64(i*width) - 0.5, Max: float64((i+1)*width) - 0.5}
	}
	for i := range people {
		bins[people[i].Degree/width].Weight++
	}
	p := newPlot("Degree distribution", "ties (degree)", "people")
	p.Add(&plotter.Histogram{Bins: bins, Width: float64(width), FillColor: barColour, LineStyle: plotter.DefaultLineStyle})
	var err error
	if fig.SVG, err = svgOf(p, histogramWidth, histogramHeight, "Histogram of the number of ties people have"); err != nil {
		return fig, err
	}
	h := &r.Result.Graph
	fig.Caption = fmt.Sprintf("How many people have how many ties: at most %s, on average %s; %s with none and %s with one.",
		count(most, "tie", "ties"), value(2*float64(h.Ties)/float64(len(people)), false), thousands(h.Isolated), thousands(h.Peripheral))
	if width > 1 {
		fig.Caption += fmt.Sprintf(" Each bar covers %d numbers of ties.", width)
	}
	return fig, nil
}

// betweennessBins is the number of bars of the betweenness histogram.
const betweennessBins = 25

// betweennessFigure is the histogram of betweenness: in most networks a few
// brokers stand far to the right of everyone else.
func (r *Report) betweennessFigure() (plotFigure, error) {
	fig := plotFigure{ID: "betweenness-distribution", Title: "Betweenness distribution"}
	if !r.Result.Metrics.Has(analysis.MetricBetweenness) {
		fig.Caption = "Betweenness was not computed."
		return fig, nil
	}
	people := r.Result.People
	values := make(plotter.Values, 0, len(people))
	zero := 0
	for i := range people {
		b := people[i].Betweenness
		if math.IsNaN(b) {
			continue
		}
		values = append(values, b)
		if b == 0 {
			zero++
		}
	}
	if len(values) == 0 {
		fig.Caption = "Nobody to count."
		return fig, nil
	}
	most := 0.0
	for _, b := range values {
		most = max(most, b)
	}
	if most == 0 {
		fig.Caption = "Nobody lies on a shortest path between two others: betweenness is 0 for everyone."
		return fig, nil
	}
	width := most / betweennessBins
	bins := make([]plotter.HistogramBin, betweennessBins)
	for i := range bins {
		bins[i] = plotter.HistogramBin{Min: float64(i) * width, Max: float64(i+1) * width}
	}
	for _, b := range values {
		bins[min(int(b/width), betweennessBins-1)].Weight++
	}
	p := newPlot("Betweenness distribution", "betweenness (share of shortest paths through them)", "people")
	p.Add(&plotter.Histogram{Bins: bins, Width: width, FillColor: barColour, LineStyle: plotter.DefaultLineStyle})
	var err error
	if fig.SVG, err = svgOf(p, histogramWidth, histogramHeight, "Histogram of people's betweenness"); err != nil {
		return fig, err
	}
	fig.Caption = fmt.Sprintf("How much brokerage people do: betweenness is 0 for %s (on no shortest path between two others); the highest is %s.",
		peopleCount(zero), value(most, false))
	return fig, nil
}
