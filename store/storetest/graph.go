package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/netgraph/netgraph"
)

var versionTests = []test{
	{"Version/OnePerMutation", func(f *fixture) {
		var ann, bob *netgraph.Person
		var trust, lib *netgraph.Organisation
		var stroke *netgraph.Network
		steps := []struct {
			name string
			do   func() error
		}{
			{"CreatePerson", func() (err error) { ann, err = f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: "Ann"}); return }},
			{"CreatePerson", func() (err error) { bob, err = f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: "Bob"}); return }},
			{"UpdatePerson", func() error {
				_, err := f.s.UpdatePerson(f.ctx, ann.ID, netgraph.PersonUpdate{Title: ptr("Lead")})
				return err
			}},
			{"CreateOrganisation", func() (err error) {
				trust, err = f.s.CreateOrganisation(f.ctx, netgraph.OrganisationCreate{Name: "Trust"})
				return
			}},
			{"CreateOrganisation", func() (err error) {
				lib, err = f.s.CreateOrganisation(f.ctx, netgraph.OrganisationCreate{Name: "Library"})
				return
			}},
			{"UpdateOrganisation", func() error {
				_, err := f.s.UpdateOrganisation(f.ctx, trust.ID, netgraph.OrganisationUpdate{Region: ptr("North")})
				return err
			}},
			{"CreateNetwork", func() (err error) {
				stroke, err = f.s.CreateNetwork(f.ctx, netgraph.NetworkCreate{Name: "Stroke", Type: netgraph.NetworkLearning})
				return
			}},
			{"UpdateNetwork", func() error {
				_, err := f.s.UpdateNetwork(f.ctx, stroke.ID, netgraph.NetworkUpdate{Region: ptr("North")})
				return err
			}},
			{"AddAffiliation", func() error {
				_, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: ann.ID, OrganisationID: trust.ID})
				return err
			}},
			{"UpdateAffiliation", func() error {
				_, err := f.s.UpdateAffiliation(f.ctx, netgraph.Affiliation{PersonID: ann.ID, OrganisationID: trust.ID, Role: "Matron"})
				return err
			}},
			{"AddMembership", func() error {
				_, err := f.s.AddMembership(f.ctx, netgraph.Membership{PersonID: ann.ID, NetworkID: stroke.ID})
				return err
			}},
			{"UpdateMembership", func() error {
				_, err := f.s.UpdateMembership(f.ctx, netgraph.Membership{PersonID: ann.ID, NetworkID: stroke.ID, Role: netgraph.MembershipLead})
				return err
			}},
			{"Connect", func() error {
				_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: ann.ID, To: bob.ID})
				return err
			}},
			{"UpdateTie", func() error {
				_, err := f.s.UpdateTie(f.ctx, netgraph.NewTieKey(ann.ID, bob.ID, netgraph.TieKnows), netgraph.TieUpdate{Strength: ptr(2.0)})
				return err
			}},
			{"CreatePartnership", func() error {
				_, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: trust.ID, To: lib.ID})
				return err
			}},
			{"RemovePartnership", func() error {
				return f.s.RemovePartnership(f.ctx, trust.ID, lib.ID, netgraph.PartnershipInformal)
			}},
			{"Disconnect", func() error {
				return f.s.Disconnect(f.ctx, netgraph.NewTieKey(ann.ID, bob.ID, netgraph.TieKnows))
			}},
			{"RemoveMembership", func() error { return f.s.RemoveMembership(f.ctx, ann.ID, stroke.ID) }},
			{"RemoveAffiliation", func() error { return f.s.RemoveAffiliation(f.ctx, ann.ID, trust.ID) }},
			{"Import", func() error {
				return f.s.Import(f.ctx, []netgraph.Record{
					{Person: &netgraph.Person{ID: "per_IMPORTED1", Name: "Cat"}},
					{Person: &netgraph.Person{ID: "per_IMPORTED2", Name: "Dan"}},
					{Tie: &netgraph.Tie{From: "per_IMPORTED1", To: "per_IMPORTED2", Kind: netgraph.TieKnows, Strength: 1}},
				})
			}},
			{"DeleteNetwork", func() error { return f.s.DeleteNetwork(f.ctx, stroke.ID) }},
			{"DeleteOrganisation", func() error { return f.s.DeleteOrganisation(f.ctx, lib.ID) }},
			{"DeletePerson", func() error { return f.s.DeletePerson(f.ctx, bob.ID) }},
		}
		v := f.version()
		for _, st := range steps {
			if err := st.do(); err != nil {
				f.t.Fatalf("%s: %v", st.name, err)
			}
			if got := f.version(); got != v+1 {
				f.t.Errorf("%s moved the version from %d to %d; want %d", st.name, v, got, v+1)
			}
			v = f.version()
		}
	}},
	{"Version/NotOnEmptyUpdate", func(f *fixture) {
		w := f.world()
		before := f.state()
		got, err := f.s.UpdatePerson(f.ctx, w.ann.ID, netgraph.PersonUpdate{})
		if err != nil {
			f.t.Fatalf("UpdatePerson with nothing to change: %v", err)
		}
		want, err := f.s.Person(f.ctx, w.ann.ID)
		if err != nil {
			f.t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			f.t.Errorf("UpdatePerson with nothing to change returned %+v; the person is %+v", got, want)
		}
		f.unchanged(before, "UpdatePerson with nothing to change")
		_, err = f.s.UpdatePerson(f.ctx, "per_UNKNOWN", netgraph.PersonUpdate{})
		f.wantCode(err, netgraph.ENOTFOUND, "id", "UpdatePerson of an unknown id with nothing to change")
	}},
	{"Version/NotOnFailureOrRead", func(f *fixture) {
		w := f.world()
		v := f.version()
		// Failures of each kind: invalid, unknown, conflict.
		_, _ = f.s.CreatePerson(f.ctx, netgraph.PersonCreate{})
		_, _ = f.s.UpdatePerson(f.ctx, "per_UNKNOWN", netgraph.PersonUpdate{Name: ptr("X")})
		_, _ = f.s.Connect(f.ctx, netgraph.TieCreate{From: w.bob.ID, To: w.ann.ID})
		_, _ = f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: w.ann.ID, OrganisationID: w.trust.ID})
		_ = f.s.DeleteNetwork(f.ctx, "net_UNKNOWN")
		_ = f.s.Import(f.ctx, []netgraph.Record{{Tie: &netgraph.Tie{From: w.ann.ID, To: "per_UNKNOWN", Kind: netgraph.TieKnows, Strength: 1}}})
		// An idempotent create changes nothing.
		_, _ = f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: "Ann again", ExternalID: "ann"})
		// Reads.
		_, _ = f.s.Person(f.ctx, w.ann.ID)
		_, _ = f.s.PeopleByID(f.ctx, []string{w.ann.ID})
		_, _ = f.s.People(f.ctx, netgraph.PersonFilter{NameContains: "a"}, netgraph.Page{})
		_, _ = f.s.Organisations(f.ctx, netgraph.OrganisationFilter{}, netgraph.Page{})
		_, _ = f.s.Networks(f.ctx, netgraph.NetworkFilter{}, netgraph.Page{})
		_, _ = f.s.TiesByPerson(f.ctx, []string{w.ann.ID})
		_, _ = f.s.AffiliationsByOrganisation(f.ctx, []string{w.trust.ID})
		_, _ = f.s.MembershipsByNetwork(f.ctx, []string{w.stroke.ID})
		_, _ = f.s.PartnershipsByOrganisation(f.ctx, []string{w.trust.ID})
		f.graph()
		if got := f.version(); got != v {
			f.t.Errorf("version moved from %d to %d on failures and reads", v, got)
		}
	}},
}

// recordKind is a record's place in ReadGraph's dependency order.
func recordKind(r netgraph.Record) int {
	switch {
	case r.Organisation != nil:
		return 0
	case r.Network != nil:
		return 1
	case r.Person != nil:
		return 2
	case r.Affiliation != nil:
		return 3
	case r.Membership != nil:
		return 4
	case r.Tie != nil:
		return 5
	case r.Partnership != nil:
		return 6
	}
	return -1
}

// richGraph fills the store with every kind of record, with optional fields
// set, and returns how many records ReadGraph should stream.
func (f *fixture) richGraph() int {
	f.t.Helper()
	w := f.world() // 3 people, 2 organisations, 1 network, 1 tie, 1 affiliation, 1 membership, 1 partnership
	since, last := at(2018, 2, 3), at(2025, 1, 9)
	dan := f.person("Dan", func(c *netgraph.PersonCreate) {
		c.ExternalID, c.Title, c.Profession, c.Region = "dan", "Librarian", "Library", "North"
		c.Interests, c.Consent = []string{"Health literacy", "Falls"}, ptr(false)
	})
	falls := f.network("Falls", func(c *netgraph.NetworkCreate) {
		c.Type, c.Purpose, c.Specialty = netgraph.NetworkAdvocacy, "Fewer falls", "Geriatrics"
	})
	if _, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: dan.ID, To: w.ann.ID, Kind: netgraph.TieAdvises,
		Strength: ptr(6.5), Since: &since, LastInteraction: &last}); err != nil {
		f.t.Fatal(err)
	}
	f.tie(w.cat.ID, w.bob.ID, netgraph.TieCollaborates)
	if _, err := f.s.AddAffiliation(f.ctx, netgraph.Affiliation{PersonID: dan.ID, OrganisationID: w.lib.ID,
		Role: "Outreach", Since: &since}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.s.AddMembership(f.ctx, netgraph.Membership{PersonID: dan.ID, NetworkID: falls.ID,
		Role: netgraph.MembershipSponsor, Since: &since}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.s.CreatePartnership(f.ctx, netgraph.Partnership{From: w.lib.ID, To: w.trust.ID,
		Kind: netgraph.PartnershipSharedPost, Since: &since}); err != nil {
		f.t.Fatal(err)
	}
	return 4 + 2 + 2 + 2 + 2 + 3 + 2
}

var graphTests = []test{
	{"ReadGraph/OrderAndCompleteness", func(f *fixture) {
		want := f.richGraph()
		recs, v := f.graph()
		if len(recs) != want {
			f.t.Errorf("%d records; want %d", len(recs), want)
		}
		last := -1
		for i, r := range recs {
			k := recordKind(r)
			if k < 0 {
				f.t.Fatalf("record %d has no entity: %s", i, show(r))
			}
			if k < last {
				f.t.Errorf("record %d (%s) out of dependency order", i, show(r))
			}
			last = k
		}
		if dv := f.version(); v != dv {
			f.t.Errorf("ReadGraph reflects version %d; DataVersion says %d", v, dv)
		}
		again, _ := f.graph()
		if show(again) != show(recs) {
			f.t.Error("two ReadGraphs of the same version differ")
		}
	}},
	{"ReadGraph/MatchesReads", func(f *fixture) {
		f.richGraph()
		recs, _ := f.graph()
		for _, r := range recs {
			switch {
			case r.Person != nil:
				got, err := f.s.Person(f.ctx, r.Person.ID)
				if err != nil {
					f.t.Fatal(err)
				}
				f.equal(got, r.Person, "person read vs streamed")
			case r.Organisation != nil:
				got, _ := f.s.Organisation(f.ctx, r.Organisation.ID)
				f.equal(got, r.Organisation, "organisation read vs streamed")
			case r.Network != nil:
				got, _ := f.s.Network(f.ctx, r.Network.ID)
				f.equal(got, r.Network, "network read vs streamed")
			case r.Tie != nil:
				found := false
				for _, t := range f.ties(r.Tie.From)[0] {
					if t.Key() == r.Tie.Key() {
						found = true
						f.equal(t, *r.Tie, "tie read vs streamed")
					}
				}
				if !found {
					f.t.Errorf("streamed tie %s not among its person's ties", show(r.Tie))
				}
			}
		}
	}},
	{"ReadGraph/StopsAtError", func(f *fixture) {
		f.richGraph()
		stop := errors.New("stop here")
		calls := 0
		_, err := f.s.ReadGraph(f.ctx, func(netgraph.Record) error {
			calls++
			if calls == 2 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || calls != 2 {
			f.t.Errorf("ReadGraph returned %v after %d calls; want the callback's error after 2", err, calls)
		}
	}},
	{"ReadGraph/Cancelled", func(f *fixture) {
		f.richGraph()
		ctx, cancel := context.WithCancel(f.ctx)
		cancel()
		if _, err := f.s.ReadGraph(ctx, func(netgraph.Record) error { return nil }); err == nil {
			f.t.Error("ReadGraph with a cancelled context succeeded")
		}
	}},
	{"ReadGraph/ConsistentUnderWrites", func(f *fixture) {
		// One writer adds two people and a tie between them, over and over.
		// Every ReadGraph must see a state some prefix of those writes made:
		// at version v0+k, exactly the first k mutations.
		v0 := f.version()
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				a, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: fmt.Sprintf("A%d", i)})
				if err != nil {
					f.t.Error(err)
					return
				}
				b, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: fmt.Sprintf("B%d", i)})
				if err != nil {
					f.t.Error(err)
					return
				}
				if _, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: a.ID, To: b.ID}); err != nil {
					f.t.Error(err)
					return
				}
			}
		}()
		for range 8 {
			people := make(map[string]bool)
			nPeople, nTies := 0, 0
			v, err := f.s.ReadGraph(f.ctx, func(r netgraph.Record) error {
				switch {
				case r.Person != nil:
					people[r.Person.ID] = true
					nPeople++
				case r.Tie != nil:
					nTies++
					if !people[r.Tie.From] || !people[r.Tie.To] {
						return fmt.Errorf("tie %s streamed without its people", show(r.Tie))
					}
				}
				return nil
			})
			if err != nil {
				f.t.Error(err)
				break
			}
			k := int(v - v0)
			wantPeople, wantTies := 2*(k/3)+min(k%3, 2), k/3
			if nPeople != wantPeople || nTies != wantTies {
				f.t.Errorf("ReadGraph at version %d (+%d) streamed %d people and %d ties; want %d and %d",
					v, k, nPeople, nTies, wantPeople, wantTies)
			}
		}
		close(done)
		wg.Wait()
	}},
}

// collect returns every record of s's graph, as ReadGraph streams it.
func collect(f *fixture, s netgraph.Store) []netgraph.Record {
	f.t.Helper()
	var recs []netgraph.Record
	if _, err := s.ReadGraph(f.ctx, func(r netgraph.Record) error {
		recs = append(recs, r)
		return nil
	}); err != nil {
		f.t.Fatal(err)
	}
	return recs
}

// importInto imports recs into s in batches of n, as an export would.
func importInto(f *fixture, s netgraph.Store, recs []netgraph.Record, n int) {
	f.t.Helper()
	for len(recs) > 0 {
		b := recs[:min(n, len(recs))]
		recs = recs[len(b):]
		if err := s.Import(f.ctx, b); err != nil {
			f.t.Fatalf("Import: %v", err)
		}
	}
}

var importTests = []test{
	{"Import/RoundTrip", func(f *fixture) {
		// Export from one store into another (the second made by importing
		// into the first's own twin: both come from open).
		f.richGraph()
		recs := collect(f, f.s)
		g := &fixture{t: f.t, ctx: f.ctx, s: f.open(), opener: f.opener}
		v0 := g.version()
		importInto(g, g.s, recs, 4)
		batches := (len(recs) + 3) / 4
		if v := g.version(); v != v0+uint64(batches) {
			g.t.Errorf("version %d after %d imports; want %d (one per call)", v, batches, v0+uint64(batches))
		}
		got, _ := g.graph()
		want, _ := f.graph()
		if show(got) != show(want) {
			f.t.Errorf("graph after import differs:\ngot  %s\nwant %s", show(got), show(want))
		}
		// Reads, filters and the external id index work on imported data.
		for _, r := range want {
			if r.Person == nil {
				continue
			}
			p, err := g.s.Person(g.ctx, r.Person.ID)
			if err != nil {
				f.t.Fatal(err)
			}
			f.equal(p, r.Person, "imported person")
			f.equal(g.ties(p.ID), f.ties(p.ID), "imported person's ties")
			f.equal(g.affiliationsByPerson(p.ID), f.affiliationsByPerson(p.ID), "imported person's affiliations")
			f.equal(g.membershipsByPerson(p.ID), f.membershipsByPerson(p.ID), "imported person's memberships")
		}
		lf := f.people(netgraph.PersonFilter{NameContains: "a", Region: "north"}, netgraph.Page{})
		lg := g.people(netgraph.PersonFilter{NameContains: "a", Region: "north"}, netgraph.Page{})
		f.equal(lg.Items, lf.Items, "filtered people after import")
		dan, err := g.s.CreatePerson(g.ctx, netgraph.PersonCreate{Name: "Dan again", ExternalID: "dan"})
		if err != nil || dan.Name != "Dan" {
			f.t.Errorf("create with an imported external id: %s, %v; want the imported Dan", show(dan), err)
		}
	}},
	{"Import/Upsert", func(f *fixture) {
		w := f.world()
		ann := *w.ann
		ann.Name, ann.Title = "Ann Lee-Smith", "Matron"
		tie := netgraph.Tie{From: w.bob.ID, To: w.ann.ID, Kind: netgraph.TieKnows, Strength: 9, Since: at(2010, 1, 1)}
		aff := netgraph.Affiliation{PersonID: w.ann.ID, OrganisationID: w.trust.ID, Role: "Director"}
		v := f.version()
		if err := f.s.Import(f.ctx, []netgraph.Record{{Person: &ann}, {Affiliation: &aff}, {Tie: &tie}}); err != nil {
			f.t.Fatal(err)
		}
		if got := f.version(); got != v+1 {
			f.t.Errorf("version %d after one import; want %d", got, v+1)
		}
		got, _ := f.s.Person(f.ctx, ann.ID)
		f.equal(got, &ann, "replaced person")
		f.equal(f.ties(w.ann.ID), [][]netgraph.Tie{{tie}}, "replaced tie (one, in the imported direction)")
		f.equal(f.affiliationsByOrganisation(w.trust.ID), [][]netgraph.Affiliation{{aff}}, "replaced affiliation")
		if l := f.people(netgraph.PersonFilter{NameContains: "smith"}, netgraph.Page{}); l.TotalCount != 1 {
			f.t.Errorf("filter on the replaced name: %d people; want 1", l.TotalCount)
		}
		if l := f.people(netgraph.PersonFilter{}, netgraph.Page{}); l.TotalCount != 3 {
			f.t.Errorf("%d people after upsert; want 3", l.TotalCount)
		}
	}},
	{"Import/Cleans", func(f *fixture) {
		// An import stores what Record.Clean makes of its records, as a create
		// would: text trimmed, e-mail lower-cased, duplicate interests dropped
		// and defaults applied, so that no imported value breaks a rule that
		// creation enforces.
		w := f.world()
		since := at(2020, 6, 1)
		recs := []netgraph.Record{
			{Organisation: &netgraph.Organisation{ID: "org_IMPORTED", Name: " Council ", Region: " North "}},
			{Network: &netgraph.Network{ID: "net_IMPORTED", Name: " Falls ", Type: netgraph.NetworkLearning}},
			{Person: &netgraph.Person{ID: "per_IMPORTED", Name: "  Dan  ", Email: " Dan@Example.ORG ",
				Interests: []string{" Falls", "falls", " "}, CreatedAt: since, UpdatedAt: since}},
			{Affiliation: &netgraph.Affiliation{PersonID: "per_IMPORTED", OrganisationID: "org_IMPORTED", Role: " Porter "}},
			{Membership: &netgraph.Membership{PersonID: "per_IMPORTED", NetworkID: "net_IMPORTED"}},
			{Tie: &netgraph.Tie{From: "per_IMPORTED", To: w.cat.ID, Strength: 1, Since: since}},
			{Partnership: &netgraph.Partnership{From: "org_IMPORTED", To: w.lib.ID}},
		}
		if err := f.s.Import(f.ctx, recs); err != nil {
			f.t.Fatal(err)
		}
		want := make([]netgraph.Record, len(recs))
		for i, r := range recs {
			c, err := r.Clean()
			if err != nil {
				f.t.Fatal(err)
			}
			want[i] = c
		}
		o, _ := f.s.Organisation(f.ctx, "org_IMPORTED")
		f.equal(o, want[0].Organisation, "imported organisation (sector OTHER, text trimmed)")
		n, _ := f.s.Network(f.ctx, "net_IMPORTED")
		f.equal(n, want[1].Network, "imported network")
		p, _ := f.s.Person(f.ctx, "per_IMPORTED")
		f.equal(p, want[2].Person, "imported person (e-mail lower-cased, interests cleaned)")
		f.equal(f.affiliationsByPerson("per_IMPORTED"), [][]netgraph.Affiliation{{*want[3].Affiliation}}, "imported affiliation")
		f.equal(f.membershipsByPerson("per_IMPORTED"), [][]netgraph.Membership{{*want[4].Membership}}, "imported membership (role MEMBER)")
		f.equal(f.ties("per_IMPORTED"), [][]netgraph.Tie{{*want[5].Tie}}, "imported tie (kind KNOWS)")
		f.equal(f.partnerships("org_IMPORTED"), [][]netgraph.Partnership{{*want[6].Partnership}}, "imported partnership (kind INFORMAL)")
		// The defaulted kinds are the ties' and partnerships' identities.
		if err := f.s.Disconnect(f.ctx, netgraph.NewTieKey("per_IMPORTED", w.cat.ID, netgraph.TieKnows)); err != nil {
			f.t.Errorf("disconnect the imported KNOWS tie: %v", err)
		}
		if err := f.s.RemovePartnership(f.ctx, "org_IMPORTED", w.lib.ID, netgraph.PartnershipInformal); err != nil {
			f.t.Errorf("remove the imported INFORMAL partnership: %v", err)
		}
	}},
	{"Import/ExternalIDConflict", func(f *fixture) {
		f.world()
		before := f.state()
		err := f.s.Import(f.ctx, []netgraph.Record{
			{Person: &netgraph.Person{ID: "per_IMPORTED", Name: "Dan"}},
			{Person: &netgraph.Person{ID: "per_IMPORTED2", Name: "Not Ann", ExternalID: "ann"}},
		})
		f.wantCode(err, netgraph.ECONFLICT, "records[1].person.externalId", "import of another person with a taken external id")
		f.unchanged(before, "conflicting import")
		err = f.s.Import(f.ctx, []netgraph.Record{
			{Organisation: &netgraph.Organisation{ID: "org_A", Name: "A", Sector: netgraph.SectorOther, ExternalID: "x"}},
			{Organisation: &netgraph.Organisation{ID: "org_B", Name: "B", Sector: netgraph.SectorOther, ExternalID: "x"}},
		})
		f.wantCode(err, netgraph.ECONFLICT, "records[1].organisation.externalId", "two organisations with one external id in one import")
		f.unchanged(before, "conflicting import")
	}},
	{"Import/ChangesExternalID", func(f *fixture) {
		w := f.world()
		ann := *w.ann
		ann.ExternalID = "ann-2"
		if err := f.s.Import(f.ctx, []netgraph.Record{{Person: &ann}}); err != nil {
			f.t.Fatal(err)
		}
		// The old external id is free, the new one names Ann.
		p := f.person("Someone", func(c *netgraph.PersonCreate) { c.ExternalID = "ann" })
		if p.ID == ann.ID {
			f.t.Error("the old external id still names the person")
		}
		q := f.person("Someone", func(c *netgraph.PersonCreate) { c.ExternalID = "ann-2" })
		if q.ID != ann.ID {
			f.t.Errorf("the new external id names %s; want %s", q.ID, ann.ID)
		}
		// An import may take the released external id too.
		if err := f.s.Import(f.ctx, []netgraph.Record{{Person: &netgraph.Person{ID: "per_IMPORTED", Name: "Other",
			ExternalID: "bob"}}}); err != nil {
			f.t.Errorf("import with a fresh external id: %v", err)
		}
		ann.ExternalID = "ann-3"
		if err := f.s.Import(f.ctx, []netgraph.Record{{Person: &ann},
			{Person: &netgraph.Person{ID: "per_IMPORTED", Name: "Other", ExternalID: "ann-2"}}}); err != nil {
			f.t.Errorf("import taking an external id released earlier in the same import: %v", err)
		}
	}},
}

// open returns another fresh, empty store.
func (f *fixture) open() netgraph.Store { return f.opener(f.t) }
