// Package graphfile writes networks in the XML formats that network-drawing
// tools read: GEXF 1.3 (Gephi, Gephi Lite; https://gexf.net/schema.html) and
// GraphML (Cytoscape, yEd, igraph, NetworkX;
// http://graphml.graphdrawing.org/specification.html).
//
// A Graph is presentation-neutral: people become nodes and ties edges, each
// with typed attributes declared once (a metric, a community, a role, a tie's
// kind and strength). Both writers stream, so a large network is written
// without building its XML in memory. Files are checked by reading them back
// with NetworkX and igraph (testdata/readback.py).
package graphfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Type is the type of an attribute's values.
type Type int

// The attribute types both formats share.
const (
	String  Type = iota // a Go string
	Integer             // a Go int
	Double              // a Go float64; NaN and ±Inf are written as no value
	Boolean             // a Go bool
)

// Attribute declares one column of node or edge values.
type Attribute struct {
	Name string // shown as the column's title; must be unique among its kind
	Type Type
}

// Node is one person. Values are parallel to Graph.NodeAttributes; a nil
// value is written as no value.
type Node struct {
	ID     string
	Label  string
	Values []any
}

// Edge is one tie. Weight is its strength, which both Gephi and igraph read
// as the edge weight; Values are parallel to Graph.EdgeAttributes.
type Edge struct {
	Source, Target string
	Weight         float64
	Values         []any
}

// Graph is what a file holds.
type Graph struct {
	Directed       bool
	Description    string // written as the file's description
	NodeAttributes []Attribute
	EdgeAttributes []Attribute
	Nodes          []Node
	Edges          []Edge
}

// Check reports the first way g cannot be written faithfully: attribute
// names repeated or reserved, values of the wrong type or count, edges naming
// a node that is not there.
func (g *Graph) Check() error {
	if err := checkAttributes("node", g.NodeAttributes); err != nil {
		return err
	}
	if err := checkAttributes("edge", g.EdgeAttributes); err != nil {
		return err
	}
	ids := make(map[string]struct{}, len(g.Nodes))
	for i, n := range g.Nodes {
		if _, dup := ids[n.ID]; dup {
			return fmt.Errorf("graphfile: node %q appears twice", n.ID)
		}
		ids[n.ID] = struct{}{}
		if err := checkValues(g.NodeAttributes, n.Values); err != nil {
			return fmt.Errorf("graphfile: node %d (%q): %w", i, n.ID, err)
		}
	}
	for i, e := range g.Edges {
		for _, end := range [...]string{e.Source, e.Target} {
			if _, ok := ids[end]; !ok {
				return fmt.Errorf("graphfile: edge %d names node %q, which is not in the graph", i, end)
			}
		}
		if math.IsNaN(e.Weight) || math.IsInf(e.Weight, 0) {
			return fmt.Errorf("graphfile: edge %d has weight %v", i, e.Weight)
		}
		if err := checkValues(g.EdgeAttributes, e.Values); err != nil {
			return fmt.Errorf("graphfile: edge %d: %w", i, err)
		}
	}
	return nil
}

// reserved are names the formats or their readers use for themselves, so an
// attribute of that name would be lost or misread (NetworkX reads GEXF's
// "label" and GraphML's "id" itself; Gephi keeps "weight").
var reserved = map[string]bool{"id": true, "label": true, "weight": true, "source": true, "target": true}

func checkAttributes(class string, attrs []Attribute) error {
	seen := make(map[string]bool, len(attrs))
	for _, a := range attrs {
		switch {
		case a.Name == "" || !utf8.ValidString(a.Name):
			return fmt.Errorf("graphfile: a %s attribute has no valid name", class)
		case reserved[strings.ToLower(a.Name)]:
			return fmt.Errorf("graphfile: %s attribute %q has a name the formats reserve", class, a.Name)
		case seen[a.Name]:
			return fmt.Errorf("graphfile: %s attribute %q is declared twice", class, a.Name)
		case a.Type < String || a.Type > Boolean:
			return fmt.Errorf("graphfile: %s attribute %q has an unknown type", class, a.Name)
		}
		seen[a.Name] = true
	}
	return nil
}

func checkValues(attrs []Attribute, values []any) error {
	if len(values) > len(attrs) {
		return fmt.Errorf("%d values for %d attributes", len(values), len(attrs))
	}
	for i, v := range values {
		if v == nil {
			continue
		}
		ok := false
		switch attrs[i].Type {
		case String:
			_, ok = v.(string)
		case Integer:
			_, ok = v.(int)
		case Double:
			_, ok = v.(float64)
		case Boolean:
			_, ok = v.(bool)
		}
		if !ok {
			return fmt.Errorf("attribute %q holds a %T", attrs[i].Name, v)
		}
	}
	return nil
}

// format returns the text of a value, and false for no value.
func format(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, true
	case int:
		return strconv.Itoa(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", false
		}
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// xmlWriter escapes text for attribute values and element content alike, and
// keeps the first write error so that callers check once, at the end.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter { return &xmlWriter{w: bufio.NewWriterSize(w, 64<<10)} }

// startXML checks g and begins an XML document for it on w.
func startXML(w io.Writer, g *Graph) (*xmlWriter, error) {
	if g == nil {
		return nil, errNil
	}
	if err := g.Check(); err != nil {
		return nil, err
	}
	x := newXMLWriter(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	return x, nil
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// text writes s escaped. Characters XML 1.0 cannot hold at all (most control
// characters) are written as U+FFFD: no reader would accept the file
// otherwise, and the domain refuses them in names anyway.
func (x *xmlWriter) text(s string) {
	if x.err != nil {
		return
	}
	for _, r := range s {
		switch {
		case r == '<':
			x.raw("&lt;")
		case r == '>':
			x.raw("&gt;")
		case r == '&':
			x.raw("&amp;")
		case r == '"':
			x.raw("&quot;")
		case r == '\'':
			x.raw("&apos;")
		case r == '\t' || r == '\n' || r == '\r':
			x.raw("&#" + strconv.Itoa(int(r)) + ";")
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			x.raw("\uFFFD")
		default:
			if x.err == nil {
				_, x.err = x.w.WriteRune(r)
			}
		}
	}
}

// attr writes ` name="value"`.
func (x *xmlWriter) attr(name, value string) {
	x.raw(" " + name + `="`)
	x.text(value)
	x.raw(`"`)
}

func (x *xmlWriter) finish() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// errNil is returned for a nil graph.
var errNil = errors.New("graphfile: no graph")
