package app

import (
	"context"
	"slices"
	"strings"

	"github.com/netgraph/netgraph"
)

// Connector is the store method recording an introduction uses.
type Connector interface {
	Connect(ctx context.Context, c netgraph.TieCreate) (*netgraph.Tie, error)
}

// RecordIntroduction records that a was introduced to b: an INTRODUCED tie
// from a to b, of the given strength (nil for the default). Errors name the
// tie's fields: "from" (a), "to" (b) or "strength"; ECONFLICT if the two
// have been introduced already.
func RecordIntroduction(ctx context.Context, s Connector, a, b string, strength *float64) (*netgraph.Tie, error) {
	t, err := s.Connect(ctx, netgraph.TieCreate{From: a, To: b, Kind: netgraph.TieIntroduced, Strength: strength})
	switch {
	case err == nil:
		return t, nil
	case netgraph.ErrorCode(err) == netgraph.ECONFLICT:
		return nil, netgraph.Errorf(netgraph.ECONFLICT, "%s and %s have been introduced already", a, b)
	}
	return nil, err
}

// DismissIntroduction records that a facilitator dismissed the suggestion to
// introduce a and b (either way round), with an optional reason, so that
// analyses stop suggesting the pair. The store records the caller and the
// time and writes the audit entry (DismissIntroduction, the two ids); a pair
// dismissed already keeps its first dismissal. Who may dismiss is the edge's
// to check (facilitators and admins). Errors name "a", "b" or "reason".
func DismissIntroduction(ctx context.Context, s netgraph.DismissalStore, a, b, reason string) (*netgraph.Dismissal, error) {
	return s.DismissIntroduction(ctx, netgraph.DismissalCreate{A: a, B: b, Reason: reason})
}

// DismissedIntroductions returns a page of the dismissed introductions, by
// the ids of the pair; an item's cursor key is its Key. EINVALID for a bad
// page.
func DismissedIntroductions(ctx context.Context, s netgraph.DismissalStore, p netgraph.Page) (*netgraph.List[netgraph.Dismissal], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	all, err := s.Dismissals(ctx)
	if err != nil {
		return nil, err
	}
	rest := all
	if p.After != "" {
		i, _ := slices.BinarySearchFunc(all, p.After, func(d netgraph.Dismissal, key string) int {
			return strings.Compare(d.Key(), key)
		})
		if i < len(all) && all[i].Key() == p.After {
			i++
		}
		rest = all[i:]
	}
	l := &netgraph.List[netgraph.Dismissal]{TotalCount: len(all), HasNextPage: len(rest) > p.First}
	l.Items = rest[:min(len(rest), p.First)]
	return l, nil
}
