package app_test

import (
	"context"
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
	for _, c := range []struct {
		name   string
		err    error
		purged int
	}{
		{"Erased", nil, 1},
		{"Unknown", netgraph.NotFound("id", "person", "per_X"), 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p purges
			err := app.ErasePerson(context.Background(), eraser{c.err}, &p, "per_X")
			if err != c.err || int(p) != c.purged {
				t.Errorf("got %v with %d purges, want %v with %d", err, p, c.err, c.purged)
			}
		})
	}
}
