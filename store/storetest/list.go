package storetest

import (
	"fmt"
	"slices"

	"github.com/netgraph/netgraph"
)

func (f *fixture) people(flt netgraph.PersonFilter, p netgraph.Page) *netgraph.List[*netgraph.Person] {
	f.t.Helper()
	l, err := f.s.People(f.ctx, flt, p)
	if err != nil {
		f.t.Fatalf("People(%+v, %+v): %v", flt, p, err)
	}
	return l
}

// wantPeople fails the test unless flt lists exactly want, in order.
func (f *fixture) wantPeople(flt netgraph.PersonFilter, want ...*netgraph.Person) {
	f.t.Helper()
	l := f.people(flt, netgraph.Page{First: netgraph.MaxPageSize})
	if got, w := ids(l.Items), ids(want); join(got) != join(w) || l.TotalCount != len(want) || l.HasNextPage {
		f.t.Errorf("People(%+v): %v (total %d, more %v); want %v (total %d)", flt, got, l.TotalCount, l.HasNextPage, w, len(w))
	}
}

var filterTests = []test{
	{"Filter/PersonName", func(f *fixture) {
		ann := f.person("Ann Lee")
		joann := f.person("Joann Smith")
		f.person("Bob Shah")
		f.wantPeople(netgraph.PersonFilter{NameContains: "ann"}, ann, joann)
		f.wantPeople(netgraph.PersonFilter{NameContains: "ANN L"}, ann)
		f.wantPeople(netgraph.PersonFilter{NameContains: "zed"})
	}},
	{"Filter/PersonOrganisation", func(f *fixture) {
		ann, bob, cat := f.person("Ann"), f.person("Bob"), f.person("Cat")
		trust, lib := f.org("Trust"), f.org("Library")
		f.affiliate(cat.ID, trust.ID, "")
		f.affiliate(ann.ID, trust.ID, "")
		f.affiliate(bob.ID, lib.ID, "")
		f.wantPeople(netgraph.PersonFilter{OrganisationID: trust.ID}, ann, cat)
		f.wantPeople(netgraph.PersonFilter{OrganisationID: "org_UNKNOWN"})
	}},
	{"Filter/PersonNetwork", func(f *fixture) {
		ann, bob, cat := f.person("Ann"), f.person("Bob"), f.person("Cat")
		n1, n2 := f.network("Stroke"), f.network("Falls")
		f.member(bob.ID, n1.ID, "")
		f.member(cat.ID, n2.ID, "")
		f.member(ann.ID, n1.ID, "")
		f.wantPeople(netgraph.PersonFilter{NetworkID: n1.ID}, ann, bob)
	}},
	{"Filter/PersonProfessionRegionInterest", func(f *fixture) {
		ann := f.person("Ann", func(c *netgraph.PersonCreate) {
			c.Profession, c.Region, c.Interests = "Nursing", "North West", []string{"Diabetes", "Falls"}
		})
		bob := f.person("Bob", func(c *netgraph.PersonCreate) {
			c.Profession, c.Region, c.Interests = "Nursing Assistant", "North", []string{"falls"}
		})
		cat := f.person("Cat", func(c *netgraph.PersonCreate) {
			c.Profession, c.Region = "Librarian", "north west"
		})
		f.wantPeople(netgraph.PersonFilter{Profession: "nursing"}, ann)
		f.wantPeople(netgraph.PersonFilter{Region: "NORTH WEST"}, ann, cat)
		f.wantPeople(netgraph.PersonFilter{Interest: "FALLS"}, ann, bob)
		f.wantPeople(netgraph.PersonFilter{Interest: "fall"})
		f.wantPeople(netgraph.PersonFilter{Region: "north west", Interest: "falls"}, ann)
	}},
	{"Filter/PersonCombined", func(f *fixture) {
		ann := f.person("Ann Lee", func(c *netgraph.PersonCreate) { c.Interests = []string{"Sepsis"} })
		anna := f.person("Anna Berg", func(c *netgraph.PersonCreate) { c.Interests = []string{"Sepsis"} })
		f.person("Annie Cole", func(c *netgraph.PersonCreate) { c.Interests = []string{"Sepsis"} })
		trust, n := f.org("Trust"), f.network("Sepsis network")
		f.affiliate(ann.ID, trust.ID, "")
		f.affiliate(anna.ID, trust.ID, "")
		f.member(anna.ID, n.ID, "")
		f.wantPeople(netgraph.PersonFilter{NameContains: "ann", OrganisationID: trust.ID, Interest: "sepsis"}, ann, anna)
		f.wantPeople(netgraph.PersonFilter{OrganisationID: trust.ID, NetworkID: n.ID}, anna)
	}},
	{"Filter/Organisation", func(f *fixture) {
		a := f.org("Northern Trust", func(c *netgraph.OrganisationCreate) { c.Sector, c.Region = netgraph.SectorNHSTrust, "North" })
		b := f.org("Northshire Library", func(c *netgraph.OrganisationCreate) { c.Sector, c.Region = netgraph.SectorPublicLibrary, "north" })
		c := f.org("Southern Trust", func(c *netgraph.OrganisationCreate) { c.Sector, c.Region = netgraph.SectorNHSTrust, "South" })
		for _, tc := range []struct {
			flt  netgraph.OrganisationFilter
			want []*netgraph.Organisation
		}{
			{netgraph.OrganisationFilter{NameContains: "NORTH"}, []*netgraph.Organisation{a, b}},
			{netgraph.OrganisationFilter{Sector: netgraph.SectorNHSTrust}, []*netgraph.Organisation{a, c}},
			{netgraph.OrganisationFilter{Region: "NORTH"}, []*netgraph.Organisation{a, b}},
			{netgraph.OrganisationFilter{NameContains: "trust", Region: "south"}, []*netgraph.Organisation{c}},
		} {
			l, err := f.s.Organisations(f.ctx, tc.flt, netgraph.Page{})
			if err != nil {
				f.t.Fatal(err)
			}
			if join(ids(l.Items)) != join(ids(tc.want)) || l.TotalCount != len(tc.want) {
				f.t.Errorf("Organisations(%+v): %v (total %d); want %v", tc.flt, ids(l.Items), l.TotalCount, ids(tc.want))
			}
		}
	}},
	{"Filter/Network", func(f *fixture) {
		a := f.network("Stroke North", func(c *netgraph.NetworkCreate) {
			c.Type, c.Region, c.Specialty = netgraph.NetworkClinicalOperational, "North", "Stroke"
		})
		b := f.network("Library learning", func(c *netgraph.NetworkCreate) { c.Region = "north" })
		c := f.network("Stroke South", func(c *netgraph.NetworkCreate) {
			c.Type, c.Region, c.Specialty = netgraph.NetworkClinicalOperational, "South", "stroke"
			c.Purpose, c.Status, c.MembershipPolicy = "Thrombolysis for everyone", netgraph.StatusDormant, netgraph.PolicyOpen
		})
		d := f.network("Knowledge for Healthcare", func(c *netgraph.NetworkCreate) {
			c.Type, c.Purpose, c.MembershipPolicy = netgraph.NetworkAdvocacy, "Evidence for stroke teams", netgraph.PolicyByInvitation
		})
		for _, tc := range []struct {
			flt  netgraph.NetworkFilter
			want []*netgraph.Network
		}{
			{netgraph.NetworkFilter{NameContains: "stroke"}, []*netgraph.Network{a, c}},
			{netgraph.NetworkFilter{Type: netgraph.NetworkLearning}, []*netgraph.Network{b}},
			{netgraph.NetworkFilter{Region: "NORTH"}, []*netgraph.Network{a, b}},
			{netgraph.NetworkFilter{Specialty: "STROKE"}, []*netgraph.Network{a, c}},
			{netgraph.NetworkFilter{Specialty: "stroke", Region: "south"}, []*netgraph.Network{c}},
			// The register's search: name, purpose or specialty.
			{netgraph.NetworkFilter{Text: "STROKE"}, []*netgraph.Network{a, c, d}},
			{netgraph.NetworkFilter{Text: "thrombo"}, []*netgraph.Network{c}},
			{netgraph.NetworkFilter{Text: "learning"}, []*netgraph.Network{b}},
			{netgraph.NetworkFilter{Status: netgraph.StatusDormant}, []*netgraph.Network{c}},
			{netgraph.NetworkFilter{Status: netgraph.StatusActive}, []*netgraph.Network{a, b, d}},
			{netgraph.NetworkFilter{MembershipPolicy: netgraph.PolicyByInvitation}, []*netgraph.Network{d}},
			{netgraph.NetworkFilter{Text: "stroke", MembershipPolicy: netgraph.PolicyByRequest}, []*netgraph.Network{a}},
		} {
			l, err := f.s.Networks(f.ctx, tc.flt, netgraph.Page{})
			if err != nil {
				f.t.Fatal(err)
			}
			if join(ids(l.Items)) != join(ids(tc.want)) || l.TotalCount != len(tc.want) {
				f.t.Errorf("Networks(%+v): %v (total %d); want %v", tc.flt, ids(l.Items), l.TotalCount, ids(tc.want))
			}
		}
	}},
}

// pageThrough lists all pages of people matching flt, size n at a time, calling
// between after each page. It fails the test if a page is larger than n or a
// list does not end.
func (f *fixture) pageThrough(flt netgraph.PersonFilter, n int, between func()) []string {
	f.t.Helper()
	var got []string
	after := ""
	for range 1000 {
		l := f.people(flt, netgraph.Page{First: n, After: after})
		if len(l.Items) > n {
			f.t.Fatalf("page of %d; asked for %d", len(l.Items), n)
		}
		got = append(got, ids(l.Items)...)
		if !l.HasNextPage {
			return got
		}
		if len(l.Items) == 0 {
			f.t.Fatal("empty page with hasNextPage")
		}
		after = l.Items[len(l.Items)-1].ID
		if between != nil {
			between()
		}
	}
	f.t.Fatal("paging did not end")
	return nil
}

var pageTests = []test{
	{"Page/People", func(f *fixture) {
		var want []string
		for i := range 7 {
			want = append(want, f.person(fmt.Sprintf("Person %d", i)).ID)
		}
		type page struct {
			items []string
			more  bool
		}
		var pages []page
		after := ""
		for range 4 {
			l := f.people(netgraph.PersonFilter{}, netgraph.Page{First: 3, After: after})
			if l.TotalCount != 7 {
				f.t.Errorf("totalCount %d; want 7 on every page", l.TotalCount)
			}
			pages = append(pages, page{ids(l.Items), l.HasNextPage})
			if !l.HasNextPage {
				break
			}
			after = l.Items[len(l.Items)-1].ID
		}
		wantPages := []page{{want[0:3], true}, {want[3:6], true}, {want[6:], false}}
		if fmt.Sprint(pages) != fmt.Sprint(wantPages) {
			f.t.Errorf("pages:\ngot  %v\nwant %v", pages, wantPages)
		}
		if l := f.people(netgraph.PersonFilter{}, netgraph.Page{First: 7}); l.HasNextPage || len(l.Items) != 7 {
			f.t.Errorf("a page exactly as long as the list: %d items, hasNextPage %v; want 7, false", len(l.Items), l.HasNextPage)
		}
		if l := f.people(netgraph.PersonFilter{}, netgraph.Page{After: want[6]}); l.HasNextPage || len(l.Items) != 0 || l.TotalCount != 7 {
			f.t.Errorf("after the last item: %d items, hasNextPage %v, total %d; want 0, false, 7", len(l.Items), l.HasNextPage, l.TotalCount)
		}
	}},
	{"Page/DefaultSize", func(f *fixture) {
		recs := make([]netgraph.Record, netgraph.DefaultPageSize+5)
		for i := range recs {
			recs[i].Person = &netgraph.Person{ID: fmt.Sprintf("per_%04d", i), Name: fmt.Sprintf("Person %d", i)}
		}
		if err := f.s.Import(f.ctx, recs); err != nil {
			f.t.Fatal(err)
		}
		l := f.people(netgraph.PersonFilter{}, netgraph.Page{})
		if len(l.Items) != netgraph.DefaultPageSize || !l.HasNextPage || l.TotalCount != len(recs) {
			f.t.Errorf("first page: %d items, hasNextPage %v, total %d; want %d, true, %d",
				len(l.Items), l.HasNextPage, l.TotalCount, netgraph.DefaultPageSize, len(recs))
		}
	}},
	{"Page/AfterDeleted", func(f *fixture) {
		f.person("A")
		b, c := f.person("B"), f.person("C")
		f.person("D")
		if err := f.s.DeletePerson(f.ctx, b.ID); err != nil {
			f.t.Fatal(err)
		}
		l := f.people(netgraph.PersonFilter{}, netgraph.Page{First: 1, After: b.ID})
		if join(ids(l.Items)) != join([]string{c.ID}) || !l.HasNextPage || l.TotalCount != 3 {
			f.t.Errorf("after a deleted cursor: %v, more %v, total %d; want [C], true, 3", ids(l.Items), l.HasNextPage, l.TotalCount)
		}
	}},
	{"Page/Filtered", func(f *fixture) {
		trust := f.org("Trust")
		var want []string
		for i := range 9 {
			p := f.person(fmt.Sprintf("Person %d", i))
			if i%2 == 0 {
				f.affiliate(p.ID, trust.ID, "")
				want = append(want, p.ID)
			}
		}
		flt := netgraph.PersonFilter{OrganisationID: trust.ID}
		if l := f.people(flt, netgraph.Page{First: 2}); l.TotalCount != 5 || !l.HasNextPage {
			f.t.Errorf("first filtered page: total %d, more %v; want 5, true", l.TotalCount, l.HasNextPage)
		}
		if got := f.pageThrough(flt, 2, nil); join(got) != join(want) {
			f.t.Errorf("pages of an organisation's people:\ngot  %v\nwant %v", got, want)
		}
		flt = netgraph.PersonFilter{NameContains: "person", OrganisationID: trust.ID}
		if got := f.pageThrough(flt, 2, nil); join(got) != join(want) {
			f.t.Errorf("pages of an organisation's people filtered by name:\ngot  %v\nwant %v", got, want)
		}
		flt = netgraph.PersonFilter{NameContains: "person"}
		if l := f.people(flt, netgraph.Page{First: 4, After: want[1]}); l.TotalCount != 9 || len(l.Items) != 4 || !l.HasNextPage {
			f.t.Errorf("page filtered by name: %d items, total %d, more %v; want 4, 9, true", len(l.Items), l.TotalCount, l.HasNextPage)
		}
	}},
	{"Page/OrganisationsAndNetworks", func(f *fixture) {
		o1, o2, o3 := f.org("A"), f.org("B"), f.org("C")
		l, err := f.s.Organisations(f.ctx, netgraph.OrganisationFilter{}, netgraph.Page{First: 2, After: o1.ID})
		if err != nil || join(ids(l.Items)) != join(ids([]*netgraph.Organisation{o2, o3})) || l.HasNextPage || l.TotalCount != 3 {
			f.t.Errorf("organisations after the first: %s, %v", show(l), err)
		}
		n1, n2 := f.network("A"), f.network("B")
		f.network("C")
		ln, err := f.s.Networks(f.ctx, netgraph.NetworkFilter{}, netgraph.Page{First: 1, After: n1.ID})
		if err != nil || join(ids(ln.Items)) != join(ids([]*netgraph.Network{n2})) || !ln.HasNextPage || ln.TotalCount != 3 {
			f.t.Errorf("networks after the first: %s, %v", show(ln), err)
		}
	}},
	{"Page/InsertWhilePaging", func(f *fixture) {
		var existing []string
		for i := range 12 {
			existing = append(existing, f.person(fmt.Sprintf("Person %d", i)).ID)
		}
		inserted := 0
		got := f.pageThrough(netgraph.PersonFilter{}, 5, func() {
			for range 2 {
				f.person(fmt.Sprintf("New %d", inserted))
				inserted++
			}
			// One imported with an id that sorts before everything.
			if err := f.s.Import(f.ctx, []netgraph.Record{{Person: &netgraph.Person{
				ID: fmt.Sprintf("per_0%03d", inserted), Name: "Early"}}}); err != nil {
				f.t.Fatal(err)
			}
		})
		seen := make(map[string]int)
		for _, id := range got {
			seen[id]++
			if seen[id] > 1 {
				f.t.Errorf("%s listed twice", id)
			}
		}
		for _, id := range existing {
			if seen[id] != 1 {
				f.t.Errorf("existing %s listed %d times; want once", id, seen[id])
			}
		}
		if !slices.IsSorted(got) {
			f.t.Errorf("pages not in id order: %v", got)
		}
	}},
}
