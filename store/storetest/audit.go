package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netgraph/netgraph"
)

// auditTests check the audit log: exactly one entry per committed mutation,
// naming the caller, the operation and the ids, never personal data; nothing
// for a mutation that fails or changes nothing. (Every failure test of the
// suite also checks that no entry was written: see fixture.unchanged.)
var auditTests = []test{
	{"Audit/EveryMutationRecorded", auditEveryMutationRecorded},
	{"Audit/FailedMutationRecordsNothing", auditFailedMutationRecordsNothing},
	{"Audit/NoPersonalData", auditNoPersonalData},
	{"Audit/Filters", auditFilters},
	{"Audit/Paging", auditPaging},
	{"Audit/NoCallerIsSystem", auditNoCallerIsSystem},
	{"Audit/SurvivesErasure", auditSurvivesErasure},
	{"Audit/ConcurrentWriters", auditConcurrentWriters},
}

// Callers the audit tests act as.
var (
	facilitator = netgraph.Caller{Subject: "key:facilitator-1", Role: netgraph.RoleFacilitator}
	admin       = netgraph.Caller{Subject: "sub:admin-7", Role: netgraph.RoleAdmin}
)

// as makes the fixture's calls as caller c in request requestID.
func (f *fixture) as(c netgraph.Caller, requestID string) {
	c.RequestID = requestID
	f.ctx = netgraph.WithCaller(f.t.Context(), c)
}

// allAudit returns the whole audit log (the suite's logs fit in one page).
func (f *fixture) allAudit(filter netgraph.AuditFilter) []netgraph.AuditEntry {
	f.t.Helper()
	l := f.audit(filter, netgraph.Page{First: netgraph.MaxPageSize})
	if l.HasNextPage || l.TotalCount != len(l.Items) {
		f.t.Fatalf("audit log with %+v: %d entries, more %v, total %d; want one whole page",
			filter, len(l.Items), l.HasNextPage, l.TotalCount)
	}
	return l.Items
}

func entryIDs(entries []netgraph.AuditEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.ID
	}
	return out
}

func entryOps(entries []netgraph.AuditEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Operation
	}
	return out
}

// wantEntry fails the test unless e records what want says (operation, ids,
// kind, count) by caller c.
func (f *fixture) wantEntry(e, want netgraph.AuditEntry, c netgraph.Caller, what string) {
	f.t.Helper()
	if e.Operation != want.Operation || !slices.Equal(e.IDs, want.IDs) || e.Kind != want.Kind || e.Count != want.Count {
		f.t.Errorf("%s: entry records %s %v kind %q count %d; want %s %v kind %q count %d", what,
			e.Operation, e.IDs, e.Kind, e.Count, want.Operation, want.IDs, want.Kind, want.Count)
	}
	if e.Subject != c.Subject || e.Role != c.Role || e.RequestID != c.RequestID {
		f.t.Errorf("%s: entry by %q (%q, request %q); want %q (%q, request %q)", what,
			e.Subject, e.Role, e.RequestID, c.Subject, c.Role, c.RequestID)
	}
	if !strings.HasPrefix(e.ID, netgraph.AuditIDPrefix) || e.At.IsZero() {
		f.t.Errorf("%s: entry id %q at %v; want an %s id and a time", what, e.ID, e.At, netgraph.AuditIDPrefix)
	}
}

func auditEveryMutationRecorded(f *fixture) {
	var ann, bob *netgraph.Person
	var trust, lib *netgraph.Organisation
	var stroke *netgraph.Network
	var req *netgraph.MembershipRequest
	var advises netgraph.TieKey
	must := func(err error) {
		f.t.Helper()
		if err != nil {
			f.t.Fatal(err)
		}
	}
	rec := func(op string, ids ...string) netgraph.AuditEntry {
		return netgraph.AuditEntry{Operation: op, IDs: ids}
	}
	kind := func(op, a, b, kind string) netgraph.AuditEntry {
		return netgraph.AuditEntry{Operation: op, IDs: []string{a, b}, Kind: kind}
	}
	// Each step makes one mutation and returns the entry it should record.
	steps := []func() netgraph.AuditEntry{
		func() netgraph.AuditEntry { ann = f.person("Ann Lee"); return rec(netgraph.OpCreatePerson, ann.ID) },
		func() netgraph.AuditEntry { bob = f.person("Bob Shah"); return rec(netgraph.OpCreatePerson, bob.ID) },
		func() netgraph.AuditEntry {
			trust = f.org("Northern Trust")
			return rec(netgraph.OpCreateOrganisation, trust.ID)
		},
		func() netgraph.AuditEntry {
			lib = f.org("City Library")
			return rec(netgraph.OpCreateOrganisation, lib.ID)
		},
		func() netgraph.AuditEntry {
			stroke = f.network("Stroke")
			return rec(netgraph.OpCreateNetwork, stroke.ID)
		},
		func() netgraph.AuditEntry {
			_, err := f.s.UpdatePerson(f.ctx, ann.ID, netgraph.PersonUpdate{Title: ptr("Matron")})
			must(err)
			return rec(netgraph.OpUpdatePerson, ann.ID)
		},
		func() netgraph.AuditEntry {
			_, err := f.s.UpdateOrganisation(f.ctx, trust.ID, netgraph.OrganisationUpdate{Region: ptr("North")})
			must(err)
			return rec(netgraph.OpUpdateOrganisation, trust.ID)
		},
		func() netgraph.AuditEntry {
			_, err := f.s.UpdateNetwork(f.ctx, stroke.ID, netgraph.NetworkUpdate{Region: ptr("North")})
			must(err)
			return rec(netgraph.OpUpdateNetwork, stroke.ID)
		},
		func() netgraph.AuditEntry {
			f.affiliate(ann.ID, trust.ID, "Nurse")
			return rec(netgraph.OpAddAffiliation, ann.ID, trust.ID)
		},
		func() netgraph.AuditEntry {
			_, err := f.s.UpdateAffiliation(f.ctx, netgraph.Affiliation{PersonID: ann.ID, OrganisationID: trust.ID, Role: "Matron"})
			must(err)
			return rec(netgraph.OpUpdateAffiliation, ann.ID, trust.ID)
		},
		func() netgraph.AuditEntry {
			f.member(ann.ID, stroke.ID, netgraph.MembershipLead)
			return rec(netgraph.OpAddMembership, ann.ID, stroke.ID)
		},
		func() netgraph.AuditEntry {
			_, err := f.s.UpdateMembership(f.ctx, netgraph.Membership{PersonID: ann.ID, NetworkID: stroke.ID, Role: netgraph.MembershipCore})
			must(err)
			return rec(netgraph.OpUpdateMembership, ann.ID, stroke.ID)
		},
		func() netgraph.AuditEntry {
			f.tie(bob.ID, ann.ID, netgraph.TieAdvises)
			advises = netgraph.NewTieKey(ann.ID, bob.ID, netgraph.TieAdvises)
			return kind(netgraph.OpConnect, bob.ID, ann.ID, "ADVISES")
		},
		func() netgraph.AuditEntry {
			_, err := f.s.UpdateTie(f.ctx, advises, netgraph.TieUpdate{Strength: ptr(3.0)})
			must(err)
			return kind(netgraph.OpUpdateTie, advises.A, advises.B, "ADVISES")
		},
		func() netgraph.AuditEntry {
			f.partner(lib.ID, trust.ID, netgraph.PartnershipMoU)
			return kind(netgraph.OpCreatePartnership, lib.ID, trust.ID, "MOU")
		},
		func() netgraph.AuditEntry {
			must(f.s.RemovePartnership(f.ctx, trust.ID, lib.ID, netgraph.PartnershipMoU))
			return kind(netgraph.OpRemovePartnership, trust.ID, lib.ID, "MOU")
		},
		func() netgraph.AuditEntry {
			must(f.s.Disconnect(f.ctx, advises))
			return kind(netgraph.OpDisconnect, advises.A, advises.B, "ADVISES")
		},
		func() netgraph.AuditEntry {
			must(f.s.RemoveMembership(f.ctx, ann.ID, stroke.ID))
			return rec(netgraph.OpRemoveMembership, ann.ID, stroke.ID)
		},
		func() netgraph.AuditEntry {
			must(f.s.RemoveAffiliation(f.ctx, ann.ID, trust.ID))
			return rec(netgraph.OpRemoveAffiliation, ann.ID, trust.ID)
		},
		func() netgraph.AuditEntry {
			must(f.s.Import(f.ctx, []netgraph.Record{
				{Person: &netgraph.Person{ID: "per_IMPORTED", Name: "Dan"}},
				{Tie: &netgraph.Tie{From: ann.ID, To: "per_IMPORTED", Kind: netgraph.TieKnows, Strength: 1, Since: at(2020, 1, 1)}},
			}))
			return netgraph.AuditEntry{Operation: netgraph.OpImport, Count: 2}
		},
		func() netgraph.AuditEntry {
			r, err := f.s.RequestMembership(f.ctx, netgraph.MembershipRequestCreate{PersonID: bob.ID, NetworkID: stroke.ID})
			must(err)
			req = r
			return rec(netgraph.OpRequestMembership, r.ID, bob.ID, stroke.ID)
		},
		func() netgraph.AuditEntry {
			_, err := f.s.DecideMembershipRequest(f.ctx, netgraph.MembershipDecision{ID: req.ID, Approve: true})
			must(err)
			return rec(netgraph.OpDecideMembershipRequest, req.ID, bob.ID, stroke.ID)
		},
		func() netgraph.AuditEntry {
			must(f.s.DeleteNetwork(f.ctx, stroke.ID))
			return rec(netgraph.OpDeleteNetwork, stroke.ID)
		},
		func() netgraph.AuditEntry {
			must(f.s.DeleteOrganisation(f.ctx, lib.ID))
			return rec(netgraph.OpDeleteOrganisation, lib.ID)
		},
		func() netgraph.AuditEntry {
			_, err := f.s.DismissIntroduction(f.ctx, netgraph.DismissalCreate{A: bob.ID, B: ann.ID})
			must(err)
			return rec(netgraph.OpDismissIntroduction, min(ann.ID, bob.ID), max(ann.ID, bob.ID))
		},
		func() netgraph.AuditEntry {
			must(f.s.DeletePerson(f.ctx, bob.ID))
			return rec(netgraph.OpDeletePerson, bob.ID)
		},
	}

	v := f.version()
	wants := make([]netgraph.AuditEntry, len(steps))
	callers := make([]netgraph.Caller, len(steps))
	for i, step := range steps {
		callers[i] = facilitator
		if i%2 == 1 {
			callers[i] = admin
		}
		callers[i].RequestID = fmt.Sprintf("req-%02d", i)
		f.as(callers[i], callers[i].RequestID)
		wants[i] = step()
		l := f.audit(netgraph.AuditFilter{}, netgraph.Page{First: 1})
		if l.TotalCount != i+1 || len(l.Items) != 1 {
			f.t.Fatalf("after %s: %d entries; want %d, one more than before", wants[i].Operation, l.TotalCount, i+1)
		}
		f.wantEntry(l.Items[0], wants[i], callers[i], "newest entry after "+wants[i].Operation)
	}
	if got := f.version(); got != v+uint64(len(steps)) {
		f.t.Errorf("data version %d after %d mutations from %d: audit entries must not bump it", got, len(steps), v)
	}

	all := f.allAudit(netgraph.AuditFilter{})
	if len(all) != len(steps) {
		f.t.Fatalf("%d entries for %d mutations", len(all), len(steps))
	}
	seen := map[string]bool{}
	for j, e := range all {
		i := len(steps) - 1 - j // newest first
		f.wantEntry(e, wants[i], callers[i], fmt.Sprintf("entry %d (%s)", j, wants[i].Operation))
		if seen[e.ID] {
			f.t.Errorf("entry id %s appears twice", e.ID)
		}
		seen[e.ID] = true
		if j > 0 && (e.ID >= all[j-1].ID || e.At.After(all[j-1].At)) {
			f.t.Errorf("entry %d (%s at %v) is not older than entry %d (%s at %v): want newest first",
				j, e.ID, e.At, j-1, all[j-1].ID, all[j-1].At)
		}
	}
	ops := entryOps(all)
	for _, op := range netgraph.AuditOperations {
		if !slices.Contains(ops, op) {
			f.t.Errorf("no step exercises %s", op)
		}
	}
}

func auditFailedMutationRecordsNothing(f *fixture) {
	w := f.world()
	f.as(admin, "req-fails")
	cancelled, cancel := context.WithCancel(f.ctx)
	cancel()
	for _, tc := range []struct {
		name string
		call func() error
		ok   bool // the call succeeds but changes nothing
	}{
		{"Invalid", func() error {
			_, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: " "})
			return err
		}, false},
		{"InvalidUpdate", func() error {
			_, err := f.s.UpdatePerson(f.ctx, w.ann.ID, netgraph.PersonUpdate{Email: ptr("ann@")})
			return err
		}, false},
		{"UnknownUpdate", func() error {
			_, err := f.s.UpdateNetwork(f.ctx, "net_UNKNOWN", netgraph.NetworkUpdate{Region: ptr("North")})
			return err
		}, false},
		{"UnknownDelete", func() error { return f.s.DeletePerson(f.ctx, "per_UNKNOWN") }, false},
		{"ConflictingTie", func() error {
			_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: w.bob.ID, To: w.ann.ID, Kind: netgraph.TieKnows})
			return err
		}, false},
		{"ConflictingAffiliation", func() error {
			_, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: w.ann.ID, OrganisationID: w.trust.ID, Role: "Nurse"})
			return err
		}, false},
		{"TieToUnknown", func() error {
			_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: w.ann.ID, To: "per_UNKNOWN"})
			return err
		}, false},
		{"MissingDisconnect", func() error {
			return f.s.Disconnect(f.ctx, netgraph.NewTieKey(w.ann.ID, w.cat.ID, netgraph.TieKnows))
		}, false},
		{"MissingPartnership", func() error {
			return f.s.RemovePartnership(f.ctx, w.trust.ID, w.lib.ID, netgraph.PartnershipInformal)
		}, false},
		{"ImportToUnknown", func() error {
			return f.s.Import(f.ctx, []netgraph.Record{{Person: &netgraph.Person{ID: "per_IMPORTED", Name: "Dan"}},
				{Membership: &netgraph.Membership{PersonID: "per_IMPORTED", NetworkID: "net_UNKNOWN", Role: netgraph.MembershipMember}}})
		}, false},
		{"CancelledContext", func() error {
			_, err := f.s.CreatePerson(cancelled, netgraph.PersonCreate{Name: "Dan"})
			return err
		}, false},
		{"ExistingExternalID", func() error {
			p, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: "Ann again", ExternalID: "ann"})
			if err == nil && p.ID != w.ann.ID {
				f.t.Errorf("create with Ann's external id returned %s; want Ann", p.ID)
			}
			return err
		}, true},
		{"ExistingOrganisationExternalID", func() error {
			_, err := f.s.CreateOrganisation(f.ctx, netgraph.OrganisationCreate{Name: "Trust again", ExternalID: "trust"})
			return err
		}, true},
		{"ExistingNetworkExternalID", func() error {
			_, err := f.s.CreateNetwork(f.ctx, netgraph.NetworkCreate{Name: "Stroke again", Type: netgraph.NetworkLearning,
				ExternalID: "stroke"})
			return err
		}, true},
		{"EmptyImport", func() error { return f.s.Import(f.ctx, nil) }, true},
	} {
		before := f.state()
		err := tc.call()
		switch {
		case tc.ok && err != nil:
			f.t.Errorf("%s: %v; want success with no change", tc.name, err)
		case !tc.ok && err == nil:
			f.t.Errorf("%s succeeded; want an error", tc.name)
		}
		f.unchanged(before, tc.name)
	}
}

func auditNoPersonalData(f *fixture) {
	// Values no entry may contain: personal data and free text.
	secrets := []string{"Zebedee", "Quartermaine", "zeb.q@clinic.example", "Gerontologist", "Wensleydale",
		"falconry", "gmc-7741234", "Head of Falconry", "Hospice of St Ygraine", "Ysolde", "ysolde@example.org",
		"Purpose of secrecy", "Palliative", "Pemberton"}
	f.as(facilitator, "req-personal")
	p := f.person("Zebedee Quartermaine", func(c *netgraph.PersonCreate) {
		c.Email, c.Title, c.Profession, c.Region = "zeb.q@clinic.example", "Consultant", "Gerontologist", "Wensleydale"
		c.Interests, c.ExternalID = []string{"falconry"}, "gmc-7741234"
	})
	q := f.person("Ysolde Pemberton")
	o := f.org("Hospice of St Ygraine", func(c *netgraph.OrganisationCreate) { c.Region = "Wensleydale" })
	n := f.network("Palliative circle", func(c *netgraph.NetworkCreate) {
		c.Purpose, c.Specialty = "Purpose of secrecy", "Palliative"
	})
	if _, err := f.s.UpdatePerson(f.ctx, p.ID, netgraph.PersonUpdate{Name: ptr("Zebedee Q. Quartermaine"),
		Email: ptr("zeb.q@clinic.example")}); err != nil {
		f.t.Fatal(err)
	}
	f.affiliate(p.ID, o.ID, "Head of Falconry")
	f.member(p.ID, n.ID, netgraph.MembershipLead)
	f.tie(p.ID, q.ID, netgraph.TieKnows)
	if err := f.s.Import(f.ctx, []netgraph.Record{{Person: &netgraph.Person{ID: "per_IMPORTED",
		Name: "Ysolde Pemberton-Vane", Email: "ysolde@example.org", Region: "Wensleydale"}}}); err != nil {
		f.t.Fatal(err)
	}
	if err := f.s.DeletePerson(f.ctx, p.ID); err != nil {
		f.t.Fatal(err)
	}

	entries := f.allAudit(netgraph.AuditFilter{})
	text := strings.ToLower(show(entries))
	for _, s := range secrets {
		if strings.Contains(text, strings.ToLower(s)) {
			f.t.Errorf("the audit log contains %q: %s", s, show(entries))
		}
	}
	known := []string{p.ID, q.ID, o.ID, n.ID}
	for _, e := range entries {
		for _, id := range e.IDs {
			if !slices.Contains(known, id) {
				f.t.Errorf("entry %s (%s) records %q, which is not an id the calls named", e.ID, e.Operation, id)
			}
		}
	}
}

func auditFilters(f *fixture) {
	f.as(facilitator, "req-1")
	ann, bob := f.person("Ann"), f.person("Bob")
	f.as(admin, "req-2")
	trust := f.org("Trust")
	f.affiliate(ann.ID, trust.ID, "Nurse")
	f.tie(ann.ID, bob.ID, netgraph.TieKnows)
	f.ctx = f.t.Context() // the system
	if _, err := f.s.UpdatePerson(f.ctx, bob.ID, netgraph.PersonUpdate{Title: ptr("GP")}); err != nil {
		f.t.Fatal(err)
	}
	all := f.allAudit(netgraph.AuditFilter{})
	if len(all) != 6 {
		f.t.Fatalf("%d entries; want 6", len(all))
	}
	newest, oldest := all[0], all[len(all)-1]
	// Compare times in another zone: filters compare instants.
	zone := time.FixedZone("NZST", 12*3600)
	in := func(t time.Time) *time.Time { t = t.In(zone); return &t }
	wantOps := func(filter netgraph.AuditFilter, want ...string) {
		f.t.Helper()
		got := f.allAudit(filter)
		if !slices.Equal(entryOps(got), want) {
			f.t.Errorf("filter %+v: %v; want %v", filter, entryOps(got), want)
		}
		var match []string
		for _, e := range all {
			if filter.Match(&e) {
				match = append(match, e.ID)
			}
		}
		if !slices.Equal(entryIDs(got), match) {
			f.t.Errorf("filter %+v: entries %v; want %v", filter, entryIDs(got), match)
		}
	}
	const (
		create, org, aff = netgraph.OpCreatePerson, netgraph.OpCreateOrganisation, netgraph.OpAddAffiliation
		conn, update     = netgraph.OpConnect, netgraph.OpUpdatePerson
	)
	wantOps(netgraph.AuditFilter{Subject: facilitator.Subject}, create, create)
	wantOps(netgraph.AuditFilter{Subject: admin.Subject}, conn, aff, org)
	wantOps(netgraph.AuditFilter{Subject: netgraph.AuditSystem}, update)
	wantOps(netgraph.AuditFilter{Subject: "nobody"})
	wantOps(netgraph.AuditFilter{Operation: create}, create, create)
	wantOps(netgraph.AuditFilter{ID: ann.ID}, conn, aff, create)
	wantOps(netgraph.AuditFilter{ID: bob.ID}, update, conn, create)
	wantOps(netgraph.AuditFilter{ID: trust.ID}, aff, org)
	wantOps(netgraph.AuditFilter{ID: "per_UNKNOWN"})
	wantOps(netgraph.AuditFilter{ID: ann.ID, Subject: admin.Subject}, conn, aff)
	wantOps(netgraph.AuditFilter{ID: bob.ID, Operation: conn, Subject: admin.Subject}, conn)
	wantOps(netgraph.AuditFilter{Since: in(oldest.At)}, update, conn, aff, org, create, create)
	wantOps(netgraph.AuditFilter{Since: in(newest.At.Add(time.Nanosecond))})
	wantOps(netgraph.AuditFilter{Until: in(oldest.At)})
	wantOps(netgraph.AuditFilter{Until: in(newest.At.Add(time.Nanosecond))}, update, conn, aff, org, create, create)
	wantOps(netgraph.AuditFilter{Since: in(oldest.At), Until: in(newest.At)}, entryOps(withoutNewest(all, newest.At))...)
	wantOps(netgraph.AuditFilter{Since: in(all[2].At), Subject: admin.Subject}, entryOps(since(all, all[2].At, admin.Subject))...)

	for _, tc := range []struct {
		name   string
		filter netgraph.AuditFilter
		field  string
	}{
		{"UnknownOperation", netgraph.AuditFilter{Operation: "DropDatabase"}, "operation"},
		{"SinceAfterUntil", netgraph.AuditFilter{Since: in(newest.At), Until: in(oldest.At.Add(-time.Second))}, "until"},
		{"EmptyWindow", netgraph.AuditFilter{Since: in(newest.At), Until: in(newest.At)}, "until"},
	} {
		_, err := f.s.AuditEntries(f.ctx, tc.filter, netgraph.Page{})
		f.wantCode(err, netgraph.EINVALID, tc.field, tc.name)
	}
}

// withoutNewest returns the entries before newest.
func withoutNewest(all []netgraph.AuditEntry, newest time.Time) []netgraph.AuditEntry {
	var out []netgraph.AuditEntry
	for _, e := range all {
		if e.At.Before(newest) {
			out = append(out, e)
		}
	}
	return out
}

// since returns the entries by subject at or after t.
func since(all []netgraph.AuditEntry, t time.Time, subject string) []netgraph.AuditEntry {
	var out []netgraph.AuditEntry
	for _, e := range all {
		if !e.At.Before(t) && e.Subject == subject {
			out = append(out, e)
		}
	}
	return out
}

func auditPaging(f *fixture) {
	for i := range 7 {
		f.person(fmt.Sprintf("P%d", i))
	}
	f.org("O")
	all := f.allAudit(netgraph.AuditFilter{})
	if len(all) != 8 {
		f.t.Fatalf("%d entries; want 8", len(all))
	}
	people := f.allAudit(netgraph.AuditFilter{Operation: netgraph.OpCreatePerson})
	for _, tc := range []struct {
		name   string
		filter netgraph.AuditFilter
		first  int
		want   []netgraph.AuditEntry
		pages  []int
	}{
		{"All", netgraph.AuditFilter{}, 3, all, []int{3, 3, 2}},
		{"Filtered", netgraph.AuditFilter{Operation: netgraph.OpCreatePerson}, 2, people, []int{2, 2, 2, 1}},
		{"ExactPages", netgraph.AuditFilter{}, 4, all, []int{4, 4}},
	} {
		var got []netgraph.AuditEntry
		var sizes []int
		after := ""
		for range 10 {
			l := f.audit(tc.filter, netgraph.Page{First: tc.first, After: after})
			if l.TotalCount != len(tc.want) {
				f.t.Errorf("%s: total %d on page %d; want %d on every page", tc.name, l.TotalCount, len(sizes), len(tc.want))
			}
			got = append(got, l.Items...)
			sizes = append(sizes, len(l.Items))
			if !l.HasNextPage {
				break
			}
			if len(l.Items) == 0 {
				f.t.Fatalf("%s: an empty page says more follow", tc.name)
			}
			after = l.Items[len(l.Items)-1].ID
		}
		if !slices.Equal(sizes, tc.pages) || !slices.Equal(entryIDs(got), entryIDs(tc.want)) {
			f.t.Errorf("%s: pages of %v: %v; want pages of %v: %v", tc.name, sizes, entryIDs(got), tc.pages, entryIDs(tc.want))
		}
	}
	if l := f.audit(netgraph.AuditFilter{}, netgraph.Page{After: all[len(all)-1].ID}); len(l.Items) != 0 || l.HasNextPage || l.TotalCount != 8 {
		f.t.Errorf("after the oldest entry: %d entries, more %v, total %d; want none, false, 8", len(l.Items), l.HasNextPage, l.TotalCount)
	}
	if l := f.audit(netgraph.AuditFilter{}, netgraph.Page{}); len(l.Items) != 8 {
		f.t.Errorf("default page: %d entries; want all 8", len(l.Items))
	}
	for _, p := range []netgraph.Page{{First: -1}, {First: netgraph.MaxPageSize + 1}} {
		_, err := f.s.AuditEntries(f.ctx, netgraph.AuditFilter{}, p)
		f.wantCode(err, netgraph.EINVALID, "first", fmt.Sprintf("page of %d", p.First))
	}
}

func auditNoCallerIsSystem(f *fixture) {
	p := f.person("Ann")
	l := f.audit(netgraph.AuditFilter{}, netgraph.Page{})
	if len(l.Items) != 1 {
		f.t.Fatalf("%d entries; want 1", len(l.Items))
	}
	f.wantEntry(l.Items[0], netgraph.AuditEntry{Operation: netgraph.OpCreatePerson, IDs: []string{p.ID}},
		netgraph.Caller{Subject: netgraph.AuditSystem}, "create without a caller")
}

func auditSurvivesErasure(f *fixture) {
	f.as(facilitator, "req-world")
	w := f.world()
	total := f.audit(netgraph.AuditFilter{}, netgraph.Page{First: 1}).TotalCount
	before := f.allAudit(netgraph.AuditFilter{ID: w.ann.ID})
	if got := entryOps(before); !slices.Equal(got, []string{netgraph.OpAddMembership, netgraph.OpAddAffiliation,
		netgraph.OpConnect, netgraph.OpCreatePerson}) {
		f.t.Fatalf("entries naming Ann: %v", got)
	}
	f.as(admin, "req-erase")
	if err := f.s.DeletePerson(f.ctx, w.ann.ID); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.s.Person(f.ctx, w.ann.ID); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
		f.t.Fatalf("Ann after erasure: %v; want ENOTFOUND", err)
	}
	after := f.allAudit(netgraph.AuditFilter{ID: w.ann.ID})
	if len(after) != len(before)+1 {
		f.t.Fatalf("%d entries name Ann after erasure; want the %d from before and the erasure", len(after), len(before))
	}
	f.wantEntry(after[0], netgraph.AuditEntry{Operation: netgraph.OpDeletePerson, IDs: []string{w.ann.ID}},
		netgraph.Caller{Subject: admin.Subject, Role: admin.Role, RequestID: "req-erase"}, "erasure")
	if show(after[1:]) != show(before) {
		f.t.Errorf("entries naming Ann changed with the erasure:\nbefore %s\nafter  %s", show(before), show(after[1:]))
	}
	if got := f.audit(netgraph.AuditFilter{}, netgraph.Page{First: 1}).TotalCount; got != total+1 {
		f.t.Errorf("%d entries after erasing a person with ties and relations; want %d: one entry, none removed", got, total+1)
	}
}

func auditConcurrentWriters(f *fixture) {
	const writers, each = 6, 8
	w := f.world()
	total := f.audit(netgraph.AuditFilter{}, netgraph.Page{First: 1}).TotalCount
	v := f.version()
	var ok, conflicts atomic.Int64
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			c := netgraph.Caller{Subject: fmt.Sprintf("key:writer-%d", i), Role: netgraph.RoleFacilitator,
				RequestID: fmt.Sprintf("req-%d", i)}
			ctx := netgraph.WithCaller(f.ctx, c)
			for j := range each {
				var err error
				if j%2 == 0 {
					_, err = f.s.CreatePerson(ctx, netgraph.PersonCreate{Name: fmt.Sprintf("W%d P%d", i, j)})
				} else { // every writer tries the same tie: one wins, the others conflict
					_, err = f.s.Connect(ctx, netgraph.TieCreate{From: w.bob.ID, To: w.cat.ID,
						Kind: netgraph.TieKinds[j/2%len(netgraph.TieKinds)]})
				}
				switch netgraph.ErrorCode(err) {
				case "":
					ok.Add(1)
				case netgraph.ECONFLICT:
					conflicts.Add(1)
				default:
					f.t.Errorf("writer %d: %v", i, err)
				}
			}
		})
	}
	wg.Wait()
	if f.t.Failed() {
		return
	}
	n := int(ok.Load())
	if got := f.audit(netgraph.AuditFilter{}, netgraph.Page{First: 1}).TotalCount; got != total+n {
		f.t.Errorf("%d entries after %d successful and %d conflicting mutations from %d; want one per success",
			got, n, conflicts.Load(), total)
	}
	if got := f.version(); got != v+uint64(n) {
		f.t.Errorf("data version %d after %d changes from %d", got, n, v)
	}
	connects := 0
	for i := range writers {
		entries := f.allAudit(netgraph.AuditFilter{Subject: fmt.Sprintf("key:writer-%d", i)})
		for _, e := range entries {
			if e.RequestID != fmt.Sprintf("req-%d", i) {
				f.t.Errorf("writer %d's entry %s has request id %q", i, e.ID, e.RequestID)
			}
			if e.Operation == netgraph.OpConnect {
				connects++
			}
		}
	}
	if connects != len(netgraph.TieKinds) {
		f.t.Errorf("%d Connect entries; want %d, one per kind of tie that a writer won", connects, len(netgraph.TieKinds))
	}
}
