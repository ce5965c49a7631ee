package neo4jstore

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// Every statement the package names exists (or the package would not have
// initialised), and every embedded file is named by the package.
func TestStatementsAllUsed(t *testing.T) {
	if len(statements) == 0 {
		t.Fatal("no statements embedded")
	}
	var unused []string
	for name := range statements {
		if !used[name] {
			unused = append(unused, name)
		}
	}
	slices.Sort(unused)
	if len(unused) > 0 {
		t.Errorf("cypher/*.cypher files no code uses: %v", unused)
	}
	for name := range used {
		if _, ok := statements[name]; !ok {
			t.Errorf("statement %s is used but has no file", name)
		}
	}
}

func TestMustStatementPanicsOnMissingFile(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "cypher/no_such_statement.cypher") {
			t.Errorf("recovered %v; want a panic naming the missing file", r)
		}
	}()
	mustStatement("no_such_statement")
}

func TestLoadStatements(t *testing.T) {
	fsys := fstest.MapFS{
		"cypher/a.cypher":          {Data: []byte("RETURN 1 AS a\n")},
		"cypher/notes.md":          {Data: []byte("not cypher")},
		"cypher/testonly/b.cypher": {Data: []byte("RETURN 2 AS b\n")},
	}
	got := loadStatements(fsys, "cypher")
	if len(got) != 1 || got["a"] != "RETURN 1 AS a\n" {
		t.Errorf("loaded %q; want only a.cypher (not other files, not subdirectories)", got)
	}
}

// Statements take values only as parameters: no Go formatting verbs, no
// string concatenation placeholders, and the test-only statements stay out
// of the store.
func TestStatementsAreParameterised(t *testing.T) {
	verb := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	for name, text := range statements {
		if verb.MatchString(text) {
			t.Errorf("%s contains a formatting verb: values must be $parameters", name)
		}
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s is empty", name)
		}
	}
	if _, err := fs.Stat(cypherFS, "cypher/testonly"); err == nil {
		t.Error("cypher/testonly is embedded in the store")
	}
}
