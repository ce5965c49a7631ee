package neo4jstore

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

// These tests run the transaction functions against scripted results: which
// statements run, in what order, with which parameters, and what the domain
// sees of their results. They do not show that the Cypher does what the
// scripts pretend; the contract suite on a real Neo4j does.

func wantParams(want map[string]any) func(*testing.T, map[string]any) {
	return func(t *testing.T, got map[string]any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("params:\ngot  %#v\nwant %#v", got, want)
		}
	}
}

func versionRecord(v int64) []*neo4j.Record { return []*neo4j.Record{record("version", v)} }

func TestVersioned(t *testing.T) {
	ctx := context.Background()
	work := func(changed bool, err error) writeWork[string] {
		return func(ctx context.Context, tx neo4j.ManagedTransaction) (string, bool, error) {
			_, _ = run(ctx, tx, qMetaVersion, nil)
			return "done", changed, err
		}
	}
	entry := &netgraph.AuditEntry{ID: "aud_1", At: at(2025, 3, 1).UTC(), Subject: "key:ops", Role: netgraph.RoleAdmin,
		Operation: netgraph.OpDeletePerson, IDs: []string{"per_1"}}
	t.Run("Changed", func(t *testing.T) {
		tx := newTx(t, call{stmt: "meta_lock", recs: versionRecord(4)}, call{stmt: "meta_version"},
			call{stmt: "audit_create", params: wantParams(auditParams(entry))},
			call{stmt: "meta_bump", recs: versionRecord(5)})
		if out, err := versioned(ctx, entry, work(true, nil))(tx); out != "done" || err != nil {
			t.Errorf("got %v, %v", out, err)
		}
	})
	t.Run("Unchanged", func(t *testing.T) {
		tx := newTx(t, call{stmt: "meta_lock", recs: versionRecord(4)}, call{stmt: "meta_version"})
		if _, err := versioned(ctx, entry, work(false, nil))(tx); err != nil {
			t.Error(err)
		}
	})
	t.Run("Failed", func(t *testing.T) {
		tx := newTx(t, call{stmt: "meta_lock", recs: versionRecord(4)}, call{stmt: "meta_version"})
		want := netgraph.Errorf(netgraph.ECONFLICT, "taken")
		if _, err := versioned(ctx, entry, work(true, want))(tx); err != want {
			t.Errorf("got %v; want the work's error, and no audit entry or bump", err)
		}
	})
	t.Run("LockFails", func(t *testing.T) {
		down := &neo4j.ConnectivityError{Inner: errors.New("EOF")}
		tx := newTx(t, call{stmt: "meta_lock", err: down})
		if _, err := versioned(ctx, entry, work(true, nil))(tx); err != down {
			t.Errorf("got %v; want the driver's error as it is, so the driver can retry", err)
		}
	})
	t.Run("AuditFails", func(t *testing.T) {
		down := &neo4j.ConnectivityError{Inner: errors.New("EOF")}
		tx := newTx(t, call{stmt: "meta_lock", recs: versionRecord(4)}, call{stmt: "meta_version"},
			call{stmt: "audit_create", err: down})
		if _, err := versioned(ctx, entry, work(true, nil))(tx); err != down {
			t.Errorf("got %v; want the driver's error, so that the change rolls back with its entry", err)
		}
	})
	t.Run("ChangeWithoutEntry", func(t *testing.T) {
		tx := newTx(t, call{stmt: "meta_lock", recs: versionRecord(4)}, call{stmt: "meta_version"})
		if _, err := versioned(ctx, nil, work(true, nil))(tx); err == nil {
			t.Error("a change with no audit entry committed; want an error, so that it rolls back")
		}
	})
}

func person(id, ext, name string) *netgraph.Person {
	return &netgraph.Person{ID: id, ExternalID: ext, Name: name, Interests: []string{}, Consent: true,
		CreatedAt: at(2024, 5, 1).UTC(), UpdatedAt: at(2024, 5, 1).UTC()}
}

func personRecord(p *netgraph.Person) []*neo4j.Record {
	return []*neo4j.Record{record("person", storedNode("Person", personProps(p)))}
}

func TestCreateEntity(t *testing.T) {
	ctx := context.Background()
	t.Run("New", func(t *testing.T) {
		p := person("per_1", "", "Ann")
		tx := newTx(t, call{stmt: "person_create", params: wantParams(map[string]any{"id": "per_1", "props": personProps(p)}),
			recs: personRecord(p)})
		got, changed, err := createEntity(people, p)(ctx, tx)
		if err != nil || !changed || !reflect.DeepEqual(got, p) {
			t.Errorf("got %#v, changed %v, %v", got, changed, err)
		}
	})
	t.Run("ExternalIDTaken", func(t *testing.T) {
		existing := person("per_0", "ext-1", "Ann")
		tx := newTx(t, call{stmt: "person_by_external_id", params: wantParams(map[string]any{"externalId": "ext-1"}),
			recs: personRecord(existing)})
		got, changed, err := createEntity(people, person("per_1", "ext-1", "Another"))(ctx, tx)
		if err != nil || changed || got.ID != "per_0" || got.Name != "Ann" {
			t.Errorf("got %#v, changed %v, %v; want the existing person, unchanged", got, changed, err)
		}
	})
	t.Run("ExternalIDFree", func(t *testing.T) {
		p := person("per_1", "ext-1", "Ann")
		tx := newTx(t, call{stmt: "person_by_external_id"}, call{stmt: "person_create", recs: personRecord(p)})
		if _, changed, err := createEntity(people, p)(ctx, tx); err != nil || !changed {
			t.Errorf("changed %v, %v", changed, err)
		}
	})
}

func TestGetEntities(t *testing.T) {
	ctx := context.Background()
	a, b := person("per_A", "", "Ann"), person("per_B", "", "Bob")
	tx := newTx(t, call{stmt: "people_by_id", params: wantParams(map[string]any{"ids": []string{"per_X"}})})
	if _, err := getEntity(people, "per_X")(ctx, tx); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
		t.Errorf("unknown id: %v; want ENOTFOUND", err)
	}
	ids := []string{"per_B", "per_X", "per_A", "per_B"}
	tx = newTx(t, call{stmt: "people_by_id", params: wantParams(map[string]any{"ids": []string{"per_B", "per_X", "per_A"}}),
		recs: append(personRecord(a), personRecord(b)...)})
	got, err := entitiesByID(people, ids)(ctx, tx)
	if err != nil || !reflect.DeepEqual(got, []*netgraph.Person{b, nil, a, b}) {
		t.Errorf("by id: %v, %v; want aligned with ids", got, err)
	}
	if got, err := entitiesByID(people, nil)(ctx, newTx(t)); err != nil || len(got) != 0 {
		t.Errorf("no ids: %v, %v; want none, and no statement", got, err)
	}
}

func TestListEntities(t *testing.T) {
	ctx := context.Background()
	var nodes []any
	var want []*netgraph.Person
	for _, id := range []string{"per_1", "per_2", "per_3"} {
		p := person(id, "", "P")
		want = append(want, p)
		nodes = append(nodes, storedNode("Person", personProps(p)))
	}
	tx := newTx(t, call{stmt: "people_list",
		params: wantParams(map[string]any{"region": "north", "after": "per_0", "limit": int64(3)}),
		recs:   []*neo4j.Record{record("total", int64(9), "page", nodes)}})
	l, err := listEntities(people, map[string]any{"region": optLower("North")}, netgraph.Page{First: 2, After: "per_0"})(ctx, tx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l.Items, want[:2]) || !l.HasNextPage || l.TotalCount != 9 {
		t.Errorf("got %d items, more %v, total %d; want the first 2, true, 9", len(l.Items), l.HasNextPage, l.TotalCount)
	}
	// Without a filter, the statement that counts from the count store.
	tx = newTx(t, call{stmt: "people_list_all", recs: []*neo4j.Record{record("total", int64(2), "page", nodes[:2])}})
	l, _ = listEntities(people, map[string]any{"region": nil}, netgraph.Page{First: 2})(ctx, tx)
	if len(l.Items) != 2 || l.HasNextPage {
		t.Errorf("an exact page: %d items, more %v; want 2, false", len(l.Items), l.HasNextPage)
	}
}

func TestUpdateEntity(t *testing.T) {
	ctx := context.Background()
	cur := person("per_1", "ext", "Ann")
	rename := func(name string) func(*netgraph.Person) (*netgraph.Person, error) {
		return func(p *netgraph.Person) (*netgraph.Person, error) {
			return netgraph.PersonUpdate{Name: &name}.Apply(p, at(2024, 6, 1))
		}
	}
	t.Run("Unknown", func(t *testing.T) {
		tx := newTx(t, call{stmt: "people_by_id"})
		_, changed, err := updateEntity(people, "per_1", rename("Bea"))(ctx, tx)
		if netgraph.ErrorCode(err) != netgraph.ENOTFOUND || changed {
			t.Errorf("got %v, changed %v; want ENOTFOUND", err, changed)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		tx := newTx(t, call{stmt: "people_by_id", recs: personRecord(cur)})
		_, _, err := updateEntity(people, "per_1", rename(" "))(ctx, tx)
		if netgraph.ErrorField(err) != "name" {
			t.Errorf("got %v; want the domain's EINVALID on input.name, and no write", err)
		}
	})
	t.Run("Updated", func(t *testing.T) {
		next, _ := rename("Bea")(cur)
		tx := newTx(t, call{stmt: "people_by_id", recs: personRecord(cur)},
			call{stmt: "person_replace", params: wantParams(map[string]any{"id": "per_1", "props": personProps(next)}),
				recs: personRecord(next)})
		got, changed, err := updateEntity(people, "per_1", rename("Bea"))(ctx, tx)
		if err != nil || !changed || got.Name != "Bea" || got.ExternalID != "ext" || !got.UpdatedAt.Equal(at(2024, 6, 1)) {
			t.Errorf("got %#v, changed %v, %v", got, changed, err)
		}
	})
}

func TestDeleteEntity(t *testing.T) {
	ctx := context.Background()
	tx := newTx(t, call{stmt: "network_delete", params: wantParams(map[string]any{"id": "net_1"}),
		recs: []*neo4j.Record{record("deleted", int64(0))}})
	if _, changed, err := deleteEntity(networks, "net_1")(ctx, tx); netgraph.ErrorCode(err) != netgraph.ENOTFOUND || changed {
		t.Errorf("got %v, changed %v; want ENOTFOUND, unchanged", err, changed)
	}
	tx = newTx(t, call{stmt: "network_delete", recs: []*neo4j.Record{record("deleted", int64(1))}})
	if _, changed, err := deleteEntity(networks, "net_1")(ctx, tx); err != nil || !changed {
		t.Errorf("got %v, changed %v", err, changed)
	}
}

func findRecord(fromFound, toFound, exists bool) []*neo4j.Record {
	return []*neo4j.Record{record("fromFound", fromFound, "toFound", toFound, "relFound", exists)}
}

func TestRelationAdd(t *testing.T) {
	ctx := context.Background()
	a := netgraph.Affiliation{PersonID: "per_1", OrganisationID: "org_1", Role: "Nurse"}
	props := affiliationProps(&a)
	for _, tc := range []struct {
		name             string
		from, to, exists bool
		code, field      string
	}{
		{"UnknownPerson", false, true, false, netgraph.ENOTFOUND, "personId"},
		{"UnknownOrganisation", true, false, false, netgraph.ENOTFOUND, "organisationId"},
		{"Exists", true, true, true, netgraph.ECONFLICT, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx := newTx(t, call{stmt: "affiliation_find", params: wantParams(map[string]any{"fromId": "per_1", "toId": "org_1"}),
				recs: findRecord(tc.from, tc.to, tc.exists)})
			_, changed, err := affiliations.add("per_1", "org_1", "", props)(ctx, tx)
			if netgraph.ErrorCode(err) != tc.code || netgraph.ErrorField(err) != tc.field || changed {
				t.Errorf("got %v (field %q), changed %v; want %s on %q", err, netgraph.ErrorField(err), changed, tc.code, tc.field)
			}
		})
	}
	t.Run("Added", func(t *testing.T) {
		tx := newTx(t, call{stmt: "affiliation_find", recs: findRecord(true, true, false)},
			call{stmt: "affiliation_create", params: wantParams(map[string]any{"fromId": "per_1", "toId": "org_1", "props": props}),
				recs: []*neo4j.Record{relRecord("WORKS_AT", "per_1", "org_1", props)}})
		row, changed, err := affiliations.add("per_1", "org_1", "", props)(ctx, tx)
		if got, _ := affiliationFrom(row); err != nil || !changed || !reflect.DeepEqual(got, a) {
			t.Errorf("got %#v, changed %v, %v", got, changed, err)
		}
	})
	t.Run("TieByKey", func(t *testing.T) {
		tie, _ := netgraph.TieCreate{From: "per_2", To: "per_1"}.NewTie(at(2024, 1, 1))
		key := tieKey(tie.Key())
		tx := newTx(t, call{stmt: "tie_find", params: wantParams(map[string]any{"fromId": "per_2", "toId": "per_1", "key": key}),
			recs: findRecord(true, true, true)})
		_, _, err := ties.add("per_2", "per_1", key, tieProps(tie))(ctx, tx)
		if netgraph.ErrorCode(err) != netgraph.ECONFLICT {
			t.Errorf("got %v; want ECONFLICT for the pair and kind in either direction", err)
		}
	})
}

func TestRelationReplaceAndDelete(t *testing.T) {
	ctx := context.Background()
	m := netgraph.Membership{PersonID: "per_1", NetworkID: "net_1", Role: netgraph.MembershipLead}
	tx := newTx(t, call{stmt: "membership_update"})
	if _, _, err := memberships.replace("per_1", "net_1", membershipProps(&m))(ctx, tx); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
		t.Errorf("update of a missing membership: %v; want ENOTFOUND", err)
	}
	tx = newTx(t, call{stmt: "partnership_delete", params: wantParams(map[string]any{"fromId": "org_2", "toId": "org_1",
		"key": "org_1|org_2|MOU"}), recs: []*neo4j.Record{record("deleted", int64(0))}})
	if _, changed, err := partnerships.delete("org_2", "org_1", partnershipKey("org_2", "org_1", netgraph.PartnershipMoU))(ctx, tx); netgraph.ErrorCode(err) != netgraph.ENOTFOUND || changed {
		t.Errorf("remove of a missing partnership: %v, changed %v; want ENOTFOUND", err, changed)
	}
}

func TestRelationsBy(t *testing.T) {
	ctx := context.Background()
	t1 := netgraph.Tie{From: "per_1", To: "per_2", Kind: netgraph.TieKnows, Strength: 1, Since: at(2020, 1, 1).UTC()}
	t2 := netgraph.Tie{From: "per_3", To: "per_1", Kind: netgraph.TieAdvises, Strength: 2, Since: at(2021, 1, 1).UTC()}
	ids := []string{"per_2", "per_X", "per_1", "per_2"}
	tx := newTx(t, call{stmt: "ties_by_person", params: wantParams(map[string]any{"ids": ids[:3]}), recs: []*neo4j.Record{
		relRecord("TIE", t1.From, t1.To, tieProps(&t1), "per_1"),
		relRecord("TIE", t2.From, t2.To, tieProps(&t2), "per_1"),
		relRecord("TIE", t1.From, t1.To, tieProps(&t1), "per_2"),
	}})
	got, err := relationsBy(qTiesByPerson, ids, tieFrom)(ctx, tx)
	want := [][]netgraph.Tie{{t1}, nil, {t1, t2}, {t1}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
}

func TestUpdateTie(t *testing.T) {
	ctx := context.Background()
	cur := netgraph.Tie{From: "per_2", To: "per_1", Kind: netgraph.TieAdvises, Strength: 1, Since: at(2020, 1, 1).UTC()}
	k := netgraph.TieKey{A: "per_1", B: "per_2", Kind: netgraph.TieAdvises}
	key := map[string]any{"key": "per_1|per_2|ADVISES"}
	t.Run("Unknown", func(t *testing.T) {
		tx := newTx(t, call{stmt: "tie_get", params: wantParams(key)})
		if _, _, err := updateTie(k, netgraph.TieUpdate{Strength: ptr(2.0)})(ctx, tx); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
			t.Errorf("got %v; want ENOTFOUND", err)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		tx := newTx(t, call{stmt: "tie_get", recs: []*neo4j.Record{relRecord("TIE", cur.From, cur.To, tieProps(&cur))}})
		_, _, err := updateTie(k, netgraph.TieUpdate{Strength: ptr(11.0)})(ctx, tx)
		if netgraph.ErrorField(err) != "strength" {
			t.Errorf("got %v; want EINVALID on input.strength, and no write", err)
		}
	})
	t.Run("Updated", func(t *testing.T) {
		next := cur
		next.Strength = 4
		tx := newTx(t, call{stmt: "tie_get", recs: []*neo4j.Record{relRecord("TIE", cur.From, cur.To, tieProps(&cur))}},
			call{stmt: "tie_replace", params: wantParams(map[string]any{"key": "per_1|per_2|ADVISES", "props": tieProps(&next)}),
				recs: []*neo4j.Record{relRecord("TIE", next.From, next.To, tieProps(&next))}})
		row, changed, err := updateTie(k, netgraph.TieUpdate{Strength: ptr(4.0)})(ctx, tx)
		if got, _ := tieFrom(row); err != nil || !changed || !reflect.DeepEqual(got, next) {
			t.Errorf("got %#v, changed %v, %v; want %#v (direction kept)", got, changed, err, next)
		}
	})
}

// TestEntityByExternalID: the lookup runs the statement createEntity checks
// with, and a miss (or an empty external id, without a round trip) is
// ENOTFOUND naming externalId.
func TestEntityByExternalID(t *testing.T) {
	ctx := context.Background()
	ann := person("per_0", "crm-1", "Ann")
	tx := newTx(t, call{stmt: "person_by_external_id", params: wantParams(map[string]any{"externalId": "crm-1"}), recs: personRecord(ann)})
	if got, err := entityByExternalID(people, "crm-1")(ctx, tx); err != nil || !reflect.DeepEqual(got, ann) {
		t.Errorf("got %#v, %v; want Ann", got, err)
	}
	tx = newTx(t, call{stmt: "person_by_external_id", params: wantParams(map[string]any{"externalId": "crm-9"})})
	_, err := entityByExternalID(people, "crm-9")(ctx, tx)
	var e *netgraph.Error
	if !errors.As(err, &e) || e.Code != netgraph.ENOTFOUND || e.Field != "externalId" {
		t.Errorf("unknown: %v; want ENOTFOUND on externalId", err)
	}
	if _, err := entityByExternalID(people, "")(ctx, newTx(t)); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
		t.Errorf("empty: %v; want ENOTFOUND", err)
	}
}
