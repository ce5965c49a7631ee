package graph

import (
	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph/model"
)

// dismissalCursor is the cursor kind of dismissed introductions; its key is
// a dismissal's Key.
const dismissalCursor = "dismissal"

// dismissedIntroductionConnection maps a page of dismissals to the schema's
// connection.
func dismissedIntroductionConnection(l *netgraph.List[netgraph.Dismissal]) *model.DismissedIntroductionConnection {
	e, info := pageEdges(l, dismissalCursor, func(i int) string { return l.Items[i].Key() },
		func(i int, c string) *model.DismissedIntroductionEdge {
			return &model.DismissedIntroductionEdge{Cursor: c, Node: &l.Items[i]}
		})
	return &model.DismissedIntroductionConnection{Edges: e, PageInfo: info, TotalCount: int32(l.TotalCount)}
}
