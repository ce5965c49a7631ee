package netgraph

import (
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on text fields.
const (
	MaxNameLength     = 200  // names of people, organisations, networks
	MaxTextLength     = 200  // titles, professions, regions, roles, specialties
	MaxPurposeLength  = 2000 // a network's purpose
	MaxEmailLength    = 254
	MaxInterests      = 50
	MaxInterestLength = 100
	MaxExternalID     = 200
	MaxURLLength      = 2000
)

// cleanName trims s and checks it is a non-empty name of at most max characters.
func cleanName(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Invalid(field, "must not be empty")
	}
	return s, checkText(field, s, max)
}

// cleanText trims an optional text field and checks its length and characters.
func cleanText(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	return s, checkText(field, s, max)
}

func checkText(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "must be valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return Invalid(field, "must be at most %d characters (got %d)", max, n)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\t' }) {
		return Invalid(field, "must not contain control characters")
	}
	if i := strings.IndexFunc(s, HiddenChar); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return Invalid(field, "must not contain invisible or text-direction characters (U+%04X at character %d)",
			r, utf8.RuneCountInString(s[:i])+1)
	}
	return nil
}

// HiddenChar reports whether r changes how the text around it shows without
// showing itself: the bidirectional embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), which can make a name read backwards or
// hide part of it; the zero-width characters (U+200B–U+200D, U+2060, U+FEFF),
// which make two names that look the same differ; and the line and paragraph
// separators (U+2028, U+2029), which break lines in lists and logs.
// Text fields refuse them; so do the ids of an edge list.
func HiddenChar(r rune) bool {
	switch {
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069',
		r >= '\u200B' && r <= '\u200D', r == '\u2060', r == '\uFEFF',
		r == '\u2028', r == '\u2029':
		return true
	}
	return false
}

// cleanEmail checks an optional e-mail address: a bare address (no display
// name), at most MaxEmailLength characters. It is lower-cased.
func cleanEmail(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) > MaxEmailLength {
		return "", Invalid(field, "must be at most %d characters", MaxEmailLength)
	}
	if err := checkText(field, s, MaxEmailLength); err != nil {
		return "", err
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		// The address is personal data: errors name the field, not the value,
		// since they may be logged (a CLI import's error goes to stderr).
		return "", Invalid(field, "must be a bare e-mail address such as name@example.org")
	}
	return strings.ToLower(s), nil
}

// cleanURL checks an optional web address: an absolute http or https URL
// with a host, at most MaxURLLength characters, so that a link on the
// dashboard opens a web page and never runs script (javascript:) or a file.
func cleanURL(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if err := checkText(field, s, MaxURLLength); err != nil {
		return "", err
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		strings.ContainsAny(s, " \t") {
		return "", Invalid(field, "must be a web address starting https:// or http://, such as https://example.org/network")
	}
	return s, nil
}

// cleanInterests trims interests, drops empty ones and case-insensitive
// duplicates (keeping the first spelling) and checks the limits.
func cleanInterests(field string, in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for i, s := range in {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if err := checkText(field, s, MaxInterestLength); err != nil {
			return nil, Invalid(field, "interest %d: %s", i+1, err.(*Error).Message)
		}
		if k := strings.ToLower(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	if len(out) > MaxInterests {
		return nil, Invalid(field, "at most %d interests (got %d)", MaxInterests, len(out))
	}
	return out, nil
}

// cleanExternalID checks an optional client-supplied id.
func cleanExternalID(field, s string) (string, error) {
	if s != strings.TrimSpace(s) {
		return "", Invalid(field, "must not start or end with spaces")
	}
	return s, checkText(field, s, MaxExternalID)
}

// checkEnum returns an EINVALID error unless v is one of valid.
func checkEnum[T ~string](field string, v T, valid []T) error {
	if !slices.Contains(valid, v) {
		return Invalid(field, "%q is not one of %v", v, valid)
	}
	return nil
}

// checkID returns an EINVALID error for an empty id.
func checkID(field, id string) error {
	if strings.TrimSpace(id) == "" {
		return Invalid(field, "must not be empty")
	}
	return nil
}
