package graphfile

import (
	"io"
	"strconv"
)

// graphmlTypes are GraphML's attr.type names for the attribute types.
var graphmlTypes = [...]string{String: "string", Integer: "int", Double: "double", Boolean: "boolean"}

// WriteGraphML writes g as GraphML, which Cytoscape, yEd, igraph and NetworkX
// read. Keys are named d0, d1, … for nodes and e0, e1, … for edges, each with
// its attribute name as attr.name; the edge weight is the key "weight".
func WriteGraphML(w io.Writer, g *Graph) error {
	x, err := startXML(w, g)
	if err != nil {
		return err
	}
	x.raw(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	if g.Description != "" {
		x.raw("  <desc>")
		x.text(g.Description)
		x.raw("</desc>\n")
	}
	graphmlKeys(x, "node", "d", g.NodeAttributes)
	x.raw(`  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>` + "\n")
	graphmlKeys(x, "edge", "e", g.EdgeAttributes)
	edgeDefault := "undirected"
	if g.Directed {
		edgeDefault = "directed"
	}
	x.raw(`  <graph id="G" edgedefault="` + edgeDefault + `">` + "\n")
	for _, n := range g.Nodes {
		x.raw("    <node")
		x.attr("id", n.ID)
		x.raw(">")
		if n.Label != "" {
			// Cytoscape and yEd show a "name"/"label" data value; keep the
			// label as a value of its own so every reader sees it.
			x.raw(`<data key="label">`)
			x.text(n.Label)
			x.raw("</data>")
		}
		graphmlValues(x, "d", n.Values)
		x.raw("</node>\n")
	}
	for i, e := range g.Edges {
		x.raw(`    <edge id="e` + strconv.Itoa(i) + `"`)
		x.attr("source", e.Source)
		x.attr("target", e.Target)
		x.raw(">")
		if s, ok := format(e.Weight); ok {
			x.raw(`<data key="weight">` + s + "</data>")
		}
		graphmlValues(x, "e", e.Values)
		x.raw("</edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	return x.finish()
}

func graphmlKeys(x *xmlWriter, class, prefix string, attrs []Attribute) {
	if class == "node" {
		x.raw(`  <key id="label" for="node" attr.name="label" attr.type="string"/>` + "\n")
	}
	for i, a := range attrs {
		x.raw(`  <key id="` + prefix + strconv.Itoa(i) + `" for="` + class + `"`)
		x.attr("attr.name", a.Name)
		x.raw(` attr.type="` + graphmlTypes[a.Type] + `"/>` + "\n")
	}
}

func graphmlValues(x *xmlWriter, prefix string, values []any) {
	for i, v := range values {
		s, ok := format(v)
		if !ok {
			continue
		}
		x.raw(`<data key="` + prefix + strconv.Itoa(i) + `">`)
		x.text(s)
		x.raw("</data>")
	}
}
