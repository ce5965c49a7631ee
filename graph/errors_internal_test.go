package graph

import (
	"context"
	"fmt"
	"testing"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
)

// TestPresentErrorCodes checks each domain code's GraphQL code, and that a
// domain error keeps its code and field when wrapped.
func TestPresentErrorCodes(t *testing.T) {
	r := newResolver(Config{Logger: zerolog.Nop()})
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{RequestID: "req-7"})
	for _, tc := range []struct {
		err         error
		code, field string
	}{
		{netgraph.Invalid("input.email", "bad"), "BAD_USER_INPUT", "input.email"},
		{fmt.Errorf("create person: %w", netgraph.Invalid("input.name", "empty")), "BAD_USER_INPUT", "input.name"},
		{netgraph.NotFound("input.to", "person", "x"), "NOT_FOUND", "input.to"},
		{netgraph.Errorf(netgraph.ECONFLICT, "taken"), "CONFLICT", ""},
		{netgraph.Errorf(netgraph.EUNAUTHENTICATED, "who?"), "UNAUTHENTICATED", ""},
		{netgraph.Errorf(netgraph.EFORBIDDEN, "no"), "FORBIDDEN", ""},
		{netgraph.Errorf(netgraph.EUNAVAILABLE, "later"), "UNAVAILABLE", ""},
		{netgraph.Errorf(netgraph.EINTERNAL, "secret detail"), "INTERNAL_SERVER_ERROR", ""},
		{netgraph.Errorf("made-up", "secret detail"), "INTERNAL_SERVER_ERROR", ""},
		{fmt.Errorf("secret detail"), "INTERNAL_SERVER_ERROR", ""},
		{fmt.Errorf("analyse network: %w", context.DeadlineExceeded), "TIMEOUT", ""},
	} {
		e := r.presentError(ctx, tc.err)
		if e.Extensions["code"] != tc.code || (e.Extensions["field"] != nil) != (tc.field != "") ||
			(tc.field != "" && e.Extensions["field"] != tc.field) {
			t.Errorf("%v: extensions %v, want code %s field %q", tc.err, e.Extensions, tc.code, tc.field)
		}
		if tc.code == "INTERNAL_SERVER_ERROR" && (e.Extensions["requestId"] != "req-7" || e.Message == tc.err.Error()) {
			t.Errorf("%v: internal error presented as %q %v", tc.err, e.Message, e.Extensions)
		}
	}
}
