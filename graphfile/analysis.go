package graphfile

import (
	"math"
	"slices"
	"strings"

	"github.com/netgraph/netgraph/analysis"
)

// Role attributes: one boolean column per structural role, so that Gephi's
// filters and Cytoscape's styles can pick out connectors or isolated people.
var roleAttributes = []struct {
	name string
	role analysis.PersonRole
}{
	{"connector", analysis.RoleConnector},
	{"sponsor", analysis.RoleSponsor},
	{"isolated", analysis.RoleIsolated},
	{"peripheral", analysis.RolePeripheral},
}

// FromView makes a file of an analysis: every person a node with every
// metric that was computed (the registry's names and types), a column per
// structural role and, when the snapshot knows them, the organisations they
// work at; every tie an edge weighted by its strength. Labels are the ids:
// callers that know people's names set them.
func FromView(v *analysis.View) *Graph {
	g, r := v.Snapshot(), v.Result()
	var metrics []analysis.Metric
	for _, m := range analysis.Metrics {
		if r.Metrics.Has(m.Kernel) {
			metrics = append(metrics, m)
		}
	}
	out := &Graph{Description: "netgraph analysis"}
	for _, m := range metrics {
		t := Double
		if m.Int {
			t = Integer
		}
		out.NodeAttributes = append(out.NodeAttributes, Attribute{Name: m.Name, Type: t})
	}
	for _, ra := range roleAttributes {
		out.NodeAttributes = append(out.NodeAttributes, Attribute{Name: ra.name, Type: Boolean})
	}
	withOrgs := slices.ContainsFunc(g.IDs(), func(id string) bool {
		i, _ := g.Index(id)
		return len(g.Profile(i).Organisations) > 0
	})
	if withOrgs {
		out.NodeAttributes = append(out.NodeAttributes, Attribute{Name: "organisations", Type: String})
	}

	out.Nodes = make([]Node, g.N())
	for i := range g.N() {
		p, roles, _ := v.Person(g.ID(i))
		values := make([]any, 0, len(out.NodeAttributes))
		for _, m := range metrics {
			x := m.Value(&p)
			switch {
			case math.IsNaN(x):
				values = append(values, nil)
			case m.Int:
				values = append(values, int(x))
			default:
				values = append(values, x)
			}
		}
		for _, ra := range roleAttributes {
			values = append(values, slices.Contains(roles, ra.role))
		}
		if withOrgs {
			var names []string
			for _, o := range g.Profile(i).Organisations {
				names = append(names, o.Name)
			}
			values = append(values, strings.Join(names, "; "))
		}
		out.Nodes[i] = Node{ID: g.ID(i), Label: g.ID(i), Values: values}
	}
	for i := range g.N() {
		for j, u := range g.Neighbors(i) {
			if int(u) > i {
				out.Edges = append(out.Edges, Edge{Source: g.ID(i), Target: g.ID(int(u)), Weight: g.Strengths(i)[j]})
			}
		}
	}
	return out
}
