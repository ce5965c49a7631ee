package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestImportSpreadsheets runs `netgraph import` on the CSV templates as a
// facilitator would: a dry run, the import, the same import again, and a
// file with a bad cell.
func TestImportSpreadsheets(t *testing.T) {
	db := filepath.Join(t.TempDir(), "netgraph.db")
	files, err := filepath.Glob("../../docs/templates/*.csv")
	if err != nil || len(files) != 7 {
		t.Fatalf("templates %v, %v", files, err)
	}
	steps := []struct {
		name string
		args []string
		want []string
	}{
		{"DryRun", append([]string{"import", "--db", db, "--dry-run"}, files...),
			[]string{"people: 3 new, 0 changed, 0 unchanged", "14 records would be written", "nothing written (--dry-run)"}},
		{"Import", append([]string{"import", "--db", db}, files...),
			[]string{"ties: 3 new", "wrote 14 records", "data version 0 → 1"}},
		{"Again", append([]string{"import", "--db", db}, files...),
			[]string{"people: 0 new, 0 changed, 3 unchanged", "wrote 0 records", "data version 1 → 1"}},
	}
	for _, s := range steps {
		code, _, stderr := runCommand(t, nil, s.args...)
		if code != 0 {
			t.Fatalf("%s: exit code %d:\n%s", s.name, code, stderr)
		}
		for _, w := range s.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr does not say %q:\n%s", s.name, w, stderr)
			}
		}
		// stderr is no terminal here: no progress bar, only the summary.
		for _, w := range []string{"\r", "reading ", "checking "} {
			if strings.Contains(stderr, w) {
				t.Errorf("%s: stderr, not a terminal, shows progress (%q):\n%q", s.name, w, stderr)
			}
		}
	}

	bad := filepath.Join(t.TempDir(), "people.csv")
	writeFile(t, bad, "external_id,name,email\nx1,Zed,zed@\n")
	code, _, stderr := runCommand(t, nil, "import", "--db", db, bad)
	if code != 1 || !strings.Contains(stderr, bad+" line 2, column 3 (email): ") || !strings.Contains(stderr, "(nothing imported)") {
		t.Errorf("exit code %d:\n%s", code, stderr)
	}
}
