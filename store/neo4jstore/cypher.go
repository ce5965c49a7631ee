package neo4jstore

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

// The store's Cypher lives in cypher/*.cypher, one statement per file, linted
// in CI by lint/run.sh. Go code never assembles Cypher: it names a statement
// and passes every value as a parameter.
//
//go:embed cypher/*.cypher
var cypherFS embed.FS

// statement is one Cypher statement, named after its file.
type statement struct {
	name string
	text string
}

// statements holds every embedded statement by name; used records the names
// the package refers to, so a test can check that no file is left unused.
var (
	statements = loadStatements(cypherFS, "cypher")
	used       = map[string]bool{}
)

// loadStatements reads every .cypher file directly in dir.
func loadStatements(fsys fs.FS, dir string) map[string]string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		panic("neo4jstore: read embedded cypher: " + err.Error())
	}
	m := make(map[string]string, len(entries))
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".cypher")
		if !ok || e.IsDir() {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			panic("neo4jstore: read embedded cypher: " + err.Error())
		}
		m[name] = string(b)
	}
	return m
}

// mustStatement returns the statement in cypher/<name>.cypher. It is called
// only while initialising the package variables below, so a missing file
// stops the program (and every test) at start-up.
func mustStatement(name string) statement {
	text, ok := statements[name]
	if !ok {
		panic("neo4jstore: no statement cypher/" + name + ".cypher")
	}
	used[name] = true
	return statement{name: name, text: text}
}

// Schema: constraints and indexes created at Open when missing, in order.
// A relationship uniqueness constraint needs Neo4j 5.7; before that the
// fallback index is created instead.
var schema = []struct {
	create, fallback statement
}{
	{create: mustStatement("schema_meta_id")},
	{create: mustStatement("schema_person_id")},
	{create: mustStatement("schema_person_external_id")},
	{create: mustStatement("schema_organisation_id")},
	{create: mustStatement("schema_organisation_external_id")},
	{create: mustStatement("schema_organisation_sector")},
	{create: mustStatement("schema_network_id")},
	{create: mustStatement("schema_network_external_id")},
	{create: mustStatement("schema_network_type")},
	{create: mustStatement("schema_tie_key"), fallback: mustStatement("schema_tie_key_index")},
	{create: mustStatement("schema_partnership_key"), fallback: mustStatement("schema_partnership_key_index")},
	{create: mustStatement("schema_audit_entry_id")},
	{create: mustStatement("schema_audit_entry_at")},
	{create: mustStatement("schema_membership_request_id")},
}

// The data version.
var (
	qMetaLock    = mustStatement("meta_lock")
	qMetaBump    = mustStatement("meta_bump")
	qMetaVersion = mustStatement("meta_version")
)
