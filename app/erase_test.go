package app_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
)

// eraser is a store whose DeletePerson returns err.
type eraser struct{ err error }

func (e eraser) DeletePerson(context.Context, string) error { return e.err }

// purges counts purges.
type purges int

func (p *purges) Purge() { *p++ }

func TestErasePerson(t *testing.T) {
	notCompacted := fmt.Errorf("embedded: erase person per_X: %w: disk full", netgraph.ErrErasedNotCompacted)
	for _, c := range []struct {
		name   string
		err    error
		erased bool
		code   string
	}{
		{"Erased", nil, true, ""},
		{"Unknown", netgraph.NotFound("id", "person", "per_X"), false, netgraph.ENOTFOUND},
		{"StoreDown", netgraph.Errorf(netgraph.EUNAVAILABLE, "connection lost"), false, netgraph.EUNAVAILABLE},
		{"ErasedButNotCompacted", notCompacted, true, netgraph.EUNAVAILABLE},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p purges
			erased, err := app.ErasePerson(context.Background(), eraser{c.err}, &p, "per_X")
			if erased != c.erased || netgraph.ErrorCode(err) != c.code {
				t.Errorf("erased %v, %v; want %v with code %q", erased, err, c.erased, c.code)
			}
			if want := map[bool]purges{true: 1, false: 0}[c.erased]; p != want {
				t.Errorf("%d purges, want %d: the caches are purged exactly when the person is erased", p, want)
			}
			if c.err != nil && !errors.Is(err, c.err) {
				t.Errorf("the store's error %v is not kept in %v", c.err, err)
			}
		})
	}
	_, err := app.ErasePerson(context.Background(), eraser{notCompacted}, new(purges), "per_X")
	if msg := netgraph.ErrorMessage(err); !strings.Contains(msg, "per_X is erased") || strings.Contains(msg, "disk full") {
		t.Errorf("message %q should say the person is erased, and leave the store's detail to logs", msg)
	}
}
