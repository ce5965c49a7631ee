package neo4jstore

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/netgraph/netgraph"
)

// bst is a zone other than UTC, so tests see that instants survive.
var bst = time.FixedZone("BST", 3600)

func at(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 9, 30, 0, 123456789, bst)
}

func ptr[T any](v T) *T { return &v }

func TestPersonProps(t *testing.T) {
	p := &netgraph.Person{ID: "per_1", Name: "Ann", Email: "ann@x.org", Interests: []string{"Falls"}, Consent: true,
		CreatedAt: at(2024, 1, 2), UpdatedAt: at(2024, 1, 3)}
	got := personProps(p)
	want := map[string]any{
		"id": "per_1", "externalId": nil, "name": "Ann", "email": "ann@x.org", "title": "", "profession": "",
		"region": "", "interests": []string{"Falls"}, "consent": true,
		"createdAt": at(2024, 1, 2).UTC(), "updatedAt": at(2024, 1, 3).UTC(),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("personProps:\ngot  %#v\nwant %#v", got, want)
	}
	// Times go out in UTC: the driver names a time's zone, and "Local" or a
	// fixed zone's abbreviation means nothing to Neo4j.
	if loc := got["createdAt"].(time.Time).Location(); loc != time.UTC {
		t.Errorf("createdAt sent in %v; want UTC", loc)
	}
	p.ExternalID, p.Interests = "ext-1", nil
	got = personProps(p)
	if got["externalId"] != "ext-1" || got["interests"] != nil {
		t.Errorf("externalId %v, interests %v; want ext-1 and nil (no property)", got["externalId"], got["interests"])
	}
}

func TestRelationProps(t *testing.T) {
	since := at(2020, 5, 6)
	last := at(2024, 2, 3)
	tests := []struct {
		name string
		got  map[string]any
		want map[string]any
	}{
		{"affiliation", affiliationProps(&netgraph.Affiliation{Role: "Matron", Since: &since}),
			map[string]any{"role": "Matron", "since": since.UTC()}},
		{"affiliation without since", affiliationProps(&netgraph.Affiliation{Role: "Matron"}),
			map[string]any{"role": "Matron", "since": nil}},
		{"membership", membershipProps(&netgraph.Membership{Role: netgraph.MembershipLead}),
			map[string]any{"role": "LEAD", "since": nil}},
		{"tie recorded from the later id", tieProps(&netgraph.Tie{From: "per_B", To: "per_A", Kind: netgraph.TieAdvises,
			Strength: 2.5, Since: since, LastInteraction: &last}),
			map[string]any{"key": "per_A|per_B|ADVISES", "kind": "ADVISES", "strength": 2.5, "since": since.UTC(),
				"lastInteraction": last.UTC()}},
		{"partnership", partnershipProps(&netgraph.Partnership{From: "org_Z", To: "org_A", Kind: netgraph.PartnershipMoU}),
			map[string]any{"key": "org_A|org_Z|MOU", "kind": "MOU", "since": nil}},
	}
	for _, tc := range tests {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s:\ngot  %#v\nwant %#v", tc.name, tc.got, tc.want)
		}
	}
}

func TestKeysIgnoreOrder(t *testing.T) {
	if a, b := tieKey(netgraph.TieKey{A: "per_B", B: "per_A", Kind: netgraph.TieKnows}),
		tieKey(netgraph.NewTieKey("per_A", "per_B", netgraph.TieKnows)); a != b || a != "per_A|per_B|KNOWS" {
		t.Errorf("tie keys %q and %q; want both per_A|per_B|KNOWS", a, b)
	}
	if a, b := partnershipKey("org_2", "org_1", netgraph.PartnershipMoU), partnershipKey("org_1", "org_2", netgraph.PartnershipMoU); a != b {
		t.Errorf("partnership keys %q and %q differ", a, b)
	}
}

// Entities survive the trip out as parameters and back as driver nodes.
func TestEntityRoundTrip(t *testing.T) {
	p := &netgraph.Person{ID: "per_1", ExternalID: "ext", Name: "Ann", Email: "ann@x.org", Title: "Matron",
		Profession: "Nursing", Region: "North", Interests: []string{"Falls", "Sepsis"}, Consent: true,
		CreatedAt: at(2024, 1, 2).UTC(), UpdatedAt: at(2024, 1, 3).UTC()}
	gotP, err := personFrom(record("person", storedNode("Person", personProps(p))), "person")
	if err != nil || !reflect.DeepEqual(gotP, p) {
		t.Errorf("person:\ngot  %#v, %v\nwant %#v", gotP, err, p)
	}
	// Interests: no property reads as nil, an empty list as empty.
	for _, in := range [][]string{nil, {}} {
		p.Interests = in
		gotP, _ = personFrom(record("person", storedNode("Person", personProps(p))), "person")
		if gotP.Interests == nil != (in == nil) || len(gotP.Interests) != 0 {
			t.Errorf("interests %#v read back as %#v", in, gotP.Interests)
		}
	}

	o := &netgraph.Organisation{ID: "org_1", Name: "Trust", Sector: netgraph.SectorNHSTrust, Region: "North",
		CreatedAt: at(2023, 1, 1).UTC(), UpdatedAt: at(2023, 1, 1).UTC()}
	gotO, err := organisationFrom(record("organisation", storedNode("Organisation", organisationProps(o))), "organisation")
	if err != nil || !reflect.DeepEqual(gotO, o) {
		t.Errorf("organisation:\ngot  %#v, %v\nwant %#v", gotO, err, o)
	}

	n := &netgraph.Network{ID: "net_1", ExternalID: "stroke", Name: "Stroke", Type: netgraph.NetworkLearning,
		Purpose: "Faster care", Region: "North", Specialty: "Stroke", CreatedAt: at(2023, 1, 1).UTC(), UpdatedAt: at(2023, 2, 1).UTC(),
		MembershipPolicy: netgraph.DefaultMembershipPolicy, Status: netgraph.DefaultNetworkStatus}
	gotN, err := networkFrom(record("network", storedNode("Network", networkProps(n))), "network")
	if err != nil || !reflect.DeepEqual(gotN, n) {
		t.Errorf("network:\ngot  %#v, %v\nwant %#v", gotN, err, n)
	}

	// With its profile, each document three properties.
	review := at(2027, 4, 1).UTC()
	n.Aims, n.HostOrganisationID, n.ContactName, n.ContactEmail = "Aims", "org_1", "Office", "office@x.org"
	n.MembershipPolicy, n.Status, n.Website = netgraph.PolicyByInvitation, netgraph.StatusDormant, "https://x.org/"
	n.TermsOfReference = &netgraph.Document{Title: "ToR", Link: "https://x.org/tor", ReviewDate: &review}
	n.Memorandum = &netgraph.Document{Title: "MoU"}
	props := networkProps(n)
	if props["termsOfReferenceReviewDate"] != review || props["memorandumLink"] != nil {
		t.Errorf("document properties %v", props)
	}
	gotN, err = networkFrom(record("network", storedNode("Network", props)), "network")
	if err != nil || !reflect.DeepEqual(gotN, n) {
		t.Errorf("network with profile:\ngot  %#v, %v\nwant %#v", gotN, err, n)
	}

	// A node written before networks had profiles has the defaults.
	old := networkProps(&netgraph.Network{ID: "net_2", Name: "Old", Type: netgraph.NetworkLearning})
	delete(old, "membershipPolicy")
	delete(old, "status")
	gotN, err = networkFrom(record("network", storedNode("Network", old)), "network")
	if err != nil || gotN.MembershipPolicy != netgraph.DefaultMembershipPolicy || gotN.Status != netgraph.DefaultNetworkStatus ||
		gotN.TermsOfReference != nil {
		t.Errorf("network without a profile: %#v, %v; want the defaults", gotN, err)
	}
}

func TestRelationRoundTrip(t *testing.T) {
	since, last := at(2019, 4, 1).UTC(), at(2024, 3, 5).UTC()

	a := netgraph.Affiliation{PersonID: "per_1", OrganisationID: "org_1", Role: "Nurse", Since: &since}
	row, err := relRowFrom(relRecord("WORKS_AT", a.PersonID, a.OrganisationID, affiliationProps(&a)))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := affiliationFrom(row); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("affiliation: got %#v, %v; want %#v", got, err, a)
	}

	m := netgraph.Membership{PersonID: "per_1", NetworkID: "net_1", Role: netgraph.MembershipSponsor}
	row, _ = relRowFrom(relRecord("MEMBER_OF", m.PersonID, m.NetworkID, membershipProps(&m), "net_1"))
	if got, err := membershipFrom(row); err != nil || !reflect.DeepEqual(got, m) || row.owner != "net_1" {
		t.Errorf("membership: got %#v (owner %q), %v; want %#v (owner net_1)", got, row.owner, err, m)
	}

	tie := netgraph.Tie{From: "per_2", To: "per_1", Kind: netgraph.TieAdvises, Strength: 6.5, Since: since, LastInteraction: &last}
	row, _ = relRowFrom(relRecord("TIE", tie.From, tie.To, tieProps(&tie)))
	if got, err := tieFrom(row); err != nil || !reflect.DeepEqual(got, tie) {
		t.Errorf("tie: got %#v, %v; want %#v", got, err, tie)
	}

	p := netgraph.Partnership{From: "org_2", To: "org_1", Kind: netgraph.PartnershipSharedPost}
	row, _ = relRowFrom(relRecord("PARTNERS_WITH", p.From, p.To, partnershipProps(&p)))
	if got, err := partnershipFrom(row); err != nil || !reflect.DeepEqual(got, p) {
		t.Errorf("partnership: got %#v, %v; want %#v", got, err, p)
	}
}

// A strength stored as an integer (by hand, say SET t.strength = 3) reads as
// a float; a LOCAL DATETIME reads as that wall time in UTC.
func TestLenientTypes(t *testing.T) {
	local := dbtype.LocalDateTime(time.Date(2021, 6, 7, 8, 9, 10, 0, time.Local))
	rel := dbtype.Relationship{Type: "TIE", Props: map[string]any{"kind": "KNOWS", "strength": int64(3), "since": local}}
	got, err := tieFrom(relRow{from: "per_1", to: "per_2", props: &properties{what: "tie", m: rel.Props}})
	want := netgraph.Tie{From: "per_1", To: "per_2", Kind: netgraph.TieKnows, Strength: 3,
		Since: time.Date(2021, 6, 7, 8, 9, 10, 0, time.UTC)}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, %v; want %#v", got, err, want)
	}
}

func TestWrongTypesAreErrors(t *testing.T) {
	tests := []struct {
		name string
		rec  *neo4j.Record
		want string
	}{
		{"name not a string", record("person", dbtype.Node{Props: map[string]any{"id": "per_1", "name": int64(7)}}),
			"person per_1: property name is int64, want string"},
		{"interests not strings", record("person", dbtype.Node{Props: map[string]any{"id": "per_1", "interests": []any{"a", int64(1)}}}),
			"property interests is int64, want list of strings"},
		{"createdAt a date string", record("person", dbtype.Node{Props: map[string]any{"id": "per_1", "createdAt": "2024-01-01"}}),
			"property createdAt is string, want datetime"},
		{"column not a node", record("person", "per_1"), `column "person" is string, want dbtype.Node`},
		{"no such column", record("p", dbtype.Node{}), `record has no column "person"`},
	}
	for _, tc := range tests {
		_, err := personFrom(tc.rec, "person")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v; want an error containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := relRowFrom(record("fromId", "per_1", "toId", "per_2", "rel", dbtype.Node{})); err == nil {
		t.Error("relRowFrom accepted a node as rel")
	}
}
