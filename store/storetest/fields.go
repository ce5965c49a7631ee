package storetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
)

// Field-complete round trips. FilledRecords sets every field of every entity
// and relation by reflection, so a field added to a domain type is filled
// too, without anyone remembering to; the tests that round-trip these
// records (here through every store, in app through the export format, in
// graph through the API) then fail for the one place that drops it.

// Ids of the filled records.
const (
	FilledPersonA       = "per_FILLED_A"
	FilledPersonB       = "per_FILLED_B"
	FilledOrganisationA = "org_FILLED_A"
	FilledOrganisationB = "org_FILLED_B"
	FilledNetwork       = "net_FILLED"
)

// FilledRecords returns, in ReadGraph's order, two organisations, a network,
// two people, an affiliation, a membership, a tie and a partnership, each
// with every field set to a valid value that is not the field's default. It
// panics if a field is left zero: a field of a kind fill does not know yet,
// which fill must learn.
func FilledRecords() []netgraph.Record {
	seq := 0
	orgA, orgB := filled[netgraph.Organisation](&seq), filled[netgraph.Organisation](&seq)
	orgA.ID, orgB.ID = FilledOrganisationA, FilledOrganisationB
	network := filled[netgraph.Network](&seq)
	network.ID, network.HostOrganisationID = FilledNetwork, orgB.ID
	a, b := filled[netgraph.Person](&seq), filled[netgraph.Person](&seq)
	a.ID, b.ID = FilledPersonA, FilledPersonB
	aff := filled[netgraph.Affiliation](&seq)
	aff.PersonID, aff.OrganisationID = a.ID, orgA.ID
	m := filled[netgraph.Membership](&seq)
	m.PersonID, m.NetworkID = a.ID, network.ID
	tie := filled[netgraph.Tie](&seq)
	tie.From, tie.To = a.ID, b.ID
	p := filled[netgraph.Partnership](&seq)
	p.From, p.To = orgA.ID, orgB.ID
	return []netgraph.Record{{Organisation: orgA}, {Organisation: orgB}, {Network: network}, {Person: a}, {Person: b},
		{Affiliation: aff}, {Membership: m}, {Tie: tie}, {Partnership: p}}
}

// Fill sets every field of the struct *v as FilledRecords does (a valid
// value, not the field's default), starting the values' sequence at seq, so
// that tests can fill create inputs too. It panics if a field is left zero.
func Fill[T any](v *T, seq int) {
	*v = *filled[T](&seq)
}

// filled returns a T with every field set by fill.
func filled[T any](seq *int) *T {
	v := new(T)
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		fill(rv.Field(i), f.Name, seq)
		if rv.Field(i).IsZero() {
			panic(fmt.Sprintf("storetest: fill left %s.%s (%s) zero", rv.Type().Name(), f.Name, f.Type))
		}
	}
	return v
}

// enumValues are the values fill gives the domain's enums: valid, and not
// the defaults a store would fill in for a missing value.
var enumValues = map[reflect.Type]string{
	reflect.TypeFor[netgraph.Sector]():           string(netgraph.SectorUniversity),
	reflect.TypeFor[netgraph.NetworkType]():      string(netgraph.NetworkAdvocacy),
	reflect.TypeFor[netgraph.MembershipRole]():   string(netgraph.MembershipCore),
	reflect.TypeFor[netgraph.TieKind]():          string(netgraph.TieAdvises),
	reflect.TypeFor[netgraph.PartnershipKind]():  string(netgraph.PartnershipSharedPost),
	reflect.TypeFor[netgraph.MembershipPolicy](): string(netgraph.PolicyByInvitation),
	reflect.TypeFor[netgraph.NetworkStatus]():    string(netgraph.StatusDormant),
}

// fill sets v, the field called name, to a valid, non-default value that
// differs from field to field (seq counts the values given).
func fill(v reflect.Value, name string, seq *int) {
	*seq++
	n := *seq
	at := time.Date(2024, 3, 1, 9, 30, n, 125_000_000, time.UTC) // later fields are later: updatedAt after createdAt
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(at))
	case v.Type() == reflect.TypeFor[*time.Time]():
		v.Set(reflect.ValueOf(&at))
	case v.Kind() == reflect.Pointer: // an optional input: *bool, *float64, *[]string, *Document
		v.Set(reflect.New(v.Type().Elem()))
		*seq--
		fill(v.Elem(), name, seq)
	case v.Kind() == reflect.Struct: // a part of an entity, such as a network's document
		*seq--
		for i := range v.NumField() {
			fill(v.Field(i), name+v.Type().Field(i).Name, seq)
			if v.Field(i).IsZero() {
				panic(fmt.Sprintf("storetest: fill left %s.%s zero", name, v.Type().Field(i).Name))
			}
		}
	case enumValues[v.Type()] != "":
		v.SetString(enumValues[v.Type()])
	case v.Kind() == reflect.String && strings.HasSuffix(name, "Email"):
		v.SetString(fmt.Sprintf("filled.%d@example.org", n))
	case v.Kind() == reflect.String && (name == "Website" || strings.HasSuffix(name, "Link")):
		v.SetString(fmt.Sprintf("https://example.org/filled/%d", n))
	case v.Kind() == reflect.String:
		v.SetString(fmt.Sprintf("%s %d", name, n))
	case v.Kind() == reflect.Bool:
		v.SetBool(true)
	case v.Kind() == reflect.Float64:
		v.SetFloat(float64(n%9) + 0.25) // a tie strength: in (0, 10]
	case v.Kind() == reflect.Int:
		v.SetInt(int64(n))
	case v.Type() == reflect.TypeFor[[]string]():
		v.Set(reflect.ValueOf([]string{fmt.Sprintf("%s %d a", name, n), fmt.Sprintf("%s %d b", name, n)}))
	default:
		panic(fmt.Sprintf("storetest: fill does not know how to fill field %s of type %s", name, v.Type()))
	}
}

// RecordJSON returns r as JSON, the form round trips compare.
func RecordJSON(r netgraph.Record) string {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	return string(b)
}

var fieldTests = []test{
	{"RoundTrip/EveryField", func(f *fixture) {
		recs := FilledRecords()
		if err := f.s.Import(f.ctx, recs); err != nil {
			f.t.Fatalf("Import: %v", err)
		}
		var want, got []string
		for _, r := range recs {
			want = append(want, RecordJSON(r))
		}
		if _, err := f.s.ReadGraph(f.ctx, func(r netgraph.Record) error {
			got = append(got, RecordJSON(r))
			return nil
		}); err != nil {
			f.t.Fatalf("ReadGraph: %v", err)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			f.t.Errorf("ReadGraph after Import of every field:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		// The reads the API serves from, one record of each kind.
		byKind := func(pick func(netgraph.Record) bool) string {
			i := slices.IndexFunc(recs, pick)
			return RecordJSON(recs[i])
		}
		must := func(r netgraph.Record, err error) string {
			f.t.Helper()
			if err != nil {
				f.t.Fatal(err)
			}
			return RecordJSON(r)
		}
		person, err := f.s.Person(f.ctx, FilledPersonA)
		org, oerr := f.s.Organisation(f.ctx, FilledOrganisationA)
		network, nerr := f.s.Network(f.ctx, FilledNetwork)
		affs, aerr := f.s.AffiliationsByPerson(f.ctx, []string{FilledPersonA})
		ms, merr := f.s.MembershipsByPerson(f.ctx, []string{FilledPersonA})
		ties, terr := f.s.TiesByPerson(f.ctx, []string{FilledPersonA})
		ps, perr := f.s.PartnershipsByOrganisation(f.ctx, []string{FilledOrganisationA})
		for _, c := range []struct {
			read, got, want string
		}{
			{"Person", must(netgraph.Record{Person: person}, err), byKind(func(r netgraph.Record) bool { return r.Person != nil && r.Person.ID == FilledPersonA })},
			{"Organisation", must(netgraph.Record{Organisation: org}, oerr), byKind(func(r netgraph.Record) bool { return r.Organisation != nil })},
			{"Network", must(netgraph.Record{Network: network}, nerr), byKind(func(r netgraph.Record) bool { return r.Network != nil })},
			{"AffiliationsByPerson", must(netgraph.Record{Affiliation: first(affs)}, aerr), byKind(func(r netgraph.Record) bool { return r.Affiliation != nil })},
			{"MembershipsByPerson", must(netgraph.Record{Membership: first(ms)}, merr), byKind(func(r netgraph.Record) bool { return r.Membership != nil })},
			{"TiesByPerson", must(netgraph.Record{Tie: first(ties)}, terr), byKind(func(r netgraph.Record) bool { return r.Tie != nil })},
			{"PartnershipsByOrganisation", must(netgraph.Record{Partnership: first(ps)}, perr), byKind(func(r netgraph.Record) bool { return r.Partnership != nil })},
		} {
			if c.got != c.want {
				f.t.Errorf("%s:\n%s\nwant\n%s", c.read, c.got, c.want)
			}
		}
	}},
}

// first returns a pointer to the first item of the first list, nil if none.
func first[T any](lists [][]T) *T {
	if len(lists) == 0 || len(lists[0]) == 0 {
		return nil
	}
	return &lists[0][0]
}
