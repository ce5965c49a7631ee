// Package embeddedtest opens embedded stores for tests, closing them when the
// test ends. It is a package of its own so that the store's package, and the
// programs built with it, do not import testing.
package embeddedtest

import (
	"path/filepath"
	"testing"

	"github.com/netgraph/netgraph/store/embedded"
)

// MustOpen opens the store in the file at path, failing the test if it
// cannot, and closes it when the test ends.
func MustOpen(tb testing.TB, path string, opts ...embedded.Option) *embedded.Store {
	tb.Helper()
	s, err := embedded.Open(path, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// MustOpenTemp is MustOpen on a new file in a temporary directory.
func MustOpenTemp(tb testing.TB, opts ...embedded.Option) *embedded.Store {
	tb.Helper()
	return MustOpen(tb, filepath.Join(tb.TempDir(), "netgraph.db"), opts...)
}
