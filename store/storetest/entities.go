package storetest

import (
	"errors"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
)

// entityKind adapts one of the three entity types (people, organisations,
// networks) to the rules they share: create, get, batch get, list, update,
// delete and idempotent create by external id.
type entityKind[T interface {
	*netgraph.Person | *netgraph.Organisation | *netgraph.Network
}] struct {
	name   string // "Person"
	prefix string // id prefix
	create func(f *fixture, name, externalID string) (T, error)
	get    func(f *fixture, id string) (T, error)
	byExt  func(f *fixture, externalID string) (T, error)
	byID   func(f *fixture, ids []string) ([]T, error)
	list   func(f *fixture, p netgraph.Page) (*netgraph.List[T], error)
	rename func(f *fixture, id, name string) (T, error)
	del    func(f *fixture, id string) error
	// fields returns the id, external id, name and timestamps.
	fields func(T) (id, externalID, name string, created, updated time.Time)
}

func (k entityKind[T]) id(v T) string {
	id, _, _, _, _ := k.fields(v)
	return id
}

var personKind = entityKind[*netgraph.Person]{
	name:   "Person",
	prefix: netgraph.PersonIDPrefix,
	create: func(f *fixture, name, ext string) (*netgraph.Person, error) {
		return f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: name, ExternalID: ext})
	},
	get:   func(f *fixture, id string) (*netgraph.Person, error) { return f.s.Person(f.ctx, id) },
	byExt: func(f *fixture, ext string) (*netgraph.Person, error) { return f.s.PersonByExternalID(f.ctx, ext) },
	byID:  func(f *fixture, ids []string) ([]*netgraph.Person, error) { return f.s.PeopleByID(f.ctx, ids) },
	list: func(f *fixture, p netgraph.Page) (*netgraph.List[*netgraph.Person], error) {
		return f.s.People(f.ctx, netgraph.PersonFilter{}, p)
	},
	rename: func(f *fixture, id, name string) (*netgraph.Person, error) {
		return f.s.UpdatePerson(f.ctx, id, netgraph.PersonUpdate{Name: &name})
	},
	del: func(f *fixture, id string) error { return f.s.DeletePerson(f.ctx, id) },
	fields: func(p *netgraph.Person) (string, string, string, time.Time, time.Time) {
		return p.ID, p.ExternalID, p.Name, p.CreatedAt, p.UpdatedAt
	},
}

var organisationKind = entityKind[*netgraph.Organisation]{
	name:   "Organisation",
	prefix: netgraph.OrganisationIDPrefix,
	create: func(f *fixture, name, ext string) (*netgraph.Organisation, error) {
		return f.s.CreateOrganisation(f.ctx, netgraph.OrganisationCreate{Name: name, ExternalID: ext})
	},
	get: func(f *fixture, id string) (*netgraph.Organisation, error) { return f.s.Organisation(f.ctx, id) },
	byExt: func(f *fixture, ext string) (*netgraph.Organisation, error) {
		return f.s.OrganisationByExternalID(f.ctx, ext)
	},
	byID: func(f *fixture, ids []string) ([]*netgraph.Organisation, error) {
		return f.s.OrganisationsByID(f.ctx, ids)
	},
	list: func(f *fixture, p netgraph.Page) (*netgraph.List[*netgraph.Organisation], error) {
		return f.s.Organisations(f.ctx, netgraph.OrganisationFilter{}, p)
	},
	rename: func(f *fixture, id, name string) (*netgraph.Organisation, error) {
		return f.s.UpdateOrganisation(f.ctx, id, netgraph.OrganisationUpdate{Name: &name})
	},
	del: func(f *fixture, id string) error { return f.s.DeleteOrganisation(f.ctx, id) },
	fields: func(o *netgraph.Organisation) (string, string, string, time.Time, time.Time) {
		return o.ID, o.ExternalID, o.Name, o.CreatedAt, o.UpdatedAt
	},
}

var networkKind = entityKind[*netgraph.Network]{
	name:   "Network",
	prefix: netgraph.NetworkIDPrefix,
	create: func(f *fixture, name, ext string) (*netgraph.Network, error) {
		return f.s.CreateNetwork(f.ctx, netgraph.NetworkCreate{Name: name, ExternalID: ext, Type: netgraph.NetworkAdvocacy})
	},
	get:   func(f *fixture, id string) (*netgraph.Network, error) { return f.s.Network(f.ctx, id) },
	byExt: func(f *fixture, ext string) (*netgraph.Network, error) { return f.s.NetworkByExternalID(f.ctx, ext) },
	byID:  func(f *fixture, ids []string) ([]*netgraph.Network, error) { return f.s.NetworksByID(f.ctx, ids) },
	list: func(f *fixture, p netgraph.Page) (*netgraph.List[*netgraph.Network], error) {
		return f.s.Networks(f.ctx, netgraph.NetworkFilter{}, p)
	},
	rename: func(f *fixture, id, name string) (*netgraph.Network, error) {
		return f.s.UpdateNetwork(f.ctx, id, netgraph.NetworkUpdate{Name: &name})
	},
	del: func(f *fixture, id string) error { return f.s.DeleteNetwork(f.ctx, id) },
	fields: func(n *netgraph.Network) (string, string, string, time.Time, time.Time) {
		return n.ID, n.ExternalID, n.Name, n.CreatedAt, n.UpdatedAt
	},
}

// entityTests returns the rules every entity type follows.
func entityTests[T interface {
	*netgraph.Person | *netgraph.Organisation | *netgraph.Network
}](k entityKind[T]) []test {
	mustCreate := func(f *fixture, name, ext string) T {
		f.t.Helper()
		v, err := k.create(f, name, ext)
		if err != nil {
			f.t.Fatalf("create %s %q: %v", k.name, name, err)
		}
		return v
	}
	listAll := func(f *fixture) *netgraph.List[T] {
		f.t.Helper()
		l, err := k.list(f, netgraph.Page{First: netgraph.MaxPageSize})
		if err != nil {
			f.t.Fatalf("list %s: %v", k.name, err)
		}
		return l
	}
	return []test{
		{k.name + "/Create", func(f *fixture) {
			v := mustCreate(f, " Alpha ", "ext-1")
			id, ext, name, created, updated := k.fields(v)
			if !strings.HasPrefix(id, k.prefix) || len(id) <= len(k.prefix) {
				f.t.Errorf("id %q: want prefix %q", id, k.prefix)
			}
			if ext != "ext-1" || name != "Alpha" {
				f.t.Errorf("externalId %q, name %q: want ext-1, Alpha (trimmed)", ext, name)
			}
			if created.IsZero() || !updated.Equal(created) {
				f.t.Errorf("createdAt %v, updatedAt %v: want a creation time, updatedAt equal to it", created, updated)
			}
			got, err := k.get(f, id)
			if err != nil {
				f.t.Fatalf("get: %v", err)
			}
			f.equal(got, v, "read back")
		}},
		{k.name + "/IDsAreUnique", func(f *fixture) {
			a, b := mustCreate(f, "Same", ""), mustCreate(f, "Same", "")
			if k.id(a) == k.id(b) {
				f.t.Errorf("two creations got the same id %s", k.id(a))
			}
		}},
		{k.name + "/GetUnknown", func(f *fixture) {
			mustCreate(f, "Alpha", "")
			_, err := k.get(f, k.prefix+"UNKNOWN")
			f.wantErr(err, netgraph.ENOTFOUND, "get unknown id")
		}},
		{k.name + "/ByIDAligned", func(f *fixture) {
			a, b := mustCreate(f, "Alpha", ""), mustCreate(f, "Beta", "")
			got, err := k.byID(f, []string{k.id(b), k.prefix + "UNKNOWN", k.id(a), k.id(b), ""})
			if err != nil {
				f.t.Fatal(err)
			}
			f.equal(got, []T{b, nil, a, b, nil}, "batch get")
			if got, err := k.byID(f, nil); err != nil || len(got) != 0 {
				f.t.Errorf("batch get of no ids: %v, %v; want none", got, err)
			}
		}},
		{k.name + "/ListInCreationOrder", func(f *fixture) {
			var want []T
			for _, n := range []string{"Charlie", "Alpha", "Bravo"} {
				want = append(want, mustCreate(f, n, ""))
			}
			l := listAll(f)
			f.equal(l.Items, want, "list")
			if l.TotalCount != 3 || l.HasNextPage {
				f.t.Errorf("totalCount %d, hasNextPage %v; want 3, false", l.TotalCount, l.HasNextPage)
			}
		}},
		{k.name + "/Update", func(f *fixture) {
			v := mustCreate(f, "Alpha", "ext-1")
			id, _, _, created, _ := k.fields(v)
			u, err := k.rename(f, id, " Omega ")
			if err != nil {
				f.t.Fatalf("update: %v", err)
			}
			uid, ext, name, ucreated, updated := k.fields(u)
			if uid != id || ext != "ext-1" || name != "Omega" || !ucreated.Equal(created) || updated.Before(created) {
				f.t.Errorf("updated: id %s, externalId %q, name %q, createdAt %v, updatedAt %v; "+
					"want %s, ext-1, Omega, %v, not before it", uid, ext, name, ucreated, updated, id, created)
			}
			got, err := k.get(f, id)
			if err != nil {
				f.t.Fatal(err)
			}
			f.equal(got, u, "read back after update")
		}},
		{k.name + "/UpdateUnknown", func(f *fixture) {
			mustCreate(f, "Alpha", "")
			before := f.state()
			_, err := k.rename(f, k.prefix+"UNKNOWN", "Omega")
			f.wantErr(err, netgraph.ENOTFOUND, "update unknown id")
			f.unchanged(before, "failed update")
		}},
		{k.name + "/UpdateInvalid", func(f *fixture) {
			v := mustCreate(f, "Alpha", "")
			before := f.state()
			_, err := k.rename(f, k.id(v), "  ")
			f.wantCode(err, netgraph.EINVALID, "name", "update with an empty name")
			f.unchanged(before, "invalid update")
		}},
		{k.name + "/Delete", func(f *fixture) {
			a, b := mustCreate(f, "Alpha", ""), mustCreate(f, "Beta", "")
			ida := k.id(a)
			if err := k.del(f, ida); err != nil {
				f.t.Fatalf("delete: %v", err)
			}
			_, err := k.get(f, ida)
			f.wantErr(err, netgraph.ENOTFOUND, "get after delete")
			if got, err := k.byID(f, []string{ida}); err != nil || len(got) != 1 || got[0] != nil {
				f.t.Errorf("batch get after delete: %v, %v; want [nil]", show(got), err)
			}
			f.equal(listAll(f).Items, []T{b}, "list after delete")
			before := f.state()
			f.wantErr(k.del(f, ida), netgraph.ENOTFOUND, "second delete")
			f.unchanged(before, "failed delete")
		}},
		{k.name + "/ExternalIDIdempotent", func(f *fixture) {
			a := mustCreate(f, "Alpha", "ext-1")
			before := f.state()
			again, err := k.create(f, "Another name", "ext-1")
			if err != nil {
				f.t.Fatalf("second create with the same external id: %v", err)
			}
			f.equal(again, a, "second create with the same external id returns the first, unchanged")
			f.unchanged(before, "idempotent create")
			other := mustCreate(f, "Alpha", "ext-2")
			if k.id(a) == k.id(other) {
				f.t.Errorf("another external id returned the same %s", k.id(a))
			}
			if n := listAll(f).TotalCount; n != 2 {
				f.t.Errorf("totalCount %d; want 2", n)
			}
		}},
		{k.name + "/ByExternalID", func(f *fixture) {
			a := mustCreate(f, "Alpha", "crm-17")
			mustCreate(f, "Beta", "crm-18")
			mustCreate(f, "Gamma", "")
			got, err := k.byExt(f, "crm-17")
			if err != nil {
				f.t.Fatalf("by external id: %v", err)
			}
			f.equal(got, a, "by external id")
			_, err = k.byExt(f, "crm-99")
			f.wantErr(err, netgraph.ENOTFOUND, "unknown external id")
			if e := (*netgraph.Error)(nil); errors.As(err, &e) && e.Field != "externalId" {
				f.t.Errorf("unknown external id: field %q; want externalId", e.Field)
			}
			_, err = k.byExt(f, "")
			f.wantErr(err, netgraph.ENOTFOUND, "empty external id (the entity without one)")
			if err := k.del(f, k.id(a)); err != nil {
				f.t.Fatal(err)
			}
			_, err = k.byExt(f, "crm-17")
			f.wantErr(err, netgraph.ENOTFOUND, "external id of a deleted entity")
		}},
		{k.name + "/ExternalIDFreedByDelete", func(f *fixture) {
			a := mustCreate(f, "Alpha", "ext-1")
			if err := k.del(f, k.id(a)); err != nil {
				f.t.Fatal(err)
			}
			b := mustCreate(f, "Beta", "ext-1")
			if idb, _, name, _, _ := k.fields(b); idb == k.id(a) || name != "Beta" {
				f.t.Errorf("create after delete with the same external id: got %s %q; want a new Beta", idb, name)
			}
		}},
		{k.name + "/ReturnsCopies", func(f *fixture) {
			a := mustCreate(f, "Alpha", "")
			ida := k.id(a)
			want := norm(a)
			scribble := func(v T) {
				switch v := any(v).(type) {
				case *netgraph.Person:
					v.Name = "Scribbled"
				case *netgraph.Organisation:
					v.Name = "Scribbled"
				case *netgraph.Network:
					v.Name = "Scribbled"
				}
			}
			scribble(a)
			got, _ := k.get(f, ida)
			scribble(got)
			l := listAll(f)
			for _, v := range l.Items {
				scribble(v)
			}
			got, err := k.get(f, ida)
			if err != nil {
				f.t.Fatal(err)
			}
			f.equal(got, want, "read after callers changed returned values")
		}},
	}
}

// personTests are the rules particular to people.
var personTests = []test{
	{"Person/Normalised", func(f *fixture) {
		p := f.person(" Ann  Lee ", func(c *netgraph.PersonCreate) {
			c.Email = "Ann.Lee@NHS.net"
			c.Title = " Ward manager "
			c.Profession = "Nursing"
			c.Region = "North West"
			c.Interests = []string{"Diabetes", " diabetes", "", "Falls"}
		})
		want := &netgraph.Person{ID: p.ID, Name: "Ann  Lee", Email: "ann.lee@nhs.net", Title: "Ward manager",
			Profession: "Nursing", Region: "North West", Interests: []string{"Diabetes", "Falls"}, Consent: true,
			CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
		f.equal(p, want, "created person")
		got, err := f.s.Person(f.ctx, p.ID)
		if err != nil {
			f.t.Fatal(err)
		}
		f.equal(got, want, "read back")
	}},
	{"Person/ConsentFalse", func(f *fixture) {
		p := f.person("Ann", func(c *netgraph.PersonCreate) { c.Consent = ptr(false) })
		got, err := f.s.Person(f.ctx, p.ID)
		if err != nil || got.Consent || p.Consent {
			f.t.Errorf("consent: created %v, read %v (%v); want false", p.Consent, got, err)
		}
	}},
	{"Person/UpdateKeepsOtherFields", func(f *fixture) {
		p := f.person("Ann", func(c *netgraph.PersonCreate) {
			c.Email = "ann@x.org"
			c.Region = "North"
			c.Interests = []string{"Falls"}
		})
		u, err := f.s.UpdatePerson(f.ctx, p.ID, netgraph.PersonUpdate{Title: ptr("Lead"),
			Interests: &[]string{"Sepsis", "sepsis"}, Consent: ptr(false)})
		if err != nil {
			f.t.Fatal(err)
		}
		want := *p
		want.Title, want.Interests, want.Consent, want.UpdatedAt = "Lead", []string{"Sepsis"}, false, u.UpdatedAt
		f.equal(u, &want, "updated person")
		got, _ := f.s.Person(f.ctx, p.ID)
		f.equal(got, &want, "read back")
	}},
	{"Person/InterestsAreCopies", func(f *fixture) {
		p := f.person("Ann", func(c *netgraph.PersonCreate) { c.Interests = []string{"Falls", "Sepsis"} })
		p.Interests[0] = "Scribbled"
		got, _ := f.s.Person(f.ctx, p.ID)
		got.Interests[1] = "Scribbled"
		l, _ := f.s.People(f.ctx, netgraph.PersonFilter{}, netgraph.Page{})
		l.Items[0].Interests[0] = "Scribbled"
		batch, _ := f.s.PeopleByID(f.ctx, []string{p.ID})
		batch[0].Interests[0] = "Scribbled"
		got, _ = f.s.Person(f.ctx, p.ID)
		if join(got.Interests) != "[Falls Sepsis]" {
			f.t.Errorf("interests after callers changed returned slices: %v", got.Interests)
		}
	}},
}

var organisationTests = []test{
	{"Organisation/Fields", func(f *fixture) {
		o := f.org("Trust", func(c *netgraph.OrganisationCreate) {
			c.Sector = netgraph.SectorNHSTrust
			c.Region = " London "
		})
		if o.Sector != netgraph.SectorNHSTrust || o.Region != "London" {
			f.t.Errorf("created %s", show(o))
		}
		d := f.org("Other")
		if d.Sector != netgraph.SectorOther {
			f.t.Errorf("default sector %q; want OTHER", d.Sector)
		}
		u, err := f.s.UpdateOrganisation(f.ctx, o.ID, netgraph.OrganisationUpdate{Sector: ptr(netgraph.SectorCharity)})
		if err != nil || u.Sector != netgraph.SectorCharity || u.Name != "Trust" || u.Region != "London" {
			f.t.Errorf("update sector: %s, %v", show(u), err)
		}
		got, _ := f.s.Organisation(f.ctx, o.ID)
		f.equal(got, u, "read back")
	}},
}

var networkTests = []test{
	{"Network/Fields", func(f *fixture) {
		n := f.network("Stroke network", func(c *netgraph.NetworkCreate) {
			c.Type = netgraph.NetworkClinicalOperational
			c.Purpose = "Faster thrombolysis"
			c.Region = "North"
			c.Specialty = "Stroke"
		})
		want := &netgraph.Network{ID: n.ID, Name: "Stroke network", Type: netgraph.NetworkClinicalOperational,
			Purpose: "Faster thrombolysis", Region: "North", Specialty: "Stroke", CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt,
			MembershipPolicy: netgraph.DefaultMembershipPolicy, Status: netgraph.DefaultNetworkStatus}
		f.equal(n, want, "created network")
		u, err := f.s.UpdateNetwork(f.ctx, n.ID, netgraph.NetworkUpdate{Specialty: ptr("Neurology"), Type: ptr(netgraph.NetworkLearning)})
		if err != nil {
			f.t.Fatal(err)
		}
		want.Specialty, want.Type, want.UpdatedAt = "Neurology", netgraph.NetworkLearning, u.UpdatedAt
		f.equal(u, want, "updated network")
		got, _ := f.s.Network(f.ctx, n.ID)
		f.equal(got, want, "read back")
	}},
	{"Network/Profile", func(f *fixture) {
		host := f.org("Northern Care Alliance")
		review := time.Date(2027, 4, 1, 0, 0, 0, 0, time.FixedZone("BST", 3600))
		n := f.network("Diabetes network", func(c *netgraph.NetworkCreate) {
			c.Type = netgraph.NetworkManagedClinical
			c.Aims = "Equal access to structured education"
			c.HostOrganisationID = host.ID
			c.ContactName, c.ContactEmail = "Network office", "office@diabetes.example.org"
			c.MembershipPolicy, c.Status = netgraph.PolicyOpen, netgraph.StatusDormant
			c.Website = "https://diabetes.example.org/"
			c.TermsOfReference = &netgraph.Document{Title: "Terms of reference", Link: "https://diabetes.example.org/tor.pdf",
				ReviewDate: &review}
			c.Memorandum = &netgraph.Document{Title: "Memorandum of understanding"}
		})
		reviewUTC := review.UTC()
		want := *n
		want.TermsOfReference = &netgraph.Document{Title: "Terms of reference", Link: "https://diabetes.example.org/tor.pdf",
			ReviewDate: &reviewUTC}
		want.Memorandum = &netgraph.Document{Title: "Memorandum of understanding"}
		if n.Aims == "" || n.HostOrganisationID != host.ID || n.ContactEmail != "office@diabetes.example.org" ||
			n.MembershipPolicy != netgraph.PolicyOpen || n.Status != netgraph.StatusDormant {
			f.t.Errorf("created network %s; want its profile", show(n))
		}
		f.equal(n, &want, "created network")
		got, _ := f.s.Network(f.ctx, n.ID)
		f.equal(got, &want, "read back")

		// An update changes what it names, and an empty document removes one.
		u, err := f.s.UpdateNetwork(f.ctx, n.ID, netgraph.NetworkUpdate{Status: ptr(netgraph.StatusClosed),
			Memorandum: &netgraph.Document{}, ContactEmail: ptr("")})
		if err != nil {
			f.t.Fatal(err)
		}
		want.Status, want.Memorandum, want.ContactEmail, want.UpdatedAt = netgraph.StatusClosed, nil, "", u.UpdatedAt
		f.equal(u, &want, "updated network")
		got, _ = f.s.Network(f.ctx, n.ID)
		f.equal(got, &want, "read back after update")
		_, err = f.s.UpdateNetwork(f.ctx, n.ID, netgraph.NetworkUpdate{Website: ptr("javascript:alert(1)")})
		if netgraph.ErrorCode(err) != netgraph.EINVALID || netgraph.ErrorField(err) != "website" {
			f.t.Errorf("website javascript:…: %v; want EINVALID on website", err)
		}
	}},
}
