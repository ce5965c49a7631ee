package netgraph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
)

func TestAuditEntryStamp(t *testing.T) {
	at := time.Date(2025, 3, 1, 13, 0, 0, 0, time.FixedZone("CET", 3600))
	what := netgraph.AuditEntry{Operation: netgraph.OpConnect, IDs: []string{"per_2", "per_1"}, Kind: "KNOWS"}
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "key:ops", Role: netgraph.RoleAdmin, RequestID: "r1"})
	e := what.Stamp(ctx, at)
	if !strings.HasPrefix(e.ID, netgraph.AuditIDPrefix) || !e.At.Equal(at) || e.At.Location() != time.UTC ||
		e.Subject != "key:ops" || e.Role != netgraph.RoleAdmin || e.RequestID != "r1" ||
		e.Operation != what.Operation || e.Kind != "KNOWS" || len(e.IDs) != 2 {
		t.Errorf("stamped with a caller: %+v", e)
	}
	if next := what.Stamp(ctx, at); next.ID <= e.ID {
		t.Errorf("a later entry's id %s does not sort after %s", next.ID, e.ID)
	}
	e = what.Stamp(context.Background(), at)
	if e.Subject != netgraph.AuditSystem || e.Role != "" || e.RequestID != "" {
		t.Errorf("stamped without a caller: %+v; want the system", e)
	}
}

func TestAuditFilter(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	e := netgraph.AuditEntry{ID: "aud_1", At: t0, Subject: "key:ops", Operation: netgraph.OpConnect,
		IDs: []string{"per_1", "per_2"}, Kind: "KNOWS"}
	before, after := t0.Add(-time.Second), t0.Add(time.Second)
	for _, tc := range []struct {
		name  string
		f     netgraph.AuditFilter
		match bool
	}{
		{"Empty", netgraph.AuditFilter{}, true},
		{"Subject", netgraph.AuditFilter{Subject: "key:ops"}, true},
		{"OtherSubject", netgraph.AuditFilter{Subject: "key:OPS"}, false},
		{"Operation", netgraph.AuditFilter{Operation: netgraph.OpConnect}, true},
		{"OtherOperation", netgraph.AuditFilter{Operation: netgraph.OpDisconnect}, false},
		{"SecondID", netgraph.AuditFilter{ID: "per_2"}, true},
		{"KindIsNoID", netgraph.AuditFilter{ID: "KNOWS"}, false},
		{"SinceInclusive", netgraph.AuditFilter{Since: &t0}, true},
		{"SinceAfter", netgraph.AuditFilter{Since: &after}, false},
		{"UntilExclusive", netgraph.AuditFilter{Until: &t0}, false},
		{"Window", netgraph.AuditFilter{Since: &before, Until: &after, ID: "per_1"}, true},
	} {
		if err := tc.f.Validate(); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if got := tc.f.Match(&e); got != tc.match {
			t.Errorf("%s: match %v; want %v", tc.name, got, tc.match)
		}
	}
	for _, tc := range []struct {
		f     netgraph.AuditFilter
		field string
	}{
		{netgraph.AuditFilter{Operation: "connect"}, "operation"},
		{netgraph.AuditFilter{Since: &after, Until: &before}, "until"},
		{netgraph.AuditFilter{Since: &t0, Until: &t0}, "until"},
	} {
		if err := tc.f.Validate(); netgraph.ErrorCode(err) != netgraph.EINVALID || netgraph.ErrorField(err) != tc.field {
			t.Errorf("%+v: %v; want EINVALID on %s", tc.f, err, tc.field)
		}
	}
}
