package embedded_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// stepClock returns a clock that starts at start and that the test moves.
func stepClock(start time.Time) (netgraph.Clock, *time.Time) {
	now := start
	return func() time.Time { return now }, &now
}

func auditEntries(t *testing.T, s *embedded.Store, f netgraph.AuditFilter) []netgraph.AuditEntry {
	t.Helper()
	l, err := s.AuditEntries(t.Context(), f, netgraph.Page{First: netgraph.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	return l.Items
}

// TestAuditLogPersists checks that entries are in the file: they survive a
// restart, and later entries sort before them.
func TestAuditLogPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	ctx := netgraph.WithCaller(t.Context(), netgraph.Caller{Subject: "key:ops", Role: netgraph.RoleAdmin, RequestID: "r1"})
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	before := auditEntries(t, s, netgraph.AuditFilter{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = embeddedtest.MustOpen(t, path)
	after := auditEntries(t, s, netgraph.AuditFilter{})
	if len(after) != 1 || after[0].ID != before[0].ID || after[0].Subject != "key:ops" || after[0].IDs[0] != p.ID ||
		!after[0].At.Equal(before[0].At) {
		t.Fatalf("after a restart: %+v; want %+v", after, before)
	}
	if err := s.DeletePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if got := auditEntries(t, s, netgraph.AuditFilter{}); len(got) != 2 || got[0].Operation != netgraph.OpDeletePerson {
		t.Errorf("after a restart and a delete: %+v; want the delete first", got)
	}
}

// TestAuditClock checks that entries take their time from the store's clock,
// and that the time never goes backwards, across a restart too, so that a
// scan newest first may stop at the first entry before Since.
func TestAuditClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	start := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	clock, now := stepClock(start)
	s, err := embedded.Open(path, embedded.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	create := func(s *embedded.Store) {
		t.Helper()
		if _, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Ann"}); err != nil {
			t.Fatal(err)
		}
	}
	create(s)
	*now = start.Add(-time.Hour) // the clock steps back
	create(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = embeddedtest.MustOpen(t, path, embedded.WithClock(clock))
	create(s)
	*now = start.Add(time.Minute)
	create(s)

	got := auditEntries(t, s, netgraph.AuditFilter{})
	want := []time.Time{start.Add(time.Minute), start, start, start}
	for i, e := range got {
		if i >= len(want) || !e.At.Equal(want[i]) {
			t.Errorf("entry %d at %v; want %v", i, e.At, want)
		}
	}
	since := start.Add(time.Second)
	if got := auditEntries(t, s, netgraph.AuditFilter{Since: &since}); len(got) != 1 {
		t.Errorf("since %v: %d entries; want 1", since, len(got))
	}
	until := start.Add(time.Second)
	if got := auditEntries(t, s, netgraph.AuditFilter{Until: &until, Operation: netgraph.OpCreatePerson}); len(got) != 3 {
		t.Errorf("until %v: %d entries; want 3", until, len(got))
	}
}

// TestAuditScanLimit checks that a filtered query refuses to examine more
// entries than the limit, that a time window counts only the entries inside
// it, and that the whole log pages without a limit.
func TestAuditScanLimit(t *testing.T) {
	start := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	clock, now := stepClock(start)
	s := embeddedtest.MustOpenTemp(t, embedded.WithClock(clock))
	for i := range 6 {
		*now = start.Add(time.Duration(i) * time.Minute)
		if _, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Ann"}); err != nil {
			t.Fatal(err)
		}
	}
	embedded.SetAuditScanLimit(s, 3)
	if got := auditEntries(t, s, netgraph.AuditFilter{}); len(got) != 6 {
		t.Errorf("whole log: %d entries; want 6, whatever the limit", len(got))
	}
	_, err := s.AuditEntries(t.Context(), netgraph.AuditFilter{Subject: netgraph.AuditSystem}, netgraph.Page{})
	if netgraph.ErrorCode(err) != netgraph.EINVALID || netgraph.ErrorField(err) != "since" {
		t.Errorf("filter over 6 entries with a limit of 3: %v; want EINVALID on since", err)
	}
	since, until := start.Add(time.Minute), start.Add(4*time.Minute)
	got := auditEntries(t, s, netgraph.AuditFilter{Subject: netgraph.AuditSystem, Since: &since, Until: &until})
	if len(got) != 3 || !got[0].At.Equal(start.Add(3*time.Minute)) || !got[2].At.Equal(since) {
		t.Errorf("filter over a window of 3 entries: %+v; want minutes 3, 2, 1", got)
	}
}

// TestAuditOldFile checks that a file written before the audit log opens,
// with an empty log, and records mutations from then on.
func TestAuditOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Ann"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := embedded.DropAuditBucket(path); err != nil {
		t.Fatal(err)
	}
	s = embeddedtest.MustOpen(t, path)
	if got := auditEntries(t, s, netgraph.AuditFilter{}); len(got) != 0 {
		t.Errorf("log of an old file: %+v; want none", got)
	}
	if _, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Bob"}); err != nil {
		t.Fatal(err)
	}
	if got := auditEntries(t, s, netgraph.AuditFilter{ID: ""}); len(got) != 1 {
		t.Errorf("log after a create: %d entries; want 1", len(got))
	}
}

// BenchmarkAuditFilter measures a filtered query that examines the whole of
// a log of a million entries: the cost the scan limit bounds.
func BenchmarkAuditFilter(b *testing.B) {
	const n = 1_000_000
	s := embeddedtest.MustOpenTemp(b)
	if err := embedded.AddAuditEntries(s, n); err != nil {
		b.Fatal(err)
	}
	f := netgraph.AuditFilter{ID: "per_000042"}
	b.ReportAllocs()
	for b.Loop() {
		l, err := s.AuditEntries(b.Context(), f, netgraph.Page{})
		if err != nil {
			b.Fatal(err)
		}
		if l.TotalCount != n/50_000 {
			b.Fatalf("%d entries; want %d", l.TotalCount, n/50_000)
		}
	}
}
