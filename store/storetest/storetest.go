// Package storetest is the contract every netgraph.Store passes: CRUD for each
// entity and relation, validation, uniqueness, referential integrity, cascading
// erasure, filters, pagination, the data version, ReadGraph, Import, concurrent
// use and the audit log.
//
// A store's own tests call Run with a function that opens a fresh, empty
// store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) netgraph.Store {
//			s, err := embedded.Open(filepath.Join(t.TempDir(), "netgraph.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// Subtests are named after the rule they check ("Tie/ConflictReversed"), so
// that a failure names the broken rule. The suite relies only on the Store
// interface; a store that needs a fixed clock takes it through its own options
// in open.
package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
)

// Run runs the contract suite. Every subtest calls open for a new, empty store;
// open must arrange for the store to be closed when the test ends (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) netgraph.Store) {
	var tests []test
	tests = append(tests, entityTests(personKind)...)
	tests = append(tests, entityTests(organisationKind)...)
	tests = append(tests, entityTests(networkKind)...)
	tests = append(tests, personTests...)
	tests = append(tests, organisationTests...)
	tests = append(tests, networkTests...)
	tests = append(tests, affiliationTests...)
	tests = append(tests, membershipTests...)
	tests = append(tests, tieTests...)
	tests = append(tests, partnershipTests...)
	tests = append(tests, validationTests()...)
	tests = append(tests, integrityTests()...)
	tests = append(tests, cascadeTests...)
	tests = append(tests, filterTests...)
	tests = append(tests, pageTests...)
	tests = append(tests, versionTests...)
	tests = append(tests, graphTests...)
	tests = append(tests, importTests...)
	tests = append(tests, concurrencyTests...)
	tests = append(tests, auditTests...)
	tests = append(tests, dismissalTests...)
	tests = append(tests, fieldTests...)
	tests = append(tests, requestTests...)
	tests = append(tests, test{"Ping", func(f *fixture) {
		if err := f.s.Ping(f.ctx); err != nil {
			f.t.Fatalf("Ping: %v", err)
		}
	}})

	seen := make(map[string]bool, len(tests))
	for _, tc := range tests {
		if seen[tc.name] {
			t.Fatalf("storetest: duplicate test name %s", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(&fixture{t: t, ctx: t.Context(), s: open(t), opener: open})
		})
	}
}

// test is one rule of the contract.
type test struct {
	name string
	fn   func(f *fixture)
}

// fixture is a store under test with helpers that fail the test on error.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	s      netgraph.Store
	opener func(t *testing.T) netgraph.Store // for tests that need a second store
}

func (f *fixture) person(name string, opts ...func(*netgraph.PersonCreate)) *netgraph.Person {
	f.t.Helper()
	c := netgraph.PersonCreate{Name: name}
	for _, o := range opts {
		o(&c)
	}
	p, err := f.s.CreatePerson(f.ctx, c)
	if err != nil {
		f.t.Fatalf("CreatePerson(%q): %v", name, err)
	}
	return p
}

func (f *fixture) org(name string, opts ...func(*netgraph.OrganisationCreate)) *netgraph.Organisation {
	f.t.Helper()
	c := netgraph.OrganisationCreate{Name: name}
	for _, o := range opts {
		o(&c)
	}
	o, err := f.s.CreateOrganisation(f.ctx, c)
	if err != nil {
		f.t.Fatalf("CreateOrganisation(%q): %v", name, err)
	}
	return o
}

func (f *fixture) network(name string, opts ...func(*netgraph.NetworkCreate)) *netgraph.Network {
	f.t.Helper()
	c := netgraph.NetworkCreate{Name: name, Type: netgraph.NetworkLearning}
	for _, o := range opts {
		o(&c)
	}
	n, err := f.s.CreateNetwork(f.ctx, c)
	if err != nil {
		f.t.Fatalf("CreateNetwork(%q): %v", name, err)
	}
	return n
}

func (f *fixture) tie(from, to string, kind netgraph.TieKind) *netgraph.Tie {
	f.t.Helper()
	tie, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: from, To: to, Kind: kind})
	if err != nil {
		f.t.Fatalf("Connect(%s, %s, %s): %v", from, to, kind, err)
	}
	return tie
}

func (f *fixture) affiliate(personID, orgID, role string) *netgraph.Affiliation {
	f.t.Helper()
	a, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: personID, OrganisationID: orgID, Role: role})
	if err != nil {
		f.t.Fatalf("AddAffiliation(%s, %s): %v", personID, orgID, err)
	}
	return a
}

func (f *fixture) member(personID, networkID string, role netgraph.MembershipRole) *netgraph.Membership {
	f.t.Helper()
	m, err := f.s.AddMembership(f.ctx, netgraph.Membership{PersonID: personID, NetworkID: networkID, Role: role})
	if err != nil {
		f.t.Fatalf("AddMembership(%s, %s): %v", personID, networkID, err)
	}
	return m
}

func (f *fixture) partner(a, b string, kind netgraph.PartnershipKind) *netgraph.Partnership {
	f.t.Helper()
	p, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: a, To: b, Kind: kind})
	if err != nil {
		f.t.Fatalf("CreatePartnership(%s, %s): %v", a, b, err)
	}
	return p
}

func (f *fixture) version() uint64 {
	f.t.Helper()
	v, err := f.s.DataVersion(f.ctx)
	if err != nil {
		f.t.Fatalf("DataVersion: %v", err)
	}
	return v
}

// graph returns the whole graph as ReadGraph streams it, normalised for
// comparison, and the version it reflects.
func (f *fixture) graph() ([]netgraph.Record, uint64) {
	f.t.Helper()
	var recs []netgraph.Record
	v, err := f.s.ReadGraph(f.ctx, func(r netgraph.Record) error {
		recs = append(recs, normRecord(r))
		return nil
	})
	if err != nil {
		f.t.Fatalf("ReadGraph: %v", err)
	}
	return recs, v
}

// state is everything a reader can see of the store: the graph, its version
// and the audit log (its size and newest entry). Comparing states before and
// after a failed call shows it wrote nothing, not even an audit entry.
type state struct {
	graph   string
	version uint64
	audit   string
}

func (f *fixture) state() state {
	f.t.Helper()
	recs, v := f.graph()
	l := f.audit(netgraph.AuditFilter{}, netgraph.Page{First: 1})
	return state{graph: show(recs), version: v, audit: show(l)}
}

// unchanged fails the test if the store's state differs from before.
func (f *fixture) unchanged(before state, what string) {
	f.t.Helper()
	after := f.state()
	if after.version != before.version {
		f.t.Errorf("%s changed the data version from %d to %d", what, before.version, after.version)
	}
	if after.graph != before.graph {
		f.t.Errorf("%s changed the graph:\nbefore %s\nafter  %s", what, before.graph, after.graph)
	}
	if after.audit != before.audit {
		f.t.Errorf("%s wrote to the audit log:\nbefore %s\nafter  %s", what, before.audit, after.audit)
	}
}

// audit returns a page of the audit log.
func (f *fixture) audit(filter netgraph.AuditFilter, p netgraph.Page) *netgraph.List[netgraph.AuditEntry] {
	f.t.Helper()
	l, err := f.s.AuditEntries(f.ctx, filter, p)
	if err != nil {
		f.t.Fatalf("AuditEntries(%+v, %+v): %v", filter, p, err)
	}
	return l
}

// wantCode fails the test unless err has the given code and field.
func (f *fixture) wantCode(err error, code, field, what string) {
	f.t.Helper()
	if netgraph.ErrorCode(err) != code || netgraph.ErrorField(err) != field {
		f.t.Errorf("%s: got error %v (code %q, field %q); want code %q on field %q",
			what, err, netgraph.ErrorCode(err), netgraph.ErrorField(err), code, field)
	}
}

// wantErr fails the test unless err has the given code.
func (f *fixture) wantErr(err error, code, what string) {
	f.t.Helper()
	if netgraph.ErrorCode(err) != code {
		f.t.Errorf("%s: got error %v; want code %q", what, err, code)
	}
}

// equal fails the test unless got and want, normalised, are equal.
func (f *fixture) equal(got, want any, what string) {
	f.t.Helper()
	got, want = norm(got), norm(want)
	if !reflect.DeepEqual(got, want) {
		f.t.Errorf("%s:\ngot  %s\nwant %s", what, show(got), show(want))
	}
}

// norm returns a copy of v with times in UTC (no monotonic reading) and empty
// slices as nil, so values read back from a store compare equal to the values
// it returned when they were written.
func norm(v any) any {
	switch v := v.(type) {
	case *netgraph.Person:
		if v == nil {
			return v
		}
		p := *v
		p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
		if len(p.Interests) == 0 {
			p.Interests = nil
		} else {
			p.Interests = append([]string(nil), p.Interests...)
		}
		return &p
	case *netgraph.Organisation:
		if v == nil {
			return v
		}
		o := *v
		o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
		return &o
	case *netgraph.Network:
		if v == nil {
			return v
		}
		n := *v
		n.CreatedAt, n.UpdatedAt = n.CreatedAt.UTC(), n.UpdatedAt.UTC()
		return &n
	case *netgraph.Affiliation:
		if v == nil {
			return v
		}
		a := *v
		a.Since = utcPtr(a.Since)
		return &a
	case netgraph.Affiliation:
		return *norm(&v).(*netgraph.Affiliation)
	case *netgraph.Membership:
		if v == nil {
			return v
		}
		m := *v
		m.Since = utcPtr(m.Since)
		return &m
	case netgraph.Membership:
		return *norm(&v).(*netgraph.Membership)
	case *netgraph.Tie:
		if v == nil {
			return v
		}
		t := *v
		t.Since = t.Since.UTC()
		t.LastInteraction = utcPtr(t.LastInteraction)
		return &t
	case netgraph.Tie:
		return *norm(&v).(*netgraph.Tie)
	case *netgraph.Partnership:
		if v == nil {
			return v
		}
		p := *v
		p.Since = utcPtr(p.Since)
		return &p
	case netgraph.Partnership:
		return *norm(&v).(*netgraph.Partnership)
	case netgraph.Record:
		return normRecord(v)
	case []*netgraph.Person:
		return normSlice(v)
	case []*netgraph.Organisation:
		return normSlice(v)
	case []*netgraph.Network:
		return normSlice(v)
	case []netgraph.Affiliation:
		return normSlice(v)
	case []netgraph.Membership:
		return normSlice(v)
	case []netgraph.Tie:
		return normSlice(v)
	case []netgraph.Partnership:
		return normSlice(v)
	case []netgraph.Record:
		return normSlice(v)
	case [][]netgraph.Affiliation:
		return normSlice(v)
	case [][]netgraph.Membership:
		return normSlice(v)
	case [][]netgraph.Tie:
		return normSlice(v)
	case [][]netgraph.Partnership:
		return normSlice(v)
	}
	return v
}

func normSlice[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	out := make([]T, len(s))
	for i, v := range s {
		out[i] = norm(v).(T)
	}
	return out
}

func normRecord(r netgraph.Record) netgraph.Record {
	return netgraph.Record{
		Organisation: norm(r.Organisation).(*netgraph.Organisation),
		Network:      norm(r.Network).(*netgraph.Network),
		Person:       norm(r.Person).(*netgraph.Person),
		Affiliation:  norm(r.Affiliation).(*netgraph.Affiliation),
		Membership:   norm(r.Membership).(*netgraph.Membership),
		Tie:          norm(r.Tie).(*netgraph.Tie),
		Partnership:  norm(r.Partnership).(*netgraph.Partnership),
	}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// show renders v for failure messages (and for comparing whole graphs).
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// ids returns the ids of people, organisations or networks.
func ids[T interface {
	*netgraph.Person | *netgraph.Organisation | *netgraph.Network
}](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		switch v := any(it).(type) {
		case *netgraph.Person:
			out[i] = v.ID
		case *netgraph.Organisation:
			out[i] = v.ID
		case *netgraph.Network:
			out[i] = v.ID
		}
	}
	return out
}

// at returns a fixed time, in a zone other than UTC so that stores are seen to
// keep the instant whatever the zone.
func at(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 9, 30, 0, 123456789, time.FixedZone("BST", 3600))
}

func ptr[T any](v T) *T { return &v }

// join is strings.Join for failure messages.
func join(s []string) string { return "[" + strings.Join(s, " ") + "]" }
