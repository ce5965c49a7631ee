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
	c := &model.DismissedIntroductionConnection{Edges: make([]*model.DismissedIntroductionEdge, len(l.Items)),
		TotalCount: int32(l.TotalCount)}
	last := ""
	for i := range l.Items {
		last = encodeCursor(dismissalCursor, l.Items[i].Key())
		c.Edges[i] = &model.DismissedIntroductionEdge{Cursor: last, Node: &l.Items[i]}
	}
	c.PageInfo = pageInfo(l.HasNextPage, last)
	return c
}
