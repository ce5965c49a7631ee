package neo4jstore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/neo4jstore"
	"github.com/netgraph/netgraph/store/neo4jstore/neo4jtest"
)

// These tests check, on a real Neo4j (NEO4J_URI), what the contract suite
// cannot see through the Store interface: the schema on the server, what is
// left in the database after an erasure, and what survives a killed server.

// admin is the context of the tests' writes: an admin caller, as the audit
// log records.
func admin(t *testing.T) context.Context {
	return netgraph.WithCaller(t.Context(), netgraph.Caller{Subject: "test", Role: netgraph.RoleAdmin})
}

// query runs a read on the test database directly and returns its records.
func query(t *testing.T, cfg neo4jstore.Config, cypher string, params map[string]any) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(t.Context(), neo4jtest.Driver(t, cfg), cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(neo4jtest.Database(cfg)))
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return res.Records
}

// Open creates every constraint and index, does it again harmlessly, and the
// constraints, not only the store's lock, keep ids and tie keys unique: a
// write that bypasses the store is refused by the server.
func TestSchemaOnNeo4j(t *testing.T) {
	cfg := neo4jtest.Config(t)
	neo4jtest.Clear(t, cfg)
	s := neo4jtest.MustOpen(t, cfg)
	neo4jtest.MustOpen(t, cfg) // a second Open on the same database changes nothing

	names := func(cypher string) []string {
		var out []string
		for _, r := range query(t, cfg, cypher, nil) {
			name, _ := r.Get("name")
			out = append(out, name.(string))
		}
		return out
	}
	constraints := names("SHOW CONSTRAINTS YIELD name")
	for _, want := range []string{"netgraph_meta_id", "person_id", "person_external_id", "organisation_id",
		"organisation_external_id", "network_id", "network_external_id", "tie_key", "partnership_key", "audit_entry_id"} {
		if !slices.Contains(constraints, want) {
			t.Errorf("no constraint %s; the server has %v", want, constraints)
		}
	}
	indexes := names("SHOW INDEXES YIELD name")
	for _, want := range []string{"organisation_sector", "network_type", "audit_entry_at"} {
		if !slices.Contains(indexes, want) {
			t.Errorf("no index %s; the server has %v", want, indexes)
		}
	}

	ctx := admin(t)
	a, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ann", ExternalID: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ben"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Connect(ctx, netgraph.TieCreate{From: a.ID, To: b.ID}); err != nil {
		t.Fatal(err)
	}
	for name, cypher := range map[string]string{
		"PersonID":         "CREATE (:Person {id: $a})",
		"PersonExternalID": "CREATE (:Person {id: 'per_other', externalId: 'ann'})",
		"TieKey": "MATCH (a:Person {id: $a}), (b:Person {id: $b}) MATCH ()-[t:TIE]->() " +
			"CREATE (b)-[:TIE {key: t.key, kind: t.kind}]->(a)",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := neo4j.ExecuteQuery(t.Context(), neo4jtest.Driver(t, cfg), cypher, map[string]any{"a": a.ID, "b": b.ID},
				neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(neo4jtest.Database(cfg)))
			var nerr *neo4j.Neo4jError
			if !errors.As(err, &nerr) || nerr.Code != "Neo.ClientError.Schema.ConstraintValidationFailed" {
				t.Errorf("a duplicate written past the store: %v; want ConstraintValidationFailed", err)
			}
		})
	}
}

// Concurrent writers on one server: updates of different fields of one
// person all survive (no lost update), and creations that collide on an
// external id or a tie key make exactly one entity.
func TestConcurrentWritersOnNeo4j(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	ctx := admin(t)
	p, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ann Lee"})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("NoLostUpdate", func(t *testing.T) {
		for round := range 3 {
			v := func(field string) *string { s := fmt.Sprintf("%s %d", field, round); return &s }
			email := fmt.Sprintf("ann%d@example.org", round)
			interests := []string{fmt.Sprintf("interest %d", round)}
			updates := []netgraph.PersonUpdate{{Name: v("Name")}, {Title: v("Title")}, {Profession: v("Profession")},
				{Region: v("Region")}, {Email: &email}, {Interests: &interests}}
			var wg sync.WaitGroup
			for _, u := range updates {
				wg.Go(func() {
					if _, err := s.UpdatePerson(ctx, p.ID, u); err != nil {
						t.Errorf("UpdatePerson: %v", err)
					}
				})
			}
			wg.Wait()
			got, err := s.Person(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{*v("Name"), *v("Title"), *v("Profession"), *v("Region"), email, interests[0]}
			have := []string{got.Name, got.Title, got.Profession, got.Region, got.Email, strings.Join(got.Interests, ",")}
			if !slices.Equal(have, want) {
				t.Errorf("round %d: after concurrent updates of six fields the person has %q; want %q", round, have, want)
			}
		}
	})

	const writers = 8
	t.Run("OnePersonPerExternalID", func(t *testing.T) {
		ids := make([]string, writers)
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				q, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: fmt.Sprintf("Writer %d", w), ExternalID: "hr-42"})
				if err != nil {
					t.Errorf("CreatePerson: %v", err)
					return
				}
				ids[w] = q.ID
			})
		}
		wg.Wait()
		if distinct := slices.Compact(slices.Sorted(slices.Values(ids))); len(distinct) != 1 {
			t.Errorf("%d writers creating external id hr-42 got ids %v; want one", writers, ids)
		}
		cfg := neo4jtest.Config(t)
		if n := query(t, cfg, "MATCH (p:Person {externalId: 'hr-42'}) RETURN count(p) AS n", nil)[0].Values[0]; n != int64(1) {
			t.Errorf("%v people with external id hr-42", n)
		}
	})

	t.Run("OneTiePerPairAndKind", func(t *testing.T) {
		q, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ben"})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		codes := map[string]int{}
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				from, to := p.ID, q.ID
				if w%2 == 1 {
					from, to = to, from // either direction is the same tie
				}
				_, err := s.Connect(ctx, netgraph.TieCreate{From: from, To: to, Kind: netgraph.TieCollaborates})
				mu.Lock()
				codes[netgraph.ErrorCode(err)]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if codes[""] != 1 || codes[netgraph.ECONFLICT] != writers-1 {
			t.Errorf("%d concurrent Connects of one pair: %v by error code; want 1 success and %d conflicts", writers, codes, writers-1)
		}
		cfg := neo4jtest.Config(t)
		if n := query(t, cfg, "MATCH ()-[t:TIE {kind: 'COLLABORATES'}]->() RETURN count(t) AS n", nil)[0].Values[0]; n != int64(1) {
			t.Errorf("%v COLLABORATES ties in the database; want 1", n)
		}
	})
}

// After DeletePerson no node or relationship in the database holds the
// person's data. Audit entries keep the id (they record who was erased,
// never any field), and nothing else does.
func TestErasureOnNeo4j(t *testing.T) {
	s := neo4jtest.MustOpenEmpty(t)
	cfg := neo4jtest.Config(t)
	ctx := admin(t)
	consent := true
	p, err := s.CreatePerson(ctx, netgraph.PersonCreate{ExternalID: "erase-hr-7", Name: "Zelda Quartermaine",
		Email: "zelda.q@example.org", Title: "Lead Pharmacist Xq", Profession: "Pharmacist Xq", Region: "Region Xq",
		Interests: []string{"antimicrobial stewardship xq"}, Consent: &consent})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ben Okafor"})
	if err != nil {
		t.Fatal(err)
	}
	org, err := s.CreateOrganisation(ctx, netgraph.OrganisationCreate{Name: "Trust", Sector: netgraph.SectorOther})
	if err != nil {
		t.Fatal(err)
	}
	nw, err := s.CreateNetwork(ctx, netgraph.NetworkCreate{Name: "Net", Type: netgraph.NetworkLearning})
	if err != nil {
		t.Fatal(err)
	}
	since := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	if _, err := s.AddAffiliation(ctx, netgraph.Affiliation{PersonID: p.ID, OrganisationID: org.ID, Role: "Role Xq", Since: &since}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMembership(ctx, netgraph.Membership{PersonID: p.ID, NetworkID: nw.ID, Role: netgraph.MembershipLead}); err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{other.ID} {
		if _, err := s.Connect(ctx, netgraph.TieCreate{From: p.ID, To: to}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Connect(ctx, netgraph.TieCreate{From: to, To: p.ID, Kind: netgraph.TieCollaborates}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeletePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}

	personal := []string{p.ID, p.ExternalID, p.Name, p.Email, "Xq", "xq", "Zelda", "Quartermaine"}
	check := func(what string, labels []any, props map[string]any) {
		for k, v := range props {
			var texts []string
			switch v := v.(type) {
			case string:
				texts = []string{v}
			case []any:
				for _, x := range v {
					texts = append(texts, fmt.Sprint(x))
				}
			}
			for _, text := range texts {
				for _, s := range personal {
					if !strings.Contains(text, s) {
						continue
					}
					if s == p.ID && slices.Contains(labels, any("AuditEntry")) && k == "ids" {
						continue // the audit log records that the id was erased
					}
					t.Errorf("after erasure %s %v still holds %q in %s: %q", what, labels, s, k, text)
				}
			}
		}
	}
	nodes := query(t, cfg, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", nil)
	for _, r := range nodes {
		check("node", r.Values[0].([]any), r.Values[1].(map[string]any))
	}
	rels := query(t, cfg, "MATCH ()-[r]->() RETURN [type(r)] AS labels, properties(r) AS props", nil)
	for _, r := range rels {
		check("relationship", r.Values[0].([]any), r.Values[1].(map[string]any))
	}
	if len(rels) != 0 {
		t.Errorf("%d relationships left; want none (the erased person's were all there were)", len(rels))
	}
	t.Logf("%d nodes and %d relationships checked", len(nodes), len(rels))
}

// Killing the Neo4j process (SIGKILL) while writers run loses no
// acknowledged write and leaves no half-written one: after a restart every
// acknowledged person and tie is there, every person is whole, and every
// committed change has its audit entry and data version. Needs the
// directory the server was started in by scripts/neo4j (NETGRAPH_NEO4J_DIR),
// to kill and restart it.
func TestKillNeo4jDuringWrites(t *testing.T) {
	cfg := neo4jtest.Config(t)
	dir := os.Getenv("NETGRAPH_NEO4J_DIR")
	if dir == "" {
		t.Skip("NETGRAPH_NEO4J_DIR not set: the directory of scripts/neo4j start, so the test can kill and restart Neo4j")
	}
	s := neo4jtest.MustOpenEmpty(t)
	ctx := admin(t)
	v0, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}

	type tie struct{ from, to string }
	var (
		mu     sync.Mutex
		people = map[string]string{} // acknowledged: id → name
		ties   []tie
		killed = make(chan struct{})
	)
	const writers, maxWrites = 4, 400 // bounded: each writer stops at maxWrites or its first error after the kill
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			prev := ""
			for i := range maxWrites {
				name := fmt.Sprintf("Kill W%d P%d", w, i)
				p, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: name, ExternalID: fmt.Sprintf("kill-%d-%d", w, i),
					Interests: []string{"resilience"}})
				if err != nil {
					select {
					case <-killed:
					default:
						t.Errorf("writer %d: CreatePerson before the kill: %v", w, err)
					}
					return
				}
				mu.Lock()
				people[p.ID] = name
				mu.Unlock()
				if prev != "" {
					if _, err := s.Connect(ctx, netgraph.TieCreate{From: prev, To: p.ID}); err != nil {
						return // only after the kill, or the next CreatePerson reports it
					}
					mu.Lock()
					ties = append(ties, tie{prev, p.ID})
					mu.Unlock()
				}
				prev = p.ID
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	pidText, err := os.ReadFile(filepath.Join(dir, "neo4j.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(pidText)))
	if err != nil {
		t.Fatal(err)
	}
	close(killed)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9 neo4j (pid %d): %v", pid, err)
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d people and %d ties acknowledged before and around the kill", len(people), len(ties))
	if len(people) == 0 {
		t.Fatal("no write was acknowledged before the kill")
	}

	restart := exec.Command("../../scripts/neo4j", "start", dir)
	restart.Stderr = os.Stderr
	out, err := restart.Output()
	if err != nil {
		t.Fatalf("restart neo4j: %v", err)
	}
	if !strings.Contains(string(out), "NEO4J_URI="+cfg.URI+"\n") {
		t.Fatalf("neo4j came back elsewhere:\n%s\nthe tests use %s", out, cfg.URI)
	}

	// The store open before the kill works again; a fresh one sees the same.
	if _, err := s.CreatePerson(ctx, netgraph.PersonCreate{Name: "After the restart"}); err != nil {
		t.Errorf("the store open across the restart cannot write: %v", err)
	}
	fresh := neo4jtest.MustOpen(t, cfg)
	got := map[string]*netgraph.Person{}
	gotTies := map[tie]bool{}
	if _, err := fresh.ReadGraph(ctx, func(r netgraph.Record) error {
		switch {
		case r.Person != nil:
			got[r.Person.ID] = r.Person
		case r.Tie != nil:
			gotTies[tie{r.Tie.From, r.Tie.To}] = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for id, name := range people {
		if p := got[id]; p == nil || p.Name != name || !slices.Equal(p.Interests, []string{"resilience"}) || p.CreatedAt.IsZero() {
			t.Errorf("acknowledged person %s (%s) after the restart: %+v", id, name, p)
		}
	}
	for _, tt := range ties {
		if !gotTies[tt] {
			t.Errorf("acknowledged tie %s → %s lost", tt.from, tt.to)
		}
	}
	for id, p := range got {
		if p.Name == "" || p.CreatedAt.IsZero() {
			t.Errorf("half-written person %s: %+v", id, p)
		}
	}
	v, err := fresh.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	entries := query(t, cfg, "MATCH (e:AuditEntry) RETURN count(e) AS n", nil)[0].Values[0].(int64)
	// The store was emptied (audit entries too) at version v0; every commit
	// since wrote one entry and one version.
	if uint64(entries) != v-v0 {
		t.Errorf("%d audit entries for data versions %d..%d: a change committed without its entry or version", entries, v0, v)
	}
}
