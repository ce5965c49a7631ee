package graphfile

import (
	"io"
	"strconv"
)

// gexfTypes are GEXF 1.3's names for the attribute types.
var gexfTypes = [...]string{String: "string", Integer: "integer", Double: "double", Boolean: "boolean"}

// WriteGEXF writes g as GEXF 1.3, the format Gephi opens natively. Attribute
// ids are their positions; titles are their names, which Gephi shows as
// column headers. Parallel edges (two kinds of tie between the same people)
// are kept as separate edges with ids of their own.
func WriteGEXF(w io.Writer, g *Graph) error {
	x, err := startXML(w, g)
	if err != nil {
		return err
	}
	x.raw(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	x.raw("  <meta>\n    <creator>netgraph</creator>\n")
	if g.Description != "" {
		x.raw("    <description>")
		x.text(g.Description)
		x.raw("</description>\n")
	}
	x.raw("  </meta>\n")
	edgeType := "undirected"
	if g.Directed {
		edgeType = "directed"
	}
	x.raw(`  <graph mode="static" defaultedgetype="` + edgeType + `">` + "\n")
	gexfAttributes(x, "node", g.NodeAttributes)
	gexfAttributes(x, "edge", g.EdgeAttributes)

	x.raw("    <nodes>\n")
	for _, n := range g.Nodes {
		x.raw("      <node")
		x.attr("id", n.ID)
		label := n.Label
		if label == "" {
			label = n.ID
		}
		x.attr("label", label)
		gexfValues(x, n.Values)
		x.raw("node>\n")
	}
	x.raw("    </nodes>\n    <edges>\n")
	for i, e := range g.Edges {
		x.raw(`      <edge id="` + strconv.Itoa(i) + `"`)
		x.attr("source", e.Source)
		x.attr("target", e.Target)
		if s, ok := format(e.Weight); ok {
			x.attr("weight", s)
		}
		gexfValues(x, e.Values)
		x.raw("edge>\n")
	}
	x.raw("    </edges>\n  </graph>\n</gexf>\n")
	return x.finish()
}

func gexfAttributes(x *xmlWriter, class string, attrs []Attribute) {
	if len(attrs) == 0 {
		return
	}
	x.raw(`    <attributes class="` + class + `" mode="static">` + "\n")
	for i, a := range attrs {
		x.raw(`      <attribute id="` + strconv.Itoa(i) + `"`)
		x.attr("title", a.Name)
		x.raw(` type="` + gexfTypes[a.Type] + `"/>` + "\n")
	}
	x.raw("    </attributes>\n")
}

// gexfValues closes the element's start tag and writes its values; the
// caller writes the closing tag's name (node or edge) after "</".
func gexfValues(x *xmlWriter, values []any) {
	x.raw(">")
	wrote := false
	for i, v := range values {
		s, ok := format(v)
		if !ok {
			continue
		}
		if !wrote {
			x.raw("<attvalues>")
			wrote = true
		}
		x.raw(`<attvalue for="` + strconv.Itoa(i) + `"`)
		x.attr("value", s)
		x.raw("/>")
	}
	if wrote {
		x.raw("</attvalues>")
	}
	x.raw("</")
}
