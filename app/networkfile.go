package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/graphfile"
)

// NetworkFile is a store's network as a file for Gephi or Cytoscape: the
// people of an analysis (FromView: every metric, community and role), labelled
// by name, with their organisations, region and profession; and every tie
// between them as an edge of its own kind, weighted by its strength (two
// kinds of tie between the same people are two edges). The store must be at
// the analysis's data version, so that figures and ties agree; otherwise it
// fails and can be run again.
func NetworkFile(ctx context.Context, s GraphReader, v *analysis.View) (*graphfile.Graph, error) {
	g := graphfile.FromView(v)
	at := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		at[n.ID] = i
	}
	orgNames := map[string]string{}
	orgs := make([][]string, len(g.Nodes))
	region := make([]string, len(g.Nodes))
	profession := make([]string, len(g.Nodes))
	g.Edges = g.Edges[:0]
	version, err := s.ReadGraph(ctx, func(r netgraph.Record) error {
		switch {
		case r.Organisation != nil:
			orgNames[r.Organisation.ID] = r.Organisation.Name
		case r.Person != nil:
			if i, ok := at[r.Person.ID]; ok {
				g.Nodes[i].Label, region[i], profession[i] = r.Person.Name, r.Person.Region, r.Person.Profession
			}
		case r.Affiliation != nil:
			if i, ok := at[r.Affiliation.PersonID]; ok {
				orgs[i] = append(orgs[i], orgNames[r.Affiliation.OrganisationID])
			}
		case r.Tie != nil:
			_, okFrom := at[r.Tie.From]
			_, okTo := at[r.Tie.To]
			if okFrom && okTo {
				g.Edges = append(g.Edges, graphfile.Edge{Source: r.Tie.From, Target: r.Tie.To, Weight: r.Tie.Strength,
					Values: []any{string(r.Tie.Kind)}})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the store: %w", err)
	}
	if version != v.Snapshot().Version() {
		return nil, netgraph.Errorf(netgraph.ECONFLICT, "the store changed (data version %d → %d) while its network was analysed: run the export again",
			v.Snapshot().Version(), version)
	}
	g.EdgeAttributes = []graphfile.Attribute{{Name: "kind", Type: graphfile.String}}
	// The snapshot's organisations (if it had them) are replaced by the
	// store's, names included.
	if i := slices.IndexFunc(g.NodeAttributes, func(a graphfile.Attribute) bool { return a.Name == "organisations" }); i >= 0 {
		g.NodeAttributes = slices.Delete(g.NodeAttributes, i, i+1)
		for n := range g.Nodes {
			g.Nodes[n].Values = slices.Delete(g.Nodes[n].Values, i, i+1)
		}
	}
	g.NodeAttributes = append(g.NodeAttributes,
		graphfile.Attribute{Name: "organisations", Type: graphfile.String},
		graphfile.Attribute{Name: "region", Type: graphfile.String},
		graphfile.Attribute{Name: "profession", Type: graphfile.String})
	for i := range g.Nodes {
		g.Nodes[i].Values = append(g.Nodes[i].Values, strings.Join(orgs[i], "; "), region[i], profession[i])
	}
	g.Description = fmt.Sprintf("netgraph network at data version %d", version)
	return g, nil
}
