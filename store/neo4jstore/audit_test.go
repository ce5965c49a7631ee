package neo4jstore

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

func auditRecord(e *netgraph.AuditEntry) any {
	return storedNode("AuditEntry", auditParams(e)["props"].(map[string]any))
}

// The entry a store stamps: the store's clock, the caller in the context, or
// the system without one.
func TestAuditStamp(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.FixedZone("CET", 3600))
	s := &Store{now: func() time.Time { return now }}
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "key:ops", Role: netgraph.RoleAdmin, RequestID: "r1"})
	e := s.auditKind(ctx, netgraph.OpConnect, "per_2", "per_1", "KNOWS")
	if !strings.HasPrefix(e.ID, netgraph.AuditIDPrefix) || !e.At.Equal(now) || e.At.Location() != time.UTC ||
		e.Subject != "key:ops" || e.Role != netgraph.RoleAdmin || e.RequestID != "r1" ||
		e.Operation != netgraph.OpConnect || !reflect.DeepEqual(e.IDs, []string{"per_2", "per_1"}) || e.Kind != "KNOWS" {
		t.Errorf("got %+v", e)
	}
	e = s.audit(context.Background(), netgraph.OpDeletePerson, "per_1")
	if e.Subject != netgraph.AuditSystem || e.Role != "" || e.RequestID != "" {
		t.Errorf("without a caller: %+v; want the system", e)
	}
}

// Entries go in as properties and come back out unchanged; empty values are
// absent properties.
func TestAuditMapping(t *testing.T) {
	for _, e := range []*netgraph.AuditEntry{
		{ID: "aud_1", At: at(2025, 3, 1).UTC(), Subject: "key:ops", Role: netgraph.RoleFacilitator, RequestID: "r1",
			Operation: netgraph.OpUpdateTie, IDs: []string{"per_1", "per_2"}, Kind: "ADVISES"},
		{ID: "aud_2", At: at(2025, 3, 2).UTC(), Subject: netgraph.AuditSystem, Operation: netgraph.OpImport, Count: 70_000},
	} {
		props := auditParams(e)["props"].(map[string]any)
		got, err := auditEntryFrom(record("entry", auditRecord(e)), "entry")
		if err != nil || !reflect.DeepEqual(got, *e) {
			t.Errorf("round trip: got %+v, %v; want %+v", got, err, *e)
		}
		if e.Operation == netgraph.OpImport {
			for _, k := range []string{"role", "requestId", "ids", "kind"} {
				if props[k] != nil {
					t.Errorf("import entry: %s = %v; want absent", k, props[k])
				}
			}
			if props["count"] != int64(70_000) {
				t.Errorf("import entry: count = %#v; want int64 70000", props["count"])
			}
		} else if props["count"] != nil {
			t.Errorf("%s entry: count = %v; want absent", e.Operation, props["count"])
		}
	}
}

func TestListAudit(t *testing.T) {
	ctx := context.Background()
	e1 := &netgraph.AuditEntry{ID: "aud_3", At: at(2025, 3, 3).UTC(), Subject: "key:ops", Operation: netgraph.OpCreatePerson, IDs: []string{"per_1"}}
	e2 := &netgraph.AuditEntry{ID: "aud_2", At: at(2025, 3, 2).UTC(), Subject: "key:ops", Operation: netgraph.OpUpdatePerson, IDs: []string{"per_1"}}
	e3 := &netgraph.AuditEntry{ID: "aud_1", At: at(2025, 3, 1).UTC(), Subject: "key:ops", Operation: netgraph.OpDeletePerson, IDs: []string{"per_1"}}
	since := at(2025, 1, 1) // not UTC: sent as UTC
	tx := newTx(t, call{stmt: "audit_list",
		params: wantParams(map[string]any{"subject": "key:ops", "operation": nil, "id": "per_1", "since": since.UTC(),
			"until": nil, "after": "aud_4", "limit": int64(3)}),
		recs: []*neo4j.Record{record("total", int64(7), "page", []any{auditRecord(e1), auditRecord(e2), auditRecord(e3)})}})
	l, err := listAudit(netgraph.AuditFilter{Subject: "key:ops", ID: "per_1", Since: &since},
		netgraph.Page{First: 2, After: "aud_4"})(ctx, tx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l.Items, []netgraph.AuditEntry{*e1, *e2}) || !l.HasNextPage || l.TotalCount != 7 {
		t.Errorf("got %+v, more %v, total %d; want the first 2, true, 7", l.Items, l.HasNextPage, l.TotalCount)
	}
	tx = newTx(t, call{stmt: "audit_list", params: wantParams(map[string]any{"subject": nil, "operation": nil, "id": nil,
		"since": nil, "until": nil, "after": "", "limit": int64(51)}),
		recs: []*neo4j.Record{record("total", int64(0), "page", []any{})}})
	l, err = listAudit(netgraph.AuditFilter{}, netgraph.Page{First: 50})(ctx, tx)
	if err != nil || len(l.Items) != 0 || l.HasNextPage || l.TotalCount != 0 {
		t.Errorf("empty log: %+v, %v", l, err)
	}
}

// A mutation writes its audit entry in its own transaction: the same
// transaction function runs the change, the entry and the version bump, in
// that order, and a mutation that fails or changes nothing writes no entry.
func TestMutationAuditedInItsTransaction(t *testing.T) {
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "key:ops", Role: netgraph.RoleAdmin, RequestID: "r9"})
	s := &Store{now: func() time.Time { return at(2025, 3, 1) }}
	auditOf := func(e *netgraph.AuditEntry) call {
		return call{stmt: "audit_create", params: func(t *testing.T, params map[string]any) {
			t.Helper()
			wantParams(auditParams(e))(t, params)
			props := params["props"].(map[string]any)
			if props["subject"] != "key:ops" || props["role"] != "admin" || props["requestId"] != "r9" {
				t.Errorf("entry by %v (%v, %v); want the caller", props["subject"], props["role"], props["requestId"])
			}
		}}
	}
	lock := call{stmt: "meta_lock", recs: versionRecord(4)}
	bump := call{stmt: "meta_bump", recs: versionRecord(5)}

	t.Run("Delete", func(t *testing.T) {
		e := s.audit(ctx, netgraph.OpDeletePerson, "per_1")
		tx := newTx(t, lock, call{stmt: "person_delete", params: wantParams(map[string]any{"id": "per_1"}),
			recs: []*neo4j.Record{record("deleted", int64(1))}}, auditOf(e), bump)
		if _, err := versioned(ctx, e, deleteEntity(people, "per_1"))(tx); err != nil {
			t.Fatal(err)
		}
		if e.Operation != netgraph.OpDeletePerson || !reflect.DeepEqual(e.IDs, []string{"per_1"}) {
			t.Errorf("entry %+v", e)
		}
	})
	t.Run("DeleteUnknown", func(t *testing.T) {
		e := s.audit(ctx, netgraph.OpDeletePerson, "per_X")
		tx := newTx(t, lock, call{stmt: "person_delete", recs: []*neo4j.Record{record("deleted", int64(0))}})
		if _, err := versioned(ctx, e, deleteEntity(people, "per_X"))(tx); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
			t.Errorf("got %v; want ENOTFOUND and no entry", err)
		}
	})
	t.Run("Connect", func(t *testing.T) {
		tie, _ := netgraph.TieCreate{From: "per_2", To: "per_1", Kind: netgraph.TieAdvises}.NewTie(at(2025, 1, 1))
		e := s.auditKind(ctx, netgraph.OpConnect, tie.From, tie.To, string(tie.Kind))
		props := tieProps(tie)
		tx := newTx(t, lock, call{stmt: "tie_find", recs: findRecord(true, true, false)},
			call{stmt: "tie_create", recs: []*neo4j.Record{relRecord("TIE", "per_2", "per_1", props)}}, auditOf(e), bump)
		if _, err := versioned(ctx, e, ties.add("per_2", "per_1", tieKey(tie.Key()), props))(tx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ConnectConflict", func(t *testing.T) {
		e := s.auditKind(ctx, netgraph.OpConnect, "per_2", "per_1", "KNOWS")
		tx := newTx(t, lock, call{stmt: "tie_find", recs: findRecord(true, true, true)})
		if _, err := versioned(ctx, e, ties.add("per_2", "per_1", "per_1|per_2|KNOWS", nil))(tx); netgraph.ErrorCode(err) != netgraph.ECONFLICT {
			t.Errorf("got %v; want ECONFLICT and no entry", err)
		}
	})
	t.Run("CreateWithExistingExternalID", func(t *testing.T) {
		p := person("per_1", "ext-1", "Ann")
		e := s.audit(ctx, netgraph.OpCreatePerson, p.ID)
		tx := newTx(t, lock, call{stmt: "person_by_external_id", recs: personRecord(person("per_0", "ext-1", "Ann"))})
		if _, err := versioned(ctx, e, createEntity(people, p))(tx); err != nil {
			t.Errorf("got %v; want the existing person, and no entry", err)
		}
	})
	t.Run("Import", func(t *testing.T) {
		recs := []netgraph.Record{{Person: person("per_1", "", "A")}, {Person: person("per_2", "", "B")}}
		batches, _ := importBatches(recs)
		e := netgraph.AuditEntry{Operation: netgraph.OpImport, Count: len(recs)}.Stamp(ctx, s.now())
		tx := newTx(t, lock, call{stmt: "import_people_external_ids"},
			call{stmt: "import_people", recs: []*neo4j.Record{record("written", int64(2))}}, auditOf(&e), bump)
		if _, err := versioned(ctx, &e, importWork(batches))(tx); err != nil {
			t.Fatal(err)
		}
		if p := auditParams(&e)["props"].(map[string]any); p["count"] != int64(2) || p["ids"] != nil {
			t.Errorf("import entry: count %v, ids %v; want 2 and no ids", p["count"], p["ids"])
		}
	})
}
