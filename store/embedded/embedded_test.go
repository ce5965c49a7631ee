package embedded_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
	"github.com/netgraph/netgraph/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) netgraph.Store {
		return embeddedtest.MustOpenTemp(t)
	})
}

// TestClock checks that creation and update times come from the clock option.
func TestClock(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	s := embeddedtest.MustOpenTemp(t, embedded.WithClock(func() time.Time { return now }))
	p, err := s.CreatePerson(t.Context(), netgraph.PersonCreate{Name: "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	u, err := s.UpdatePerson(t.Context(), p.ID, netgraph.PersonUpdate{Title: new("Lead")})
	if err != nil {
		t.Fatal(err)
	}
	if !p.CreatedAt.Equal(now.Add(-time.Hour)) || !u.UpdatedAt.Equal(now) || !u.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("created %v, updated %v; want the clock's times", u.CreatedAt, u.UpdatedAt)
	}
}

// graphOf returns everything a reader sees of s: the graph and each person's
// relations as the batch reads return them.
func graphOf(t *testing.T, s netgraph.Store) (recs []netgraph.Record, version uint64, ties [][]netgraph.Tie, affs [][]netgraph.Affiliation) {
	t.Helper()
	var ids []string
	version, err := s.ReadGraph(t.Context(), func(r netgraph.Record) error {
		recs = append(recs, r)
		if r.Person != nil {
			ids = append(ids, r.Person.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if ties, err = s.TiesByPerson(t.Context(), ids); err != nil {
		t.Fatal(err)
	}
	if affs, err = s.AffiliationsByPerson(t.Context(), ids); err != nil {
		t.Fatal(err)
	}
	return recs, version, ties, affs
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var people []*netgraph.Person
	for _, name := range []string{"Ann", "Bob", "Cat", "Dan", "Eve"} {
		p, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: name, ExternalID: "ext-" + name, Interests: []string{"Falls"}})
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
	}
	org, _ := s.CreateOrganisation(ctx, netgraph.OrganisationCreate{Name: "Trust"})
	// Ties made in both directions, so that reloading has to rebuild each
	// person's list in order from both ends.
	for i, a := range people {
		for j, b := range people {
			if i != j && (i+j)%2 == 1 {
				if _, err := s.Connect(ctx, netgraph.TieCreate{From: a.ID, To: b.ID, Kind: netgraph.TieKinds[(i*j)%4]}); err != nil &&
					netgraph.ErrorCode(err) != netgraph.ECONFLICT {
					t.Fatal(err)
				}
			}
		}
		if _, err := s.AddAffiliation(ctx, netgraph.Affiliation{PersonID: a.ID, OrganisationID: org.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeletePerson(ctx, people[2].ID); err != nil {
		t.Fatal(err)
	}
	recs, version, ties, affs := graphOf(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Person(ctx, people[0].ID); netgraph.ErrorCode(err) != netgraph.EUNAVAILABLE {
		t.Errorf("read after close: %v; want EUNAVAILABLE", err)
	}

	s2 := embeddedtest.MustOpen(t, path)
	recs2, version2, ties2, affs2 := graphOf(t, s2)
	if version2 != version || !reflect.DeepEqual(recs2, recs) {
		t.Errorf("after reopening: version %d, %d records; want %d, %d records equal to before", version2, len(recs2), version, len(recs))
	}
	if !reflect.DeepEqual(ties2, ties) || !reflect.DeepEqual(affs2, affs) {
		t.Errorf("after reopening, people's ties or affiliations differ:\n%v\n%v", ties2, ties)
	}
	p, err := s2.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ann again", ExternalID: "ext-Ann"})
	if err != nil || p.ID != people[0].ID {
		t.Errorf("external id index after reopening: got %v, %v; want %s", p, err, people[0].ID)
	}
	got, err := s2.Person(ctx, people[0].ID)
	if err != nil || !reflect.DeepEqual(got, people[0]) {
		t.Errorf("person after reopening:\ngot  %+v\nwant %+v", got, people[0])
	}
}

func TestSecondOpenFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	embeddedtest.MustOpen(t, path)
	start := time.Now()
	s, err := embedded.Open(path) // the default lock timeout, one second
	if err == nil {
		s.Close()
		t.Fatal("second Open of the same file succeeded")
	}
	if !errors.Is(err, embedded.ErrLocked) {
		t.Errorf("second Open: %v; want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("second Open took %s; want about a second", d)
	}
	t.Log(err)
}

func TestOpenRejectsOtherSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "netgraph.db")
	s := embeddedtest.MustOpen(t, path)
	if err := embedded.SetSchemaVersion(s, 99); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := embedded.Open(path); err == nil {
		s.Close()
		t.Fatal("opened a file with an unknown schema version")
	} else {
		t.Log(err)
	}
}
