package netgraph_test

import (
	"testing"
	"time"

	"github.com/netgraph/netgraph"
)

func TestRecordClean(t *testing.T) {
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	later := now.Add(time.Hour)
	for _, tc := range []struct {
		name  string
		in    netgraph.Record
		field string // "" = valid
	}{
		{"Person", netgraph.Record{Person: &netgraph.Person{ID: "per_1", Name: "Ann", CreatedAt: now, UpdatedAt: later}}, ""},
		{"PersonNoID", netgraph.Record{Person: &netgraph.Person{Name: "Ann"}}, "person.id"},
		{"PersonIDControl", netgraph.Record{Person: &netgraph.Person{ID: "a\x00b", Name: "Ann"}}, "person.id"},
		{"PersonNoName", netgraph.Record{Person: &netgraph.Person{ID: "per_1"}}, "person.name"},
		{"Organisation", netgraph.Record{Organisation: &netgraph.Organisation{ID: "org_1", Name: "Trust", Sector: netgraph.SectorNHSTrust}}, ""},
		{"OrganisationBadSector", netgraph.Record{Organisation: &netgraph.Organisation{ID: "org_1", Name: "Trust", Sector: "SHOP"}}, "organisation.sector"},
		{"NetworkNoType", netgraph.Record{Network: &netgraph.Network{ID: "net_1", Name: "N"}}, "network.type"},
		{"Affiliation", netgraph.Record{Affiliation: &netgraph.Affiliation{PersonID: "p", OrganisationID: "o"}}, ""},
		{"AffiliationNoOrg", netgraph.Record{Affiliation: &netgraph.Affiliation{PersonID: "p"}}, "affiliation.organisationId"},
		{"MembershipBadRole", netgraph.Record{Membership: &netgraph.Membership{PersonID: "p", NetworkID: "n", Role: "BOSS"}}, "membership.role"},
		{"Tie", netgraph.Record{Tie: &netgraph.Tie{From: "a", To: "b", Kind: netgraph.TieAdvises, Strength: 2, Since: now}}, ""},
		{"TieNoStrength", netgraph.Record{Tie: &netgraph.Tie{From: "a", To: "b", Kind: netgraph.TieAdvises}}, "tie.strength"},
		{"PartnershipSelf", netgraph.Record{Partnership: &netgraph.Partnership{From: "o", To: "o"}}, "partnership.to"},
		{"Empty", netgraph.Record{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := tc.in.Clean()
			switch {
			case tc.name == "Empty":
				if netgraph.ErrorCode(err) != netgraph.EINVALID {
					t.Fatalf("got %v; want EINVALID", err)
				}
			case tc.field == "":
				if err != nil {
					t.Fatal(err)
				}
			case netgraph.ErrorCode(err) != netgraph.EINVALID || netgraph.ErrorField(err) != tc.field:
				t.Fatalf("got %v, %+v; want EINVALID on %s", err, out, tc.field)
			}
		})
	}
	out, err := netgraph.Record{Person: &netgraph.Person{ID: "per_1", Name: " Ann ", Email: "Ann@X.org",
		CreatedAt: now, UpdatedAt: later}}.Clean()
	if err != nil {
		t.Fatal(err)
	}
	if p := out.Person; p.Name != "Ann" || p.Email != "ann@x.org" || p.Consent || !p.CreatedAt.Equal(now) || !p.UpdatedAt.Equal(later) {
		t.Errorf("cleaned person: %+v", p)
	}
}
