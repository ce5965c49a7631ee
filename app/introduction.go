package app

import (
	"context"

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
