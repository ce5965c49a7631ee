package storetest

import (
	"github.com/netgraph/netgraph"
)

func (f *fixture) affiliationsByPerson(ids ...string) [][]netgraph.Affiliation {
	f.t.Helper()
	out, err := f.s.AffiliationsByPerson(f.ctx, ids)
	if err != nil || len(out) != len(ids) {
		f.t.Fatalf("AffiliationsByPerson(%v): %d lists, %v; want %d lists", ids, len(out), err, len(ids))
	}
	return out
}

func (f *fixture) affiliationsByOrganisation(ids ...string) [][]netgraph.Affiliation {
	f.t.Helper()
	out, err := f.s.AffiliationsByOrganisation(f.ctx, ids)
	if err != nil || len(out) != len(ids) {
		f.t.Fatalf("AffiliationsByOrganisation(%v): %d lists, %v; want %d lists", ids, len(out), err, len(ids))
	}
	return out
}

func (f *fixture) membershipsByPerson(ids ...string) [][]netgraph.Membership {
	f.t.Helper()
	out, err := f.s.MembershipsByPerson(f.ctx, ids)
	if err != nil || len(out) != len(ids) {
		f.t.Fatalf("MembershipsByPerson(%v): %d lists, %v; want %d lists", ids, len(out), err, len(ids))
	}
	return out
}

func (f *fixture) membershipsByNetwork(ids ...string) [][]netgraph.Membership {
	f.t.Helper()
	out, err := f.s.MembershipsByNetwork(f.ctx, ids)
	if err != nil || len(out) != len(ids) {
		f.t.Fatalf("MembershipsByNetwork(%v): %d lists, %v; want %d lists", ids, len(out), err, len(ids))
	}
	return out
}

func (f *fixture) ties(ids ...string) [][]netgraph.Tie {
	f.t.Helper()
	out, err := f.s.TiesByPerson(f.ctx, ids)
	if err != nil || len(out) != len(ids) {
		f.t.Fatalf("TiesByPerson(%v): %d lists, %v; want %d lists", ids, len(out), err, len(ids))
	}
	return out
}

func (f *fixture) partnerships(ids ...string) [][]netgraph.Partnership {
	f.t.Helper()
	out, err := f.s.PartnershipsByOrganisation(f.ctx, ids)
	if err != nil || len(out) != len(ids) {
		f.t.Fatalf("PartnershipsByOrganisation(%v): %d lists, %v; want %d lists", ids, len(out), err, len(ids))
	}
	return out
}

var affiliationTests = []test{
	{"Affiliation/Add", func(f *fixture) {
		p, o := f.person("Ann"), f.org("Trust")
		since := at(2019, 4, 1)
		a, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: p.ID, OrganisationID: o.ID, Role: " Matron ", Since: &since})
		if err != nil {
			f.t.Fatal(err)
		}
		want := netgraph.Affiliation{PersonID: p.ID, OrganisationID: o.ID, Role: "Matron", Since: &since}
		f.equal(a, &want, "added affiliation")
		f.equal(f.affiliationsByPerson(p.ID, "per_UNKNOWN"), [][]netgraph.Affiliation{{want}, nil}, "by person")
		f.equal(f.affiliationsByOrganisation(o.ID, "org_UNKNOWN"), [][]netgraph.Affiliation{{want}, nil}, "by organisation")
	}},
	{"Affiliation/Order", func(f *fixture) {
		p, q := f.person("Ann"), f.person("Bob")
		o1, o2, o3 := f.org("One"), f.org("Two"), f.org("Three")
		f.affiliate(p.ID, o3.ID, "")
		f.affiliate(p.ID, o1.ID, "")
		f.affiliate(q.ID, o1.ID, "")
		f.affiliate(p.ID, o2.ID, "")
		byPerson := f.affiliationsByPerson(p.ID)[0]
		if got := orgIDs(byPerson); join(got) != join([]string{o1.ID, o2.ID, o3.ID}) {
			f.t.Errorf("a person's affiliations: organisations %v; want in organisation id order", got)
		}
		byOrg := f.affiliationsByOrganisation(o1.ID)[0]
		if len(byOrg) != 2 || byOrg[0].PersonID != p.ID || byOrg[1].PersonID != q.ID {
			f.t.Errorf("an organisation's affiliations: %s; want in person id order", show(byOrg))
		}
	}},
	{"Affiliation/Conflict", func(f *fixture) {
		p, o := f.person("Ann"), f.org("Trust")
		f.affiliate(p.ID, o.ID, "Nurse")
		before := f.state()
		_, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: p.ID, OrganisationID: o.ID, Role: "Matron"})
		f.wantErr(err, netgraph.ECONFLICT, "second affiliation to the same organisation")
		f.unchanged(before, "conflicting affiliation")
	}},
	{"Affiliation/Update", func(f *fixture) {
		p, o := f.person("Ann"), f.org("Trust")
		f.affiliate(p.ID, o.ID, "Nurse")
		since := at(2020, 1, 6)
		u, err := f.s.UpdateAffiliation(f.ctx, netgraph.Affiliation{PersonID: p.ID, OrganisationID: o.ID, Role: "Matron", Since: &since})
		if err != nil {
			f.t.Fatal(err)
		}
		want := netgraph.Affiliation{PersonID: p.ID, OrganisationID: o.ID, Role: "Matron", Since: &since}
		f.equal(u, &want, "updated")
		f.equal(f.affiliationsByPerson(p.ID)[0], []netgraph.Affiliation{want}, "read back")
		// Since is replaced too, so a nil Since clears it.
		if _, err := f.s.UpdateAffiliation(f.ctx, netgraph.Affiliation{PersonID: p.ID, OrganisationID: o.ID, Role: "Matron"}); err != nil {
			f.t.Fatal(err)
		}
		want.Since = nil
		f.equal(f.affiliationsByPerson(p.ID)[0], []netgraph.Affiliation{want}, "read back after clearing since")
	}},
	{"Affiliation/UpdateUnknown", func(f *fixture) {
		p, o := f.person("Ann"), f.org("Trust")
		before := f.state()
		_, err := f.s.UpdateAffiliation(f.ctx, netgraph.Affiliation{PersonID: p.ID, OrganisationID: o.ID, Role: "Matron"})
		f.wantErr(err, netgraph.ENOTFOUND, "update of an affiliation that does not exist")
		f.unchanged(before, "failed update")
	}},
	{"Affiliation/Remove", func(f *fixture) {
		p, o, o2 := f.person("Ann"), f.org("Trust"), f.org("Library")
		f.affiliate(p.ID, o.ID, "")
		keep := f.affiliate(p.ID, o2.ID, "")
		if err := f.s.RemoveAffiliation(f.ctx, p.ID, o.ID); err != nil {
			f.t.Fatal(err)
		}
		f.equal(f.affiliationsByPerson(p.ID), [][]netgraph.Affiliation{{*keep}}, "by person after remove")
		f.equal(f.affiliationsByOrganisation(o.ID), [][]netgraph.Affiliation{nil}, "by organisation after remove")
		before := f.state()
		f.wantErr(f.s.RemoveAffiliation(f.ctx, p.ID, o.ID), netgraph.ENOTFOUND, "second remove")
		f.unchanged(before, "failed remove")
	}},
}

func orgIDs(as []netgraph.Affiliation) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.OrganisationID
	}
	return out
}

var membershipTests = []test{
	{"Membership/Add", func(f *fixture) {
		p, n := f.person("Ann"), f.network("Stroke")
		m, err := f.s.AddMembership(f.ctx, netgraph.Membership{PersonID: p.ID, NetworkID: n.ID})
		if err != nil {
			f.t.Fatal(err)
		}
		want := netgraph.Membership{PersonID: p.ID, NetworkID: n.ID, Role: netgraph.MembershipMember}
		f.equal(m, &want, "added membership (role defaults to MEMBER)")
		f.equal(f.membershipsByPerson(p.ID, "per_UNKNOWN"), [][]netgraph.Membership{{want}, nil}, "by person")
		f.equal(f.membershipsByNetwork(n.ID, "net_UNKNOWN"), [][]netgraph.Membership{{want}, nil}, "by network")
	}},
	{"Membership/Order", func(f *fixture) {
		p, q := f.person("Ann"), f.person("Bob")
		n1, n2 := f.network("One"), f.network("Two")
		f.member(q.ID, n1.ID, netgraph.MembershipLead)
		f.member(p.ID, n2.ID, "")
		f.member(p.ID, n1.ID, "")
		byPerson := f.membershipsByPerson(p.ID)[0]
		if len(byPerson) != 2 || byPerson[0].NetworkID != n1.ID || byPerson[1].NetworkID != n2.ID {
			f.t.Errorf("a person's memberships: %s; want in network id order", show(byPerson))
		}
		byNetwork := f.membershipsByNetwork(n1.ID)[0]
		if len(byNetwork) != 2 || byNetwork[0].PersonID != p.ID || byNetwork[1].PersonID != q.ID {
			f.t.Errorf("a network's memberships: %s; want in person id order", show(byNetwork))
		}
	}},
	{"Membership/Conflict", func(f *fixture) {
		p, n := f.person("Ann"), f.network("Stroke")
		f.member(p.ID, n.ID, "")
		before := f.state()
		_, err := f.s.AddMembership(f.ctx, netgraph.Membership{PersonID: p.ID, NetworkID: n.ID, Role: netgraph.MembershipLead})
		f.wantErr(err, netgraph.ECONFLICT, "second membership of the same network")
		f.unchanged(before, "conflicting membership")
	}},
	{"Membership/Update", func(f *fixture) {
		p, n := f.person("Ann"), f.network("Stroke")
		f.member(p.ID, n.ID, "")
		since := at(2021, 9, 1)
		u, err := f.s.UpdateMembership(f.ctx, netgraph.Membership{PersonID: p.ID, NetworkID: n.ID, Role: netgraph.MembershipLead, Since: &since})
		if err != nil {
			f.t.Fatal(err)
		}
		want := netgraph.Membership{PersonID: p.ID, NetworkID: n.ID, Role: netgraph.MembershipLead, Since: &since}
		f.equal(u, &want, "updated")
		f.equal(f.membershipsByNetwork(n.ID)[0], []netgraph.Membership{want}, "read back")
	}},
	{"Membership/UpdateUnknown", func(f *fixture) {
		p, n := f.person("Ann"), f.network("Stroke")
		before := f.state()
		_, err := f.s.UpdateMembership(f.ctx, netgraph.Membership{PersonID: p.ID, NetworkID: n.ID, Role: netgraph.MembershipLead})
		f.wantErr(err, netgraph.ENOTFOUND, "update of a membership that does not exist")
		f.unchanged(before, "failed update")
	}},
	{"Membership/Remove", func(f *fixture) {
		p, n := f.person("Ann"), f.network("Stroke")
		f.member(p.ID, n.ID, "")
		if err := f.s.RemoveMembership(f.ctx, p.ID, n.ID); err != nil {
			f.t.Fatal(err)
		}
		f.equal(f.membershipsByPerson(p.ID), [][]netgraph.Membership{nil}, "by person after remove")
		f.equal(f.membershipsByNetwork(n.ID), [][]netgraph.Membership{nil}, "by network after remove")
		before := f.state()
		f.wantErr(f.s.RemoveMembership(f.ctx, p.ID, n.ID), netgraph.ENOTFOUND, "second remove")
		f.unchanged(before, "failed remove")
	}},
}

var tieTests = []test{
	{"Tie/Connect", func(f *fixture) {
		a, b := f.person("Ann"), f.person("Bob")
		last := at(2024, 3, 5)
		tie, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: b.ID, To: a.ID, LastInteraction: &last})
		if err != nil {
			f.t.Fatal(err)
		}
		if tie.From != b.ID || tie.To != a.ID || tie.Kind != netgraph.TieKnows || tie.Strength != netgraph.DefaultStrength ||
			tie.Since.IsZero() || tie.LastInteraction == nil || !tie.LastInteraction.Equal(last) {
			f.t.Errorf("connected %s; want from Bob to Ann, KNOWS, default strength, since now, the last interaction given", show(tie))
		}
		f.equal(f.ties(a.ID, b.ID, "per_UNKNOWN"), [][]netgraph.Tie{{*tie}, {*tie}, nil}, "ties of both people")
	}},
	{"Tie/Fields", func(f *fixture) {
		a, b := f.person("Ann"), f.person("Bob")
		since, last := at(2015, 6, 1), at(2024, 1, 2)
		tie, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: a.ID, To: b.ID, Kind: netgraph.TieAdvises,
			Strength: ptr(7.5), Since: &since, LastInteraction: &last})
		if err != nil {
			f.t.Fatal(err)
		}
		want := netgraph.Tie{From: a.ID, To: b.ID, Kind: netgraph.TieAdvises, Strength: 7.5, Since: since, LastInteraction: &last}
		f.equal(tie, &want, "connected")
		f.equal(f.ties(b.ID)[0], []netgraph.Tie{want}, "read back (direction kept)")
	}},
	{"Tie/Order", func(f *fixture) {
		a, b, c, d := f.person("Ann"), f.person("Bob"), f.person("Cat"), f.person("Dan")
		f.tie(a.ID, d.ID, netgraph.TieKnows)
		f.tie(c.ID, a.ID, netgraph.TieKnows)
		f.tie(a.ID, b.ID, netgraph.TieKnows)
		f.tie(b.ID, a.ID, netgraph.TieAdvises)
		f.tie(a.ID, c.ID, netgraph.TieCollaborates)
		var got []string
		for _, t := range f.ties(a.ID)[0] {
			got = append(got, t.Other(a.ID)+"/"+string(t.Kind))
		}
		want := []string{b.ID + "/ADVISES", b.ID + "/KNOWS", c.ID + "/COLLABORATES", c.ID + "/KNOWS", d.ID + "/KNOWS"}
		if join(got) != join(want) {
			f.t.Errorf("ties of Ann:\ngot  %v\nwant %v (by the other person's id, then kind)", got, want)
		}
	}},
	{"Tie/Conflict", func(f *fixture) {
		a, b := f.person("Ann"), f.person("Bob")
		f.tie(a.ID, b.ID, netgraph.TieKnows)
		before := f.state()
		_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: a.ID, To: b.ID, Kind: netgraph.TieKnows, Strength: ptr(3.0)})
		f.wantErr(err, netgraph.ECONFLICT, "same tie again")
		f.unchanged(before, "conflicting tie")
	}},
	{"Tie/ConflictReversed", func(f *fixture) {
		a, b := f.person("Ann"), f.person("Bob")
		f.tie(a.ID, b.ID, netgraph.TieKnows)
		before := f.state()
		_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: b.ID, To: a.ID})
		f.wantErr(err, netgraph.ECONFLICT, "same tie the other way round")
		f.unchanged(before, "conflicting reversed tie")
	}},
	{"Tie/OtherKindAllowed", func(f *fixture) {
		a, b := f.person("Ann"), f.person("Bob")
		f.tie(a.ID, b.ID, netgraph.TieKnows)
		f.tie(b.ID, a.ID, netgraph.TieAdvises)
		if n := len(f.ties(a.ID)[0]); n != 2 {
			f.t.Errorf("%d ties; want 2 (one per kind)", n)
		}
	}},
	{"Tie/Update", func(f *fixture) {
		a, b := f.person("Ann"), f.person("Bob")
		tie := f.tie(a.ID, b.ID, netgraph.TieAdvises)
		last := at(2025, 2, 3)
		// The key names the pair in either order.
		u, err := f.s.UpdateTie(f.ctx, netgraph.TieKey{A: b.ID, B: a.ID, Kind: netgraph.TieAdvises},
			netgraph.TieUpdate{Strength: ptr(4.0), LastInteraction: &last})
		if err != nil {
			f.t.Fatal(err)
		}
		want := *tie
		want.Strength, want.LastInteraction = 4, &last
		f.equal(u, &want, "updated")
		f.equal(f.ties(a.ID)[0], []netgraph.Tie{want}, "read back")
	}},
	{"Tie/UpdateUnknown", func(f *fixture) {
		a, b := f.person("Ann"), f.person("Bob")
		f.tie(a.ID, b.ID, netgraph.TieKnows)
		before := f.state()
		_, err := f.s.UpdateTie(f.ctx, netgraph.NewTieKey(a.ID, b.ID, netgraph.TieAdvises), netgraph.TieUpdate{Strength: ptr(2.0)})
		f.wantErr(err, netgraph.ENOTFOUND, "update of a tie that does not exist")
		f.unchanged(before, "failed update")
	}},
	{"Tie/Disconnect", func(f *fixture) {
		a, b, c := f.person("Ann"), f.person("Bob"), f.person("Cat")
		f.tie(a.ID, b.ID, netgraph.TieKnows)
		keep := f.tie(a.ID, c.ID, netgraph.TieKnows)
		if err := f.s.Disconnect(f.ctx, netgraph.TieKey{A: b.ID, B: a.ID, Kind: netgraph.TieKnows}); err != nil {
			f.t.Fatal(err)
		}
		f.equal(f.ties(a.ID, b.ID), [][]netgraph.Tie{{*keep}, nil}, "ties after disconnect")
		before := f.state()
		f.wantErr(f.s.Disconnect(f.ctx, netgraph.NewTieKey(a.ID, b.ID, netgraph.TieKnows)), netgraph.ENOTFOUND, "second disconnect")
		f.unchanged(before, "failed disconnect")
		f.tie(b.ID, a.ID, netgraph.TieKnows) // the pair is free again
	}},
}

var partnershipTests = []test{
	{"Partnership/Create", func(f *fixture) {
		o1, o2 := f.org("Trust"), f.org("Library")
		since := at(2022, 4, 1)
		p, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: o2.ID, To: o1.ID, Since: &since})
		if err != nil {
			f.t.Fatal(err)
		}
		want := netgraph.Partnership{From: o2.ID, To: o1.ID, Kind: netgraph.PartnershipInformal, Since: &since}
		f.equal(p, &want, "created (kind defaults to INFORMAL)")
		f.equal(f.partnerships(o1.ID, o2.ID, "org_UNKNOWN"), [][]netgraph.Partnership{{want}, {want}, nil}, "by organisation")
	}},
	{"Partnership/Order", func(f *fixture) {
		o1, o2, o3 := f.org("One"), f.org("Two"), f.org("Three")
		f.partner(o1.ID, o3.ID, netgraph.PartnershipMoU)
		f.partner(o2.ID, o1.ID, netgraph.PartnershipSharedPost)
		f.partner(o1.ID, o2.ID, netgraph.PartnershipMoU)
		var got []string
		for _, p := range f.partnerships(o1.ID)[0] {
			other := p.From
			if other == o1.ID {
				other = p.To
			}
			got = append(got, other+"/"+string(p.Kind))
		}
		want := []string{o2.ID + "/MOU", o2.ID + "/SHARED_POST", o3.ID + "/MOU"}
		if join(got) != join(want) {
			f.t.Errorf("partnerships:\ngot  %v\nwant %v (by the other organisation's id, then kind)", got, want)
		}
	}},
	{"Partnership/ConflictReversed", func(f *fixture) {
		o1, o2 := f.org("Trust"), f.org("Library")
		f.partner(o1.ID, o2.ID, netgraph.PartnershipMoU)
		before := f.state()
		_, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: o1.ID, To: o2.ID, Kind: netgraph.PartnershipMoU})
		f.wantErr(err, netgraph.ECONFLICT, "same partnership again")
		_, err = f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: o2.ID, To: o1.ID, Kind: netgraph.PartnershipMoU})
		f.wantErr(err, netgraph.ECONFLICT, "same partnership the other way round")
		f.unchanged(before, "conflicting partnerships")
		f.partner(o2.ID, o1.ID, netgraph.PartnershipServiceAgreement) // another kind is fine
	}},
	{"Partnership/Remove", func(f *fixture) {
		o1, o2 := f.org("Trust"), f.org("Library")
		f.partner(o1.ID, o2.ID, netgraph.PartnershipMoU)
		keep := f.partner(o1.ID, o2.ID, netgraph.PartnershipInformal)
		if err := f.s.RemovePartnership(f.ctx, o2.ID, o1.ID, netgraph.PartnershipMoU); err != nil {
			f.t.Fatalf("remove, naming the pair the other way round: %v", err)
		}
		f.equal(f.partnerships(o1.ID, o2.ID), [][]netgraph.Partnership{{*keep}, {*keep}}, "after remove")
		before := f.state()
		f.wantErr(f.s.RemovePartnership(f.ctx, o1.ID, o2.ID, netgraph.PartnershipMoU), netgraph.ENOTFOUND, "second remove")
		f.unchanged(before, "failed remove")
	}},
}
