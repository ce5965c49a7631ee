package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

func org(id string) *netgraph.Organisation {
	return &netgraph.Organisation{ID: id, Name: "Org " + id, Sector: netgraph.SectorOther,
		CreatedAt: at(2024, 1, 1).UTC(), UpdatedAt: at(2024, 1, 1).UTC()}
}

func orgRecords(orgs ...*netgraph.Organisation) []*neo4j.Record {
	var recs []*neo4j.Record
	for _, o := range orgs {
		recs = append(recs, record("organisation", storedNode("Organisation", organisationProps(o))))
	}
	return recs
}

// emptyParts are the calls that find nothing for every kind after organisations.
func emptyParts() []call {
	var calls []call
	for _, p := range graphParts[1:] {
		calls = append(calls, call{stmt: p.read.name})
	}
	return calls
}

func TestReadGraphPages(t *testing.T) {
	ctx := context.Background()
	o1, o2, o3 := org("org_1"), org("org_2"), org("org_3")
	page := func(afterFrom string) func(*testing.T, map[string]any) {
		return wantParams(map[string]any{"afterFrom": afterFrom, "afterTo": "", "limit": int64(2)})
	}
	calls := []call{
		{stmt: "meta_version", recs: versionRecord(42)},
		{stmt: "graph_organisations", params: page(""), recs: orgRecords(o1, o2)},
		{stmt: "graph_organisations", params: page("org_2"), recs: orgRecords(o3)},
	}
	tx := newTx(t, append(calls, emptyParts()...)...)
	var got []string
	work := readGraph(2, func(r netgraph.Record) error {
		got = append(got, r.Organisation.ID)
		return nil
	})
	v, changed, err := work(ctx, tx)
	if err != nil || v != 42 || changed || fmt.Sprint(got) != "[org_1 org_2 org_3]" {
		t.Errorf("got version %d, changed %v, %v, records %v; want 42, false, three organisations in order", v, changed, err, got)
	}
	// Once records have reached the caller, a retry by the driver must not
	// stream them again.
	_, _, err = work(ctx, newTx(t))
	if netgraph.ErrorCode(err) != netgraph.EUNAVAILABLE {
		t.Errorf("retry after records were streamed: %v; want EUNAVAILABLE and no statement", err)
	}
}

func TestReadGraphRelationCursor(t *testing.T) {
	ctx := context.Background()
	a1 := netgraph.Affiliation{PersonID: "per_1", OrganisationID: "org_9", Role: "Nurse"}
	calls := []call{{stmt: "meta_version", recs: versionRecord(1)}}
	for _, p := range graphParts[:3] {
		calls = append(calls, call{stmt: p.read.name})
	}
	calls = append(calls,
		call{stmt: "graph_affiliations", recs: []*neo4j.Record{relRecord("WORKS_AT", a1.PersonID, a1.OrganisationID, affiliationProps(&a1))}},
		call{stmt: "graph_affiliations", params: wantParams(map[string]any{"afterFrom": "per_1", "afterTo": "org_9", "limit": int64(1)})},
	)
	for _, p := range graphParts[4:] {
		calls = append(calls, call{stmt: p.read.name})
	}
	var got []netgraph.Record
	if _, _, err := readGraph(1, func(r netgraph.Record) error { got = append(got, r); return nil })(ctx, newTx(t, calls...)); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(*got[0].Affiliation, a1) {
		t.Errorf("streamed %v; want the affiliation", got)
	}
}

func TestReadGraphStopsAtCallbackError(t *testing.T) {
	stop := errors.New("stop")
	tx := newTx(t, call{stmt: "meta_version", recs: versionRecord(1)},
		call{stmt: "graph_organisations", recs: orgRecords(org("org_1"), org("org_2"))})
	calls := 0
	_, _, err := readGraph(10, func(netgraph.Record) error { calls++; return stop })(context.Background(), tx)
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("got %v after %d calls; want the callback's error after 1", err, calls)
	}
}

func TestImportBatches(t *testing.T) {
	tieAB := &netgraph.Tie{From: "per_A", To: "per_B", Kind: netgraph.TieKnows, Strength: 1, Since: at(2020, 1, 1)}
	tieBA := &netgraph.Tie{From: "per_B", To: "per_A", Kind: netgraph.TieKnows, Strength: 5, Since: at(2021, 1, 1)}
	recs := []netgraph.Record{
		{Organisation: org("org_1")},
		{Person: person("per_A", "", "Ann")},
		{Person: person("per_B", "", "Bob")},
		{Tie: tieAB},
		{Tie: tieBA}, // the same tie, recorded the other way: replaces it
		{Organisation: org("org_2")},
	}
	batches, err := importBatches(recs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range batches {
		got = append(got, fmt.Sprintf("%s%v", b.part.what, b.record))
	}
	if want := "[organisation[0] person[1 2] tie[4] organisation[5]]"; fmt.Sprint(got) != want {
		t.Errorf("batches %v; want %s (consecutive kinds grouped, order kept, duplicate key replaced)", got, want)
	}
	if row := batches[2].rows[0]; row["fromId"] != "per_B" || row["props"].(map[string]any)["strength"] != 5.0 {
		t.Errorf("tie row %v; want the later record", row)
	}

	many := make([]netgraph.Record, importBatchSize+1)
	for i := range many {
		many[i].Person = person(fmt.Sprintf("per_%06d", i), "", "P")
	}
	if batches, _ := importBatches(many); len(batches) != 2 || len(batches[1].rows) != 1 {
		t.Errorf("%d records made %d batches; want 2", len(many), len(batches))
	}
}

func TestImportBatchesRefuse(t *testing.T) {
	tests := []struct {
		name        string
		recs        []netgraph.Record
		code, field string
	}{
		{"EmptyRecord", []netgraph.Record{{}}, netgraph.EINVALID, "records[0]"},
		{"TwoEntities", []netgraph.Record{{Person: person("per_1", "", "A"), Organisation: org("org_1")}}, netgraph.EINVALID, "records[0]"},
		{"PersonName", []netgraph.Record{{Person: person("per_1", "", "A")}, {Person: person("per_2", "", " ")}},
			netgraph.EINVALID, "records[1].person.name"},
		{"PersonID", []netgraph.Record{{Person: person("", "", "A")}}, netgraph.EINVALID, "records[0].person.id"},
		{"NetworkType", []netgraph.Record{{Network: &netgraph.Network{ID: "net_1", Name: "N"}}}, netgraph.EINVALID, "records[0].network.type"},
		{"TieStrength", []netgraph.Record{{Tie: &netgraph.Tie{From: "per_1", To: "per_2", Kind: netgraph.TieKnows}}},
			netgraph.EINVALID, "records[0].tie.strength"},
		{"TieSelf", []netgraph.Record{{Tie: &netgraph.Tie{From: "per_1", To: "per_1", Kind: netgraph.TieKnows, Strength: 1}}},
			netgraph.EINVALID, "records[0].tie.to"},
		{"MembershipRole", []netgraph.Record{{Membership: &netgraph.Membership{PersonID: "per_1", NetworkID: "net_1", Role: "BOSS"}}},
			netgraph.EINVALID, "records[0].membership.role"},
		{"PartnershipKind", []netgraph.Record{{Partnership: &netgraph.Partnership{From: "org_1", To: "org_2", Kind: "MERGER"}}},
			netgraph.EINVALID, "records[0].partnership.kind"},
		{"PersonIDWithKeySeparator", []netgraph.Record{{Person: person("per_1", "", "A")}, {Person: person("per_1|per_2", "", "B")}},
			netgraph.EINVALID, "records[1].person.id"},
		{"OrganisationIDWithKeySeparator", []netgraph.Record{{Organisation: org("org_1|org_2")}},
			netgraph.EINVALID, "records[0].organisation.id"},
		{"ExternalIDTwice", []netgraph.Record{{Organisation: &netgraph.Organisation{ID: "org_A", Name: "A", ExternalID: "x"}},
			{Organisation: &netgraph.Organisation{ID: "org_B", Name: "B", ExternalID: "x"}}},
			netgraph.ECONFLICT, "records[1].organisation.externalId"},
	}
	for _, tc := range tests {
		_, err := importBatches(tc.recs)
		if netgraph.ErrorCode(err) != tc.code || netgraph.ErrorField(err) != tc.field {
			t.Errorf("%s: got %v (field %q); want %s on %s", tc.name, err, netgraph.ErrorField(err), tc.code, tc.field)
		}
	}
	// One entity imported twice with its external id is no conflict.
	same := person("per_1", "ext", "A")
	if _, err := importBatches([]netgraph.Record{{Person: same}, {Person: same}}); err != nil {
		t.Errorf("the same person twice: %v", err)
	}
}

// TestImportBatchesClean checks that rows carry what Record.Clean makes of
// the records, as the embedded store keeps them: defaults applied (a tie's
// and a partnership's kind are part of their key), text trimmed, e-mail
// lower-cased.
func TestImportBatchesClean(t *testing.T) {
	batches, err := importBatches([]netgraph.Record{
		{Person: &netgraph.Person{ID: "per_A", Name: " Ann ", Email: "Ann@X.org", Interests: []string{"Falls", " falls "}}},
		{Membership: &netgraph.Membership{PersonID: "per_A", NetworkID: "net_1"}},
		{Tie: &netgraph.Tie{From: "per_B", To: "per_A", Strength: 1}},
		{Partnership: &netgraph.Partnership{From: "org_2", To: "org_1"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	props := func(b int) map[string]any { return batches[b].rows[0]["props"].(map[string]any) }
	p := batches[0].rows[0]
	if p["name"] != "Ann" || p["email"] != "ann@x.org" || !reflect.DeepEqual(p["interests"], []string{"Falls"}) {
		t.Errorf("person row %v; want the cleaned person", p)
	}
	if got := props(1)["role"]; got != string(netgraph.MembershipMember) {
		t.Errorf("membership role %v; want MEMBER", got)
	}
	if got := props(2); got["kind"] != string(netgraph.TieKnows) || got["key"] != "per_A|per_B|KNOWS" {
		t.Errorf("tie props %v; want kind KNOWS in the key", got)
	}
	if got := props(3); got["kind"] != string(netgraph.PartnershipInformal) || got["key"] != "org_1|org_2|INFORMAL" {
		t.Errorf("partnership props %v; want kind INFORMAL in the key", got)
	}
	if _, err := importBatches([]netgraph.Record{{Person: &netgraph.Person{ID: "per_\x00", Name: "A"}}}); netgraph.ErrorField(err) != "records[0].person.id" {
		t.Errorf("id with a control character: %v; want EINVALID on records[0].person.id", err)
	}
}

func TestImportWork(t *testing.T) {
	ctx := context.Background()
	written := func(n int64) []*neo4j.Record { return []*neo4j.Record{record("written", n)} }
	t.Run("Written", func(t *testing.T) {
		batches, _ := importBatches([]netgraph.Record{{Person: person("per_1", "", "A")}, {Person: person("per_2", "", "B")}})
		tx := newTx(t, call{stmt: "import_people_external_ids"},
			call{stmt: "import_people", params: wantParams(map[string]any{"rows": batches[0].rows}), recs: written(2)})
		if _, changed, err := importWork(batches)(ctx, tx); err != nil || !changed {
			t.Errorf("got %v, changed %v", err, changed)
		}
	})
	t.Run("ExternalIDTaken", func(t *testing.T) {
		batches, _ := importBatches([]netgraph.Record{{Person: person("per_1", "", "A")}, {Person: person("per_2", "ann", "B")}})
		tx := newTx(t, call{stmt: "import_people_external_ids", recs: []*neo4j.Record{record("id", "per_2")}})
		_, _, err := importWork(batches)(ctx, tx)
		if netgraph.ErrorCode(err) != netgraph.ECONFLICT || netgraph.ErrorField(err) != "records[1].person.externalId" {
			t.Errorf("got %v (field %q); want ECONFLICT on records[1].person.externalId", err, netgraph.ErrorField(err))
		}
	})
	t.Run("UnknownEnd", func(t *testing.T) {
		batches, _ := importBatches([]netgraph.Record{
			{Person: person("per_1", "", "A")},
			{Tie: &netgraph.Tie{From: "per_1", To: "per_X", Kind: netgraph.TieKnows, Strength: 1}},
		})
		tx := newTx(t, call{stmt: "import_people_external_ids"}, call{stmt: "import_people", recs: written(1)},
			call{stmt: "import_ties", recs: written(0)},
			call{stmt: "missing_people", params: wantParams(map[string]any{"ids": []string{"per_1"}})},
			call{stmt: "missing_people", params: wantParams(map[string]any{"ids": []string{"per_X"}}),
				recs: []*neo4j.Record{record("id", "per_X")}})
		_, _, err := importWork(batches)(ctx, tx)
		if netgraph.ErrorCode(err) != netgraph.ENOTFOUND || netgraph.ErrorField(err) != "records[1].tie.to" {
			t.Errorf("got %v (field %q); want ENOTFOUND on records[1].tie.to", err, netgraph.ErrorField(err))
		}
	})
}
