package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/netgraph/netgraph"
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
// version. It reports whether the person was erased.
//
// When the store erased the person but then failed to remove their old
// records from its file (netgraph.ErrErasedNotCompacted: a full disk, say),
// the caches are purged all the same and ErasePerson returns true with an
// EUNAVAILABLE error that says so: the person is gone (a retry would say
// ENOTFOUND), and what remains to be done is the store's compaction, which
// it retries by itself. The store's error stays wrapped, for logs. A
// deletion that erased nothing (an unknown id) purges nothing.
func ErasePerson(ctx context.Context, s PersonEraser, analyses AnalysisPurger, id string) (erased bool, err error) {
	err = s.DeletePerson(ctx, id)
	switch {
	case err == nil:
		analyses.Purge()
		return true, nil
	case errors.Is(err, netgraph.ErrErasedNotCompacted):
		analyses.Purge()
		return true, fmt.Errorf("%w: %w", netgraph.Errorf(netgraph.EUNAVAILABLE,
			"person %s is erased, but the store could not yet compact its file, so their old records remain "+
				"on its free pages until a compaction succeeds (it retries at its next erasure and next start; "+
				"or run netgraph compact)", id), err)
	}
	return false, err
}
