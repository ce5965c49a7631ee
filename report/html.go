package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed html.tmpl
var htmlSource string

// htmlTemplate is the page; html/template escapes everything users typed.
var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// htmlPage is what the page shows: the document every readable format
// shares, and the plots only a page can hold.
type htmlPage struct {
	*document
	Map           networkMap
	Distributions []plotFigure
}

// WriteHTML writes the report as one self-contained HTML page for people
// to open in a browser, offline: the same sections and figures as the
// Markdown report, with a map of the network coloured by community and
// the distributions of degree and betweenness, drawn as inline SVG.
func WriteHTML(w io.Writer, r *Report) error {
	page := htmlPage{document: r.document()}
	var err error
	if page.Map, err = r.mapFigure(); err != nil {
		return err
	}
	degree, err := r.degreeFigure()
	if err != nil {
		return err
	}
	betweenness, err := r.betweennessFigure()
	if err != nil {
		return err
	}
	page.Distributions = []plotFigure{degree, betweenness}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := htmlTemplate.Execute(bw, &page); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	return bw.Flush()
}
