package report

import (
	"io"

	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/graphfile"
)

// writeGraphFile writes the analysed network for a network-drawing tool:
// people with every computed metric and role as node attributes, labelled
// by name where the report knows names, and ties weighted by strength.
func writeGraphFile(w io.Writer, f Format, r *Report) error {
	g := graphfile.FromView(analysis.NewView(r.Snapshot, r.Result))
	if r.Source != "" {
		g.Description = "netgraph analysis of " + r.Source
	}
	for i := range g.Nodes {
		if name := r.Names[g.Nodes[i].ID]; name != "" {
			g.Nodes[i].Label = name
		}
	}
	if f == GraphML {
		return graphfile.WriteGraphML(w, g)
	}
	return graphfile.WriteGEXF(w, g)
}
