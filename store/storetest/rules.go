package storetest

import (
	"strings"

	"github.com/netgraph/netgraph"
)

// world is a small populated graph that rule tests act on.
type world struct {
	ann, bob, cat *netgraph.Person
	trust, lib    *netgraph.Organisation
	stroke        *netgraph.Network
}

func (f *fixture) world() world {
	f.t.Helper()
	w := world{
		ann:    f.person("Ann Lee", func(c *netgraph.PersonCreate) { c.Email = "ann@x.org"; c.ExternalID = "ann" }),
		bob:    f.person("Bob Shah"),
		cat:    f.person("Cat Jones"),
		trust:  f.org("Northern Trust", func(c *netgraph.OrganisationCreate) { c.ExternalID = "trust" }),
		lib:    f.org("City Library"),
		stroke: f.network("Stroke network", func(c *netgraph.NetworkCreate) { c.ExternalID = "stroke" }),
	}
	f.tie(w.ann.ID, w.bob.ID, netgraph.TieKnows)
	f.affiliate(w.ann.ID, w.trust.ID, "Nurse")
	f.member(w.ann.ID, w.stroke.ID, netgraph.MembershipLead)
	f.partner(w.trust.ID, w.lib.ID, netgraph.PartnershipMoU)
	return w
}

// ruleCase is a call that must fail with a code on a field and write nothing.
type ruleCase struct {
	name  string
	call  func(f *fixture, w world) error
	field string
}

func ruleTests(area, code string, cases []ruleCase) []test {
	tests := make([]test, len(cases))
	for i, tc := range cases {
		tests[i] = test{area + "/" + tc.name, func(f *fixture) {
			w := f.world()
			before := f.state()
			err := tc.call(f, w)
			f.wantCode(err, code, tc.field, tc.name)
			f.unchanged(before, "failed "+tc.name)
		}}
	}
	return tests
}

// validationTests check that bad input is refused with EINVALID on the field
// at fault, and that nothing is written.
func validationTests() []test {
	long := strings.Repeat("x", 201)
	return ruleTests("Validation", netgraph.EINVALID, []ruleCase{
		{"PersonEmptyName", func(f *fixture, w world) error {
			_, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: " "})
			return err
		}, "name"},
		{"PersonBadEmail", func(f *fixture, w world) error {
			_, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: "Dan", Email: "dan@"})
			return err
		}, "email"},
		{"PersonLongExternalID", func(f *fixture, w world) error {
			_, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: "Dan", ExternalID: long})
			return err
		}, "externalId"},
		{"PersonTooManyInterests", func(f *fixture, w world) error {
			in := make([]string, netgraph.MaxInterests+1)
			for i := range in {
				in[i] = strings.Repeat("i", i+1)
			}
			_, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: "Dan", Interests: in})
			return err
		}, "interests"},
		{"PersonUpdateLongTitle", func(f *fixture, w world) error {
			_, err := f.s.UpdatePerson(f.ctx, w.ann.ID, netgraph.PersonUpdate{Name: ptr("Ann"), Title: &long})
			return err
		}, "title"},
		{"OrganisationBadSector", func(f *fixture, w world) error {
			_, err := f.s.CreateOrganisation(f.ctx, netgraph.OrganisationCreate{Name: "Shop", Sector: "SHOP"})
			return err
		}, "sector"},
		{"OrganisationUpdateLongRegion", func(f *fixture, w world) error {
			_, err := f.s.UpdateOrganisation(f.ctx, w.trust.ID, netgraph.OrganisationUpdate{Region: &long})
			return err
		}, "region"},
		{"NetworkNoType", func(f *fixture, w world) error {
			_, err := f.s.CreateNetwork(f.ctx, netgraph.NetworkCreate{Name: "Falls"})
			return err
		}, "type"},
		{"NetworkUpdateLongPurpose", func(f *fixture, w world) error {
			_, err := f.s.UpdateNetwork(f.ctx, w.stroke.ID, netgraph.NetworkUpdate{Purpose: ptr(strings.Repeat("p", 2001))})
			return err
		}, "purpose"},
		{"AffiliationLongRole", func(f *fixture, w world) error {
			_, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: w.bob.ID, OrganisationID: w.trust.ID, Role: long})
			return err
		}, "role"},
		{"AffiliationNoOrganisation", func(f *fixture, w world) error {
			_, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: w.bob.ID})
			return err
		}, "organisationId"},
		{"AffiliationUpdateLongRole", func(f *fixture, w world) error {
			_, err := f.s.UpdateAffiliation(f.ctx, netgraph.Affiliation{PersonID: w.ann.ID, OrganisationID: w.trust.ID, Role: long})
			return err
		}, "role"},
		{"MembershipBadRole", func(f *fixture, w world) error {
			_, err := f.s.AddMembership(f.ctx, netgraph.Membership{PersonID: w.bob.ID, NetworkID: w.stroke.ID, Role: "BOSS"})
			return err
		}, "role"},
		{"MembershipUpdateBadRole", func(f *fixture, w world) error {
			_, err := f.s.UpdateMembership(f.ctx, netgraph.Membership{PersonID: w.ann.ID, NetworkID: w.stroke.ID, Role: "BOSS"})
			return err
		}, "role"},
		{"TieSelf", func(f *fixture, w world) error {
			_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: w.ann.ID, To: w.ann.ID})
			return err
		}, "to"},
		{"TieBadKind", func(f *fixture, w world) error {
			_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: w.ann.ID, To: w.cat.ID, Kind: "FRIENDS"})
			return err
		}, "kind"},
		{"TieZeroStrength", func(f *fixture, w world) error {
			_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: w.ann.ID, To: w.cat.ID, Strength: ptr(0.0)})
			return err
		}, "strength"},
		{"TieUpdateStrengthTooHigh", func(f *fixture, w world) error {
			_, err := f.s.UpdateTie(f.ctx, netgraph.NewTieKey(w.ann.ID, w.bob.ID, netgraph.TieKnows),
				netgraph.TieUpdate{Strength: ptr(netgraph.MaxStrength + 1)})
			return err
		}, "strength"},
		{"PartnershipSelf", func(f *fixture, w world) error {
			_, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: w.lib.ID, To: w.lib.ID})
			return err
		}, "to"},
		{"PartnershipBadKind", func(f *fixture, w world) error {
			_, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: w.lib.ID, To: w.trust.ID, Kind: "MERGER"})
			return err
		}, "kind"},
		{"PageNegative", func(f *fixture, w world) error {
			_, err := f.s.People(f.ctx, netgraph.PersonFilter{}, netgraph.Page{First: -1})
			return err
		}, "first"},
		{"PageTooLarge", func(f *fixture, w world) error {
			_, err := f.s.Organisations(f.ctx, netgraph.OrganisationFilter{}, netgraph.Page{First: netgraph.MaxPageSize + 1})
			return err
		}, "first"},
		{"NetworksPageTooLarge", func(f *fixture, w world) error {
			_, err := f.s.Networks(f.ctx, netgraph.NetworkFilter{}, netgraph.Page{First: netgraph.MaxPageSize + 1})
			return err
		}, "first"},
		{"ImportInvalidRecord", func(f *fixture, w world) error {
			return f.s.Import(f.ctx, []netgraph.Record{
				{Person: &netgraph.Person{ID: "per_IMPORTED", Name: "Dan"}},
				{Person: &netgraph.Person{ID: "per_IMPORTED2", Name: " "}},
			})
		}, "records[1].person.name"},
		{"ImportEmptyRecord", func(f *fixture, w world) error {
			return f.s.Import(f.ctx, []netgraph.Record{{}})
		}, "records[0]"},
	})
}

// integrityTests check that relations to unknown ids are refused with
// ENOTFOUND on the field naming the unknown id, and that nothing is written.
func integrityTests() []test {
	const unknownPerson, unknownOrg, unknownNetwork = "per_UNKNOWN", "org_UNKNOWN", "net_UNKNOWN"
	return ruleTests("Integrity", netgraph.ENOTFOUND, []ruleCase{
		{"TieUnknownFrom", func(f *fixture, w world) error {
			_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: unknownPerson, To: w.ann.ID})
			return err
		}, "from"},
		{"TieUnknownTo", func(f *fixture, w world) error {
			_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: w.ann.ID, To: unknownPerson})
			return err
		}, "to"},
		{"AffiliationUnknownPerson", func(f *fixture, w world) error {
			_, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: unknownPerson, OrganisationID: w.trust.ID})
			return err
		}, "personId"},
		{"AffiliationUnknownOrganisation", func(f *fixture, w world) error {
			_, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: w.bob.ID, OrganisationID: unknownOrg})
			return err
		}, "organisationId"},
		{"MembershipUnknownPerson", func(f *fixture, w world) error {
			_, err := f.s.AddMembership(f.ctx, netgraph.Membership{PersonID: unknownPerson, NetworkID: w.stroke.ID})
			return err
		}, "personId"},
		{"MembershipUnknownNetwork", func(f *fixture, w world) error {
			_, err := f.s.AddMembership(f.ctx, netgraph.Membership{PersonID: w.bob.ID, NetworkID: unknownNetwork})
			return err
		}, "networkId"},
		{"PartnershipUnknownFrom", func(f *fixture, w world) error {
			_, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: unknownOrg, To: w.lib.ID})
			return err
		}, "from"},
		{"PartnershipUnknownTo", func(f *fixture, w world) error {
			_, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: w.lib.ID, To: unknownOrg})
			return err
		}, "to"},
		{"ImportTieUnknownPerson", func(f *fixture, w world) error {
			return f.s.Import(f.ctx, []netgraph.Record{
				{Person: &netgraph.Person{ID: "per_IMPORTED", Name: "Dan"}},
				{Tie: &netgraph.Tie{From: "per_IMPORTED", To: unknownPerson, Kind: netgraph.TieKnows, Strength: 1}},
			})
		}, "records[1].tie.to"},
		{"ImportAffiliationUnknownOrganisation", func(f *fixture, w world) error {
			return f.s.Import(f.ctx, []netgraph.Record{
				{Affiliation: &netgraph.Affiliation{PersonID: w.bob.ID, OrganisationID: unknownOrg}},
			})
		}, "records[0].affiliation.organisationId"},
		{"ImportMembershipUnknownPerson", func(f *fixture, w world) error {
			return f.s.Import(f.ctx, []netgraph.Record{
				{Membership: &netgraph.Membership{PersonID: unknownPerson, NetworkID: w.stroke.ID, Role: netgraph.MembershipMember}},
			})
		}, "records[0].membership.personId"},
		{"ImportPartnershipUnknownOrganisation", func(f *fixture, w world) error {
			return f.s.Import(f.ctx, []netgraph.Record{
				{Partnership: &netgraph.Partnership{From: unknownOrg, To: w.lib.ID, Kind: netgraph.PartnershipMoU}},
			})
		}, "records[0].partnership.from"},
	})
}

// cascadeTests check that deleting an entity erases everything attached to it.
var cascadeTests = []test{
	{"Cascade/DeletePerson", func(f *fixture) {
		w := f.world()
		// Ann (from world) has a tie to Bob, an affiliation and a membership;
		// add a tie made the other way, and relations of others that must stay.
		f.tie(w.cat.ID, w.ann.ID, netgraph.TieAdvises)
		bobCat := f.tie(w.bob.ID, w.cat.ID, netgraph.TieCollaborates)
		f.affiliate(w.ann.ID, w.lib.ID, "Volunteer")
		bobAff := f.affiliate(w.bob.ID, w.trust.ID, "Porter")
		catMem := f.member(w.cat.ID, w.stroke.ID, "")
		v := f.version()

		if err := f.s.DeletePerson(f.ctx, w.ann.ID); err != nil {
			f.t.Fatal(err)
		}
		if got := f.version(); got != v+1 {
			f.t.Errorf("version %d after delete; want %d (one mutation)", got, v+1)
		}
		_, err := f.s.Person(f.ctx, w.ann.ID)
		f.wantErr(err, netgraph.ENOTFOUND, "person after delete")
		f.equal(f.ties(w.ann.ID, w.bob.ID, w.cat.ID), [][]netgraph.Tie{nil, {*bobCat}, {*bobCat}}, "ties")
		f.equal(f.affiliationsByPerson(w.ann.ID), [][]netgraph.Affiliation{nil}, "the person's affiliations")
		f.equal(f.affiliationsByOrganisation(w.trust.ID, w.lib.ID), [][]netgraph.Affiliation{{*bobAff}, nil}, "organisations' affiliations")
		f.equal(f.membershipsByPerson(w.ann.ID), [][]netgraph.Membership{nil}, "the person's memberships")
		f.equal(f.membershipsByNetwork(w.stroke.ID), [][]netgraph.Membership{{*catMem}}, "the network's memberships")
		for _, flt := range []netgraph.PersonFilter{{}, {NameContains: "ann"}, {OrganisationID: w.trust.ID},
			{NetworkID: w.stroke.ID}, {OrganisationID: w.lib.ID}} {
			l, err := f.s.People(f.ctx, flt, netgraph.Page{})
			if err != nil {
				f.t.Fatal(err)
			}
			for _, p := range l.Items {
				if p.ID == w.ann.ID {
					f.t.Errorf("filter %+v still lists the erased person", flt)
				}
			}
		}
		recs, _ := f.graph()
		g := show(recs)
		for _, s := range []string{w.ann.ID, "Ann Lee", "ann@x.org"} {
			if strings.Contains(g, s) {
				f.t.Errorf("ReadGraph still mentions %q after erasure", s)
			}
		}
		_, err = f.s.UpdateTie(f.ctx, netgraph.NewTieKey(w.ann.ID, w.bob.ID, netgraph.TieKnows), netgraph.TieUpdate{Strength: ptr(2.0)})
		f.wantErr(err, netgraph.ENOTFOUND, "update of an erased person's tie")
		// The external id is free again.
		again := f.person("Ann Lee", func(c *netgraph.PersonCreate) { c.ExternalID = "ann" })
		if again.ID == w.ann.ID {
			f.t.Error("creating with the erased person's external id returned the erased id")
		}
		if got := f.ties(again.ID)[0]; len(got) != 0 {
			f.t.Errorf("a new person with the erased person's external id has ties %s", show(got))
		}
	}},
	{"Cascade/DeleteOrganisation", func(f *fixture) {
		w := f.world()
		other := f.org("Council")
		f.partner(other.ID, w.trust.ID, netgraph.PartnershipSharedPost)
		keep := f.partner(other.ID, w.lib.ID, netgraph.PartnershipInformal)
		f.affiliate(w.bob.ID, w.trust.ID, "")
		bobLib := f.affiliate(w.bob.ID, w.lib.ID, "")
		v := f.version()
		if err := f.s.DeleteOrganisation(f.ctx, w.trust.ID); err != nil {
			f.t.Fatal(err)
		}
		if got := f.version(); got != v+1 {
			f.t.Errorf("version %d after delete; want %d", got, v+1)
		}
		f.equal(f.affiliationsByPerson(w.ann.ID, w.bob.ID), [][]netgraph.Affiliation{nil, {*bobLib}}, "people's affiliations")
		f.equal(f.partnerships(w.lib.ID, other.ID, w.trust.ID), [][]netgraph.Partnership{{*keep}, {*keep}, nil}, "partnerships")
		if l, err := f.s.People(f.ctx, netgraph.PersonFilter{}, netgraph.Page{}); err != nil || l.TotalCount != 3 {
			f.t.Errorf("people after deleting their organisation: %v, %v; want all 3 to stay", l, err)
		}
		if l, _ := f.s.People(f.ctx, netgraph.PersonFilter{OrganisationID: w.trust.ID}, netgraph.Page{}); l == nil || l.TotalCount != 0 {
			f.t.Errorf("people filtered by the deleted organisation: %s; want none", show(l))
		}
		recs, _ := f.graph()
		if strings.Contains(show(recs), w.trust.ID) {
			f.t.Error("ReadGraph still mentions the deleted organisation")
		}
	}},
	{"Cascade/DeleteNetwork", func(f *fixture) {
		w := f.world()
		other := f.network("Falls")
		keep := f.member(w.ann.ID, other.ID, "")
		f.member(w.bob.ID, w.stroke.ID, "")
		if err := f.s.DeleteNetwork(f.ctx, w.stroke.ID); err != nil {
			f.t.Fatal(err)
		}
		f.equal(f.membershipsByPerson(w.ann.ID, w.bob.ID), [][]netgraph.Membership{{*keep}, nil}, "people's memberships")
		if l, err := f.s.People(f.ctx, netgraph.PersonFilter{}, netgraph.Page{}); err != nil || l.TotalCount != 3 {
			f.t.Errorf("people after deleting their network: %v, %v; want all 3 to stay", l, err)
		}
		recs, _ := f.graph()
		if strings.Contains(show(recs), w.stroke.ID) {
			f.t.Error("ReadGraph still mentions the deleted network")
		}
	}},
}
