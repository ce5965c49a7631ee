package graph

import (
	"encoding/base64"
	"strings"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph/model"
)

// Cursor kinds: a cursor is the base64 of "<kind>:<key>", so a cursor from one
// list is refused by another.
const (
	personCursor       = "person"
	organisationCursor = "organisation"
	networkCursor      = "network"
	tieCursor          = "tie"
)

// encodeCursor returns the opaque cursor for key in a list of kind.
func encodeCursor(kind, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + key))
}

// decodeCursor returns the key inside an "after" cursor of the given kind; ""
// for no cursor. Anything else is an EINVALID error on "after".
func decodeCursor(kind string, after *string) (string, error) {
	if after == nil || *after == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*after)
	key, ok := strings.CutPrefix(string(raw), kind+":")
	if err != nil || !ok || key == "" {
		return "", netgraph.Invalid("after", "is not a cursor from this list")
	}
	return key, nil
}

// pageArgs turns first/after into a validated domain Page.
func pageArgs(kind string, first *int32, after *string) (netgraph.Page, error) {
	var p netgraph.Page
	if first != nil {
		if *first == 0 {
			// The domain reads 0 as "the default size".
			return p, netgraph.Invalid("first", "must be at least 1 (leave it out for the default of %d)", netgraph.DefaultPageSize)
		}
		p.First = int(*first)
	}
	var err error
	if p.After, err = decodeCursor(kind, after); err != nil {
		return p, err
	}
	return p, p.Validate()
}

// pageInfo describes a page whose last item has the given cursor ("" if the
// page is empty).
func pageInfo(hasNext bool, lastCursor string) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: hasNext}
	if lastCursor != "" {
		info.EndCursor = &lastCursor
	}
	return info
}

// pageEdges maps a page of a store's list to a connection's edges, item i's
// cursor being of the given kind with key(i) as its key, and the page's info
// (its end cursor the last edge's): what every connection of a stored list
// shares, whatever its edge type.
func pageEdges[T, E any](l *netgraph.List[T], kind string, key func(i int) string, edge func(i int, cursor string) E) ([]E, *model.PageInfo) {
	out := make([]E, len(l.Items))
	last := ""
	for i := range l.Items {
		last = encodeCursor(kind, key(i))
		out[i] = edge(i, last)
	}
	return out, pageInfo(l.HasNextPage, last)
}

func personConnection(l *netgraph.List[*netgraph.Person]) *model.PersonConnection {
	e, info := pageEdges(l, personCursor, func(i int) string { return l.Items[i].ID },
		func(i int, c string) *model.PersonEdge { return &model.PersonEdge{Cursor: c, Node: l.Items[i]} })
	return &model.PersonConnection{Edges: e, PageInfo: info, TotalCount: int32(l.TotalCount)}
}

func organisationConnection(l *netgraph.List[*netgraph.Organisation]) *model.OrganisationConnection {
	e, info := pageEdges(l, organisationCursor, func(i int) string { return l.Items[i].ID },
		func(i int, c string) *model.OrganisationEdge {
			return &model.OrganisationEdge{Cursor: c, Node: l.Items[i]}
		})
	return &model.OrganisationConnection{Edges: e, PageInfo: info, TotalCount: int32(l.TotalCount)}
}

func networkConnection(l *netgraph.List[*netgraph.Network]) *model.NetworkConnection {
	e, info := pageEdges(l, networkCursor, func(i int) string { return l.Items[i].ID },
		func(i int, c string) *model.NetworkEdge { return &model.NetworkEdge{Cursor: c, Node: l.Items[i]} })
	return &model.NetworkConnection{Edges: e, PageInfo: info, TotalCount: int32(l.TotalCount)}
}

// tieCursorKey is a tie's position in its person's list, which the store
// orders by the other person's id, then kind.
func tieCursorKey(personID string, t *netgraph.Tie) string {
	return t.Other(personID) + ":" + string(t.Kind)
}

// compareTieCursorKeys orders keys as the store orders ties: by the other
// person's id, then kind. (Kinds contain no colon; ids might.)
func compareTieCursorKeys(a, b string) int {
	i, j := strings.LastIndexByte(a, ':'), strings.LastIndexByte(b, ':')
	if c := strings.Compare(a[:max(i, 0)], b[:max(j, 0)]); c != 0 {
		return c
	}
	return strings.Compare(a[i+1:], b[j+1:])
}

// contacts is how many different people a person's ties reach: ties of
// several kinds to one person count once, as the analysis counts degree.
func contacts(personID string, ties []netgraph.Tie) int32 {
	seen := make(map[string]struct{}, len(ties))
	for i := range ties {
		seen[ties[i].Other(personID)] = struct{}{}
	}
	return int32(len(seen))
}

// tieConnection pages through all of a person's ties. The whole list comes
// from one batched load, so paging happens here rather than in the store.
func tieConnection(personID string, ties []netgraph.Tie, first *int32, after *string) (*model.TieConnection, error) {
	p, err := pageArgs(tieCursor, first, after)
	if err != nil {
		return nil, err
	}
	start := 0
	if p.After != "" {
		// Continue after the tie at the cursor, or, if it has gone since,
		// from the first tie ordered after it.
		start = len(ties)
		for i := range ties {
			if c := compareTieCursorKeys(tieCursorKey(personID, &ties[i]), p.After); c > 0 {
				start = i
				break
			}
		}
	}
	end := min(start+p.First, len(ties))
	c := &model.TieConnection{Edges: make([]*model.TieEdge, 0, end-start), TotalCount: int32(len(ties)), Contacts: contacts(personID, ties)}
	last := ""
	for i := start; i < end; i++ {
		last = encodeCursor(tieCursor, tieCursorKey(personID, &ties[i]))
		c.Edges = append(c.Edges, &model.TieEdge{Cursor: last, Node: &ties[i], Person: personID})
	}
	c.PageInfo = pageInfo(end < len(ties), last)
	return c, nil
}
