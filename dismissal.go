package netgraph

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Dismissal records that a facilitator dismissed the suggestion to introduce
// two people, so analyses stop suggesting the pair. It is facilitators'
// working data, not part of the graph: not in ReadGraph, exports or Import;
// erasing either person erases it.
type Dismissal struct {
	// A and B are the two people, A < B: a pair is unordered.
	A string `json:"a"`
	B string `json:"b"`
	// By is the subject of the caller who dismissed it (AuditSystem
	// without a caller).
	By string `json:"by"`
	// At is when the store recorded it, by the store's clock, in UTC.
	At time.Time `json:"at"`
	// Reason is the facilitator's optional note ("they work together
	// already"); it may hold personal data, so it is erased with the pair.
	Reason string `json:"reason,omitempty"`
}

// Key identifies the dismissal's pair: A and B joined by a space (ids hold
// none), so keys sort as Dismissals lists them.
func (d Dismissal) Key() string { return d.A + " " + d.B }

// MaxDismissalReason is the longest reason a dismissal keeps, in characters.
const MaxDismissalReason = 500

// DismissalCreate asks to dismiss the suggestion to introduce A and B, in
// either order.
type DismissalCreate struct {
	A, B   string
	Reason string
}

// NewDismissal validates c and returns the dismissal it makes, by the caller
// in ctx, at the time at. Errors name the field: "a", "b" or "reason".
func (c DismissalCreate) NewDismissal(ctx context.Context, at time.Time) (*Dismissal, error) {
	a, b := strings.TrimSpace(c.A), strings.TrimSpace(c.B)
	reason := strings.TrimSpace(c.Reason)
	switch {
	case a == "":
		return nil, Invalid("a", "is required")
	case b == "":
		return nil, Invalid("b", "is required")
	case a == b:
		return nil, Invalid("b", "must be another person than a")
	case utf8.RuneCountInString(reason) > MaxDismissalReason:
		return nil, Invalid("reason", "must be at most %d characters", MaxDismissalReason)
	}
	if b < a {
		a, b = b, a
	}
	by := AuditSystem
	if cl, ok := CallerFrom(ctx); ok {
		by = cl.Subject
	}
	return &Dismissal{A: a, B: b, By: by, At: at.UTC(), Reason: reason}, nil
}

// DismissalStore keeps dismissed introductions.
type DismissalStore interface {
	// DismissIntroduction records that the introduction of c.A and c.B is
	// dismissed, by the caller in ctx. It is idempotent: if the pair is
	// dismissed already, it returns that dismissal unchanged and changes
	// nothing (no audit entry, no new data version). A new dismissal bumps
	// the data version, so cached analyses drop the pair. EINVALID for bad
	// input, ENOTFOUND (field "a" or "b") if either person is unknown.
	DismissIntroduction(ctx context.Context, c DismissalCreate) (*Dismissal, error)
	// Dismissals returns every dismissal, by A and then B. Dismissals are
	// few (one per facilitator decision), so there is no paging here.
	Dismissals(ctx context.Context) ([]Dismissal, error)
}
