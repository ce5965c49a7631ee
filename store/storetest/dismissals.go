package storetest

import (
	"strings"

	"github.com/netgraph/netgraph"
)

var dismissalTests = []test{
	{"Dismissal/RoundTrip", dismissalRoundTrip},
	{"Dismissal/Idempotent", dismissalIdempotent},
	{"Dismissal/Refused", dismissalRefused},
	{"Dismissal/ErasedWithPerson", dismissalErasedWithPerson},
}

// dismissals returns every dismissal the store holds.
func (f *fixture) dismissals() []netgraph.Dismissal {
	f.t.Helper()
	ds, err := f.s.Dismissals(f.ctx)
	if err != nil {
		f.t.Fatalf("Dismissals: %v", err)
	}
	return ds
}

// dismiss dismisses the introduction of a and b, failing the test on error.
func (f *fixture) dismiss(a, b, reason string) *netgraph.Dismissal {
	f.t.Helper()
	d, err := f.s.DismissIntroduction(f.ctx, netgraph.DismissalCreate{A: a, B: b, Reason: reason})
	if err != nil {
		f.t.Fatalf("DismissIntroduction(%s, %s): %v", a, b, err)
	}
	return d
}

// A dismissal names the pair in id order, the caller and the time, keeps
// its reason, reads back as written, and bumps the data version.
func dismissalRoundTrip(f *fixture) {
	ann, bob, cat := f.person("Ann Lee"), f.person("Bob Shah"), f.person("Cat Ode")
	f.as(facilitator, "req-1")
	v := f.version()
	d := f.dismiss(bob.ID, ann.ID, "  they share an office  ")
	if d.A != min(ann.ID, bob.ID) || d.B != max(ann.ID, bob.ID) {
		f.t.Errorf("dismissal of %s and %s is %s–%s; want the smaller id first", bob.ID, ann.ID, d.A, d.B)
	}
	if d.By != facilitator.Subject || d.Reason != "they share an office" || d.At.IsZero() {
		f.t.Errorf("dismissal = %+v; want by %s, the trimmed reason and a time", d, facilitator.Subject)
	}
	if got := f.version(); got != v+1 {
		f.t.Errorf("data version %d after a dismissal from %d; want one more, so analyses drop the pair", got, v)
	}
	e := f.dismiss(cat.ID, ann.ID, "")
	want := []netgraph.Dismissal{*d, *e}
	if want[1].A+want[1].B < want[0].A+want[0].B {
		want[0], want[1] = want[1], want[0]
	}
	f.equal(f.dismissals(), want, "Dismissals")
	// Not part of the graph: no record for it in ReadGraph.
	recs, _ := f.graph()
	for _, r := range recs {
		if r.Tie != nil {
			f.t.Errorf("a dismissal made a tie: %+v", r.Tie)
		}
	}
}

// Dismissing a dismissed pair again, either way round, returns the first
// dismissal and changes nothing: no new version, no audit entry.
func dismissalIdempotent(f *fixture) {
	ann, bob := f.person("Ann Lee"), f.person("Bob Shah")
	first := f.dismiss(ann.ID, bob.ID, "first")
	before := f.version()
	entries := f.audit(netgraph.AuditFilter{}, netgraph.Page{}).TotalCount
	f.as(admin, "req-2")
	again := f.dismiss(bob.ID, ann.ID, "second")
	f.equal(again, first, "second dismissal of the pair")
	if got := f.version(); got != before {
		f.t.Errorf("data version %d after a repeated dismissal; want %d", got, before)
	}
	if got := f.audit(netgraph.AuditFilter{}, netgraph.Page{}).TotalCount; got != entries {
		f.t.Errorf("%d audit entries after a repeated dismissal; want %d", got, entries)
	}
	if n := len(f.dismissals()); n != 1 {
		f.t.Errorf("%d dismissals; want 1", n)
	}
}

// Bad input and unknown people are refused, with the field named, and
// change nothing.
func dismissalRefused(f *fixture) {
	ann := f.person("Ann Lee")
	before := f.state()
	cases := []struct {
		name        string
		c           netgraph.DismissalCreate
		code, field string
	}{
		{"NoA", netgraph.DismissalCreate{B: ann.ID}, netgraph.EINVALID, "a"},
		{"NoB", netgraph.DismissalCreate{A: ann.ID}, netgraph.EINVALID, "b"},
		{"Self", netgraph.DismissalCreate{A: ann.ID, B: ann.ID}, netgraph.EINVALID, "b"},
		{"LongReason", netgraph.DismissalCreate{A: ann.ID, B: "per_zzz",
			Reason: strings.Repeat("x", netgraph.MaxDismissalReason+1)}, netgraph.EINVALID, "reason"},
		{"UnknownA", netgraph.DismissalCreate{A: "per_nobody", B: ann.ID}, netgraph.ENOTFOUND, "a"},
		{"UnknownB", netgraph.DismissalCreate{A: ann.ID, B: "per_nobody"}, netgraph.ENOTFOUND, "b"},
	}
	for _, tc := range cases {
		_, err := f.s.DismissIntroduction(f.ctx, tc.c)
		f.wantCode(err, tc.code, tc.field, tc.name)
	}
	f.unchanged(before, "refused dismissals")
	if n := len(f.dismissals()); n != 0 {
		f.t.Errorf("%d dismissals after refused ones; want 0", n)
	}
}

// Erasing a person erases every dismissal that names them, reason and
// all, and leaves the others.
func dismissalErasedWithPerson(f *fixture) {
	ann, bob, cat := f.person("Ann Lee"), f.person("Bob Shah"), f.person("Cat Ode")
	f.dismiss(ann.ID, bob.ID, "Ann's sister")
	f.dismiss(cat.ID, ann.ID, "")
	keep := f.dismiss(bob.ID, cat.ID, "")
	if err := f.s.DeletePerson(f.ctx, ann.ID); err != nil {
		f.t.Fatalf("DeletePerson: %v", err)
	}
	f.equal(f.dismissals(), []netgraph.Dismissal{*keep}, "dismissals after erasing "+ann.ID)
}
