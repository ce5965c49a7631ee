package netgraph

import "time"

// TieKind is the nature of a connection between two people.
type TieKind string

// Tie kinds.
const (
	TieCollaborates TieKind = "COLLABORATES"
	TieAdvises      TieKind = "ADVISES"
	TieKnows        TieKind = "KNOWS"
	TieIntroduced   TieKind = "INTRODUCED"
)

// TieKinds lists every valid tie kind.
var TieKinds = []TieKind{TieCollaborates, TieAdvises, TieKnows, TieIntroduced}

// Tie strengths: MinStrength ≤ strength ≤ MaxStrength, DefaultStrength when
// not given. The minimum keeps analysis sound: path lengths are 1/strength
// and random walks divide by a person's total strength, so a strength such as
// 5e-324 would make distances and transition shares overflow.
const (
	MinStrength     = 0.01
	DefaultStrength = 1.0
	MaxStrength     = 10.0
)

// Tie connects two people. For analysis it is undirected: there is at most one
// tie per pair of people and kind, whichever way round it was made. From and
// To keep the direction it was recorded in (who advises whom).
type Tie struct {
	From            string     `json:"from"`
	To              string     `json:"to"`
	Kind            TieKind    `json:"kind"`
	Strength        float64    `json:"strength"`
	Since           time.Time  `json:"since"`
	LastInteraction *time.Time `json:"lastInteraction,omitempty"`
}

// TieKey identifies a tie: the unordered pair of people and the kind.
type TieKey struct {
	A, B string // A < B
	Kind TieKind
}

// Key returns the tie's identity.
func (t *Tie) Key() TieKey { return NewTieKey(t.From, t.To, t.Kind) }

// NewTieKey returns the key of the tie of kind between two people, in either order.
func NewTieKey(a, b string, kind TieKind) TieKey {
	if b < a {
		a, b = b, a
	}
	return TieKey{A: a, B: b, Kind: kind}
}

// Other returns the person at the other end of the tie from id.
func (t *Tie) Other(id string) string {
	if t.From == id {
		return t.To
	}
	return t.From
}

// TieCreate is the input to connect two people. Kind defaults to KNOWS,
// Strength to DefaultStrength and Since to the time of creation.
type TieCreate struct {
	From            string
	To              string
	Kind            TieKind
	Strength        *float64
	Since           *time.Time
	LastInteraction *time.Time
}

// NewTie validates c (not that the people exist) and returns the tie.
func (c TieCreate) NewTie(now time.Time) (*Tie, error) {
	if err := checkID("from", c.From); err != nil {
		return nil, err
	}
	if err := checkID("to", c.To); err != nil {
		return nil, err
	}
	if c.From == c.To {
		return nil, Invalid("to", "a person cannot be tied to themselves")
	}
	t := &Tie{From: c.From, To: c.To, Kind: c.Kind, Strength: DefaultStrength, Since: now,
		LastInteraction: c.LastInteraction}
	if t.Kind == "" {
		t.Kind = TieKnows
	}
	if err := checkEnum("kind", t.Kind, TieKinds); err != nil {
		return nil, err
	}
	if c.Since != nil {
		t.Since = *c.Since
	}
	u := TieUpdate{Strength: c.Strength}
	if err := u.apply(t); err != nil {
		return nil, err
	}
	return t, nil
}

// TieUpdate changes a tie's strength or interaction dates.
type TieUpdate struct {
	Strength        *float64
	Since           *time.Time
	LastInteraction *time.Time
}

// Apply validates u and returns an updated copy of t.
func (u TieUpdate) Apply(t *Tie) (*Tie, error) {
	q := *t
	if err := u.apply(&q); err != nil {
		return nil, err
	}
	return &q, nil
}

func (u TieUpdate) apply(t *Tie) error {
	if u.Strength != nil {
		s := *u.Strength
		if !(s >= MinStrength && s <= MaxStrength) { // NaN fails both
			return Invalid("strength", "must be at least %g and at most %g (got %g)", MinStrength, MaxStrength, s)
		}
		t.Strength = s
	}
	if u.Since != nil {
		t.Since = *u.Since
	}
	if u.LastInteraction != nil {
		t.LastInteraction = u.LastInteraction
	}
	return nil
}
