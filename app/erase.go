package app

import (
	"context"
)

// PersonEraser is the store method erasure uses.
type PersonEraser interface {
	// DeletePerson erases a person and everything attached to them.
	DeletePerson(ctx context.Context, id string) error
}

// AnalysisPurger drops every cached analysis (engine.Engine).
type AnalysisPurger interface {
	Purge()
}

// ErasePerson erases a person: from the store, with their ties, affiliations
// and memberships, and then from every cached analysis, so nothing of them
// outlives them there, not even until the next analysis notices the new data
// version. The caches are purged whenever the store has erased the person,
// even if it then failed at something else; a deletion that erased nothing
// (an unknown id) leaves them alone. The store's error is returned as it is.
func ErasePerson(ctx context.Context, s PersonEraser, analyses AnalysisPurger, id string) error {
	err := s.DeletePerson(ctx, id)
	if erased(err) {
		analyses.Purge()
	}
	return err
}

// erased reports whether DeletePerson erased the person, given what it
// returned.
func erased(err error) bool {
	return err == nil
}
