package netgraph_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
)

// TestTextRefusesHiddenCharacters checks that every free-text field refuses
// the characters that change how a name shows without showing themselves
// (a right-to-left override makes "Ann" + U+202E + "nhoJ" read "Ann John"),
// naming the field and the character.
func TestTextRefusesHiddenCharacters(t *testing.T) {
	now := time.Now()
	hidden := []rune{'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
		'\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u2028', '\u2029'}
	fields := []struct {
		field string
		try   func(s string) error
	}{
		{"name", func(s string) error { _, err := netgraph.PersonCreate{Name: s}.NewPerson("p1", now); return err }},
		{"title", func(s string) error {
			_, err := netgraph.PersonCreate{Name: "Ann", Title: s}.NewPerson("p1", now)
			return err
		}},
		{"email", func(s string) error {
			_, err := netgraph.PersonCreate{Name: "Ann", Email: "ann" + s + "@example.org"}.NewPerson("p1", now)
			return err
		}},
		{"interests", func(s string) error {
			_, err := netgraph.PersonCreate{Name: "Ann", Interests: []string{s}}.NewPerson("p1", now)
			return err
		}},
		{"externalId", func(s string) error {
			_, err := netgraph.PersonCreate{Name: "Ann", ExternalID: s}.NewPerson("p1", now)
			return err
		}},
		{"name", func(s string) error {
			_, err := netgraph.OrganisationCreate{Name: s}.NewOrganisation("o1", now)
			return err
		}},
		{"purpose", func(s string) error {
			_, err := netgraph.NetworkCreate{Name: "N", Type: netgraph.NetworkTypes[0], Purpose: s}.NewNetwork("n1", now)
			return err
		}},
		{"role", func(s string) error {
			a := netgraph.Affiliation{PersonID: "p1", OrganisationID: "o1", Role: s}
			return a.Validate()
		}},
	}
	for _, f := range fields {
		for _, r := range hidden {
			err := f.try("Ann" + string(r) + "Lee")
			if netgraph.ErrorCode(err) != netgraph.EINVALID || !strings.HasSuffix(netgraph.ErrorField(err), f.field) {
				t.Errorf("%s with U+%04X: %v; want EINVALID on %s", f.field, r, err, f.field)
				continue
			}
			if !strings.Contains(netgraph.ErrorMessage(err), fmt.Sprintf("U+%04X", r)) {
				t.Errorf("%s with U+%04X: %q does not name the character", f.field, r, netgraph.ErrorMessage(err))
			}
		}
		if err := f.try("Ann\xffLee"); netgraph.ErrorCode(err) != netgraph.EINVALID {
			t.Errorf("%s with invalid UTF-8: %v; want EINVALID", f.field, err)
		}
	}
	// Scripts written right to left, and joiners within them, are names.
	for _, ok := range []string{"שרה כהן", "محمد علي", "Zoë Ångström"} {
		if _, err := (netgraph.PersonCreate{Name: ok}).NewPerson("p1", now); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

// TestTieStrengthMinimum checks that a strength below MinStrength is refused
// wherever a tie is made, changed or imported, naming the field.
func TestTieStrengthMinimum(t *testing.T) {
	now := time.Now()
	for _, s := range []float64{5e-324, 1e-300, 0.009999} {
		if _, err := (netgraph.TieCreate{From: "a", To: "b", Strength: &s}).NewTie(now); netgraph.ErrorCode(err) != netgraph.EINVALID ||
			!strings.HasSuffix(netgraph.ErrorField(err), "strength") || !strings.Contains(netgraph.ErrorMessage(err), "at least 0.01") {
			t.Errorf("connect with strength %g: %v; want EINVALID on strength naming the minimum", s, err)
		}
		tie := &netgraph.Tie{From: "a", To: "b", Kind: netgraph.TieKnows, Strength: 1, Since: now}
		if _, err := (netgraph.TieUpdate{Strength: &s}).Apply(tie); !strings.HasSuffix(netgraph.ErrorField(err), "strength") {
			t.Errorf("update to strength %g: %v; want EINVALID on strength", s, err)
		}
		rec := netgraph.Record{Tie: &netgraph.Tie{From: "a", To: "b", Kind: netgraph.TieKnows, Strength: s, Since: now}}
		if _, err := rec.Clean(); !strings.HasSuffix(netgraph.ErrorField(err), "strength") {
			t.Errorf("import with strength %g: %v; want EINVALID on tie.strength", s, err)
		}
	}
	s := netgraph.MinStrength
	if _, err := (netgraph.TieCreate{From: "a", To: "b", Strength: &s}).NewTie(now); err != nil {
		t.Errorf("strength %g: %v", s, err)
	}
}
