package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/store/neo4jstore"
	"github.com/netgraph/netgraph/store/neo4jstore/neo4jtest"
)

// These run the commands on a real Neo4j (NEO4J_URI; see neo4jtest), which
// they empty first.

// neo4jFlags are the store flags naming the test server.
func neo4jFlags(cfg neo4jstore.Config) []string {
	return []string{"--neo4j-uri", cfg.URI, "--neo4j-username", cfg.Username, "--neo4j-password", cfg.Password,
		"--neo4j-database", neo4jtest.Database(cfg)}
}

// exportNeo4j exports the test server's graph and returns the file's lines.
func exportNeo4j(tb testing.TB, cfg neo4jstore.Config) []string {
	tb.Helper()
	out := filepath.Join(tb.TempDir(), "export.jsonl")
	if code, _, stderr := runCommand(tb, nil, append([]string{"export", "--out", out}, neo4jFlags(cfg)...)...); code != 0 {
		tb.Fatalf("export from neo4j exited with %d:\n%s", code, stderr)
	}
	return readLines(tb, out)
}

// importNeo4j imports the lines into the test server.
func importNeo4j(tb testing.TB, cfg neo4jstore.Config, lines []string) {
	tb.Helper()
	args := append([]string{"import", writeLines(tb, lines)}, neo4jFlags(cfg)...)
	if code, _, stderr := runCommand(tb, nil, args...); code != 0 {
		tb.Fatalf("import into neo4j exited with %d:\n%s", code, stderr)
	}
}

// TestExportImportAcrossStores moves the demo from the embedded store into
// Neo4j and back into a new embedded file: each export holds exactly the
// records of the first, ids included.
func TestExportImportAcrossStores(t *testing.T) {
	cfg := neo4jtest.Config(t)
	neo4jtest.Clear(t, cfg)
	src, sum := seededDB(t)
	first := exportFile(t, src)

	importNeo4j(t, cfg, first)
	second := exportNeo4j(t, cfg)
	if len(second) != len(first) || !sameRecords(first, second) {
		t.Fatalf("export from neo4j after importing the embedded export differs: %d lines, want %d\n%s",
			len(second), len(first), firstDifference(first, second))
	}

	dst := filepath.Join(t.TempDir(), "back.db")
	if code, _, stderr := runCommand(t, nil, "import", "--db", dst, writeLines(t, second)); code != 0 {
		t.Fatalf("import into embedded exited with %d:\n%s", code, stderr)
	}
	if third := exportFile(t, dst); !sameRecords(first, third) {
		t.Fatalf("export after the round trip through neo4j differs\n%s", firstDifference(first, third))
	}

	// Importing the same file again into Neo4j changes nothing.
	importNeo4j(t, cfg, first)
	if again := exportNeo4j(t, cfg); !sameRecords(first, again) {
		t.Errorf("importing the file into neo4j a second time changed its records\n%s", firstDifference(first, again))
	}
	t.Logf("%d records through neo4j and back (%d people, %d ties)", len(first)-2, sum.People, sum.Ties)
}

// firstDifference names a record line in one export and not the other.
func firstDifference(a, b []string) string {
	in := func(lines []string) map[string]bool {
		m := map[string]bool{}
		for _, l := range lines[1:] {
			m[l] = true
		}
		return m
	}
	inA, inB := in(a), in(b)
	for _, l := range a[1:] {
		if !inB[l] {
			return "only in the first: " + l
		}
	}
	for _, l := range b[1:] {
		if !inA[l] {
			return "only in the second: " + l
		}
	}
	return "same record lines, different counts"
}

// TestServeOnNeo4j runs serve on Neo4j: ready, answering, a write, a
// shutdown as on SIGTERM, and a restart that finds the data (and so skips
// the demo).
func TestServeOnNeo4j(t *testing.T) {
	cfg := neo4jtest.Config(t)
	neo4jtest.Clear(t, cfg)
	src, sum := seededDB(t)
	importNeo4j(t, cfg, exportFile(t, src)) // the demo, faster than seeding it write by write

	first := startServe(t, append([]string{"--demo", "--rate-limit", "0"}, neo4jFlags(cfg)...)...)
	if got := first.peopleCount(t); got != sum.People {
		t.Fatalf("%d people served from neo4j, want the demo's %d", got, sum.People)
	}
	res, err := http.Get(first.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("/readyz = %d on neo4j", res.StatusCode)
	}
	body := strings.NewReader(`{"query":"mutation { createPerson(input: {name: \"Ann Restart\", externalId: \"restart-1\"}) { id } }"}`)
	res, err = http.Post(first.url+"/graphql", "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("createPerson = HTTP %d", res.StatusCode)
	}
	if code := first.stop(t); code != 0 {
		t.Fatalf("serve on neo4j exited with %d after cancel, want 0:\n%s", code, first.stderr)
	}
	for _, want := range []string{"demo data skipped", "neo4j " + cfg.URI, `"message":"stopped"`} {
		if !strings.Contains(first.stderr.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, first.stderr)
		}
	}
	if strings.Contains(first.stderr.String(), cfg.Password) {
		t.Error("the log shows the neo4j password")
	}

	second := startServe(t, neo4jFlags(cfg)...)
	if got := second.peopleCount(t); got != sum.People+1 {
		t.Errorf("%d people after the restart, want %d", got, sum.People+1)
	}
	if code := second.stop(t); code != 0 {
		t.Fatalf("second serve exited with %d:\n%s", code, second.stderr)
	}
}
