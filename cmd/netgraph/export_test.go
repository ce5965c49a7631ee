package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/demo"
	"github.com/netgraph/netgraph/store/embedded"
)

// seededDB returns the path of an embedded database holding the demo, with
// the demo's summary.
func seededDB(tb testing.TB) (string, demo.Summary) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "seeded.db")
	s, err := embedded.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	sum, err := demo.Seed(context.Background(), s)
	if err != nil {
		tb.Fatal(err)
	}
	return path, sum
}

// runCommand runs netgraph with args and the environment vars, and returns
// the exit code and what it wrote.
func runCommand(tb testing.TB, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	tb.Helper()
	env, out, errOut := testEnv(vars)
	code = run(context.Background(), args, env)
	return code, out.String(), errOut.String()
}

// exportFile exports the embedded database at db to a file and returns its lines.
func exportFile(tb testing.TB, db string) []string {
	tb.Helper()
	out := filepath.Join(tb.TempDir(), "export.jsonl")
	if code, _, stderr := runCommand(tb, nil, "export", "--db", db, "--out", out); code != 0 {
		tb.Fatalf("export exited with %d:\n%s", code, stderr)
	}
	return readLines(tb, out)
}

func readLines(tb testing.TB, path string) []string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// dataVersion opens the embedded database at path and returns its data version.
func dataVersion(tb testing.TB, path string) uint64 {
	tb.Helper()
	s, err := embedded.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	v, err := s.DataVersion(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// kindOf returns the position of a record's kind in ReadGraph's order.
func kindOf(r netgraph.Record) int {
	for i, set := range []bool{r.Organisation != nil, r.Network != nil, r.Person != nil, r.Affiliation != nil,
		r.Membership != nil, r.Tie != nil, r.Partnership != nil} {
		if set {
			return i
		}
	}
	return -1
}

func TestExport(t *testing.T) {
	db, sum := seededDB(t)
	version := dataVersion(t, db)
	out := filepath.Join(t.TempDir(), "graph.jsonl")
	code, stdout, stderr := runCommand(t, nil, "export", "--db", db, "--out", out)
	if code != 0 {
		t.Fatalf("exit code %d:\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("export to a file wrote to stdout: %.200s", stdout)
	}
	lines := readLines(t, out)

	t.Run("Header", func(t *testing.T) {
		var h app.ExportHeader
		dec := json.NewDecoder(strings.NewReader(lines[0]))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&h); err != nil {
			t.Fatalf("header %s: %v", lines[0], err)
		}
		if h.Netgraph != "export" || h.Version != 1 || h.DataVersion != version || h.ExportedAt.IsZero() {
			t.Errorf("header %s, want export version 1 at data version %d", lines[0], version)
		}
	})
	t.Run("RecordsInDependencyOrder", func(t *testing.T) {
		var counts app.RecordCounts
		last := 0
		for i, l := range lines[1 : len(lines)-1] {
			var r netgraph.Record
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatalf("line %d: %v", i+2, err)
			}
			k := kindOf(r)
			if k < last {
				t.Fatalf("line %d (%s) comes after a later kind", i+2, l)
			}
			last = k
			counts.Add(r)
		}
		want := app.RecordCounts{Organisations: sum.Organisations, Networks: sum.Networks, People: sum.People,
			Affiliations: sum.Affiliations, Memberships: sum.Memberships, Ties: sum.Ties, Partnerships: sum.Partnerships}
		if counts != want {
			t.Errorf("exported %s, want the demo's %s", counts, want)
		}
		if end, want := lines[len(lines)-1], `{"netgraph":"end","records":`+strconv.Itoa(want.Total())+`}`; end != want {
			t.Errorf("last line %s, want %s", end, want)
		}
		if !strings.Contains(stderr, "exported "+strconv.Itoa(want.Total())+" records") || !strings.Contains(stderr, want.String()) {
			t.Errorf("summary on stderr lacks the counts:\n%s", stderr)
		}
	})
	t.Run("FileModeOwnerOnly", func(t *testing.T) {
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600: an export holds personal data", fi.Mode().Perm())
		}
		if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
			t.Errorf("directory holds %d entries, want only the export", len(entries))
		}
	})
	t.Run("Stdout", func(t *testing.T) {
		code, stdout, stderr := runCommand(t, nil, "export", "--db", db)
		if code != 0 {
			t.Fatalf("exit code %d:\n%s", code, stderr)
		}
		got := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if strings.Join(got[1:], "\n") != strings.Join(lines[1:], "\n") {
			t.Error("export to stdout differs from export to a file")
		}
	})
	t.Run("Errors", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "missing.db")
		for _, c := range []struct {
			name string
			args []string
			code int
			want string
		}{
			{"MissingDatabase", []string{"--db", missing}, 1, "no such file"},
			{"OutIsTheDatabase", []string{"--db", db, "--out", db}, 2, "is the database being exported"},
			{"OutIsADirectory", []string{"--db", db, "--out", t.TempDir()}, 2, "is a directory"},
			{"StrayArgument", []string{"--db", db, "extra"}, 2, "unexpected argument"},
		} {
			t.Run(c.name, func(t *testing.T) {
				code, _, stderr := runCommand(t, nil, append([]string{"export"}, c.args...)...)
				if code != c.code || !strings.Contains(stderr, c.want) {
					t.Errorf("exit code %d, want %d mentioning %q:\n%s", code, c.code, c.want, stderr)
				}
			})
		}
		if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("export created the missing database: %v", err)
		}
	})
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "graph.jsonl")
	writeFile(t, path, "old\n")

	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("store went away")
	})
	if err == nil || !strings.Contains(err.Error(), "store went away") {
		t.Fatalf("got %v, want the write's error", err)
	}
	if got := strings.Join(readLines(t, path), "\n"); got != "old" {
		t.Errorf("a failed export changed the file to %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed export left %d files, want only the original", len(entries))
	}

	if err := writeFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "new\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(readLines(t, path), "\n"); got != "new" {
		t.Errorf("file holds %q, want the new export", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files after a successful export, want 1", len(entries))
	}
}
