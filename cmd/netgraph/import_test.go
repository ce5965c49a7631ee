package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
)

func writeFile(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
}

// writeLines writes lines as an export file and returns its path.
func writeLines(tb testing.TB, lines []string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "graph.jsonl")
	content := strings.Join(lines, "\n")
	if len(lines) > 0 {
		content += "\n"
	}
	writeFile(tb, path, content)
	return path
}

// sameRecords reports whether two exports hold the same record lines (and
// end line), whatever their headers.
func sameRecords(a, b []string) bool {
	a, b = slices.Clone(a[1:]), slices.Clone(b[1:])
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestExportImportRoundTrip moves the demo from one embedded store to a fresh
// one and back out: the second export holds exactly the records of the first.
func TestExportImportRoundTrip(t *testing.T) {
	src, sum := seededDB(t)
	first := exportFile(t, src)
	file := writeLines(t, first)
	dst := filepath.Join(t.TempDir(), "dst.db")

	// The file may come before the flags; small batches make several transactions.
	code, _, stderr := runCommand(t, nil, "import", file, "--db", dst, "--batch", "500")
	if code != 0 {
		t.Fatalf("import exited with %d:\n%s", code, stderr)
	}
	// stderr is no terminal here: no progress bar, only the summary line.
	if strings.Contains(stderr, "\r") || strings.Contains(stderr, "checking ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr, not a terminal, shows more than the summary:\n%q", stderr)
	}
	want := app.RecordCounts{Organisations: sum.Organisations, Networks: sum.Networks, People: sum.People,
		Affiliations: sum.Affiliations, Memberships: sum.Memberships, Ties: sum.Ties, Partnerships: sum.Partnerships}
	if !strings.Contains(stderr, fmt.Sprintf("imported %d records", want.Total())) || !strings.Contains(stderr, want.String()) {
		t.Errorf("summary lacks the counts %s:\n%s", want, stderr)
	}
	if batches := (uint64(want.Total()) + 499) / 500; dataVersion(t, dst) != batches {
		t.Errorf("data version %d after the import, want one per batch (%d)", dataVersion(t, dst), batches)
	}

	second := exportFile(t, dst)
	if len(second) != len(first) || !sameRecords(first, second) {
		t.Fatalf("export after import differs: %d lines, want %d", len(second), len(first))
	}

	t.Run("AgainChangesNothing", func(t *testing.T) {
		if code, _, stderr := runCommand(t, nil, "import", "--db", dst, file); code != 0 {
			t.Fatalf("second import exited with %d:\n%s", code, stderr)
		}
		if third := exportFile(t, dst); !sameRecords(first, third) {
			t.Error("importing the same file again changed the records")
		}
	})
	t.Run("RelationsToEntitiesInTheStore", func(t *testing.T) {
		// Only the ties: the people they join are already in dst.
		var ties []string
		for _, l := range first {
			if strings.HasPrefix(l, `{"tie":`) {
				ties = append(ties, l)
			}
		}
		lines := append([]string{first[0]}, ties...)
		lines = append(lines, fmt.Sprintf(`{"netgraph":"end","records":%d}`, len(ties)))
		if code, _, stderr := runCommand(t, nil, "import", "--db", dst, writeLines(t, lines)); code != 0 {
			t.Fatalf("import of ties between people in the store exited with %d:\n%s", code, stderr)
		}
	})
}

// TestImportRefusesBadFile checks that a file with any fault imports nothing,
// even when the fault is near the end, after many good batches.
func TestImportRefusesBadFile(t *testing.T) {
	src, _ := seededDB(t)
	good := exportFile(t, src)
	n := len(good)
	last := func(prefix string) int { // index of the last line of a kind
		for i := n - 1; i >= 0; i-- {
			if strings.HasPrefix(good[i], prefix) {
				return i
			}
		}
		t.Fatalf("no %s line", prefix)
		return -1
	}
	record := func(i int, change func(r *netgraph.Record)) string { // line i, changed
		var r netgraph.Record
		if err := json.Unmarshal([]byte(good[i]), &r); err != nil {
			t.Fatal(err)
		}
		change(&r)
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	replace := func(i int, line string) []string {
		lines := slices.Clone(good)
		lines[i] = line
		return lines
	}
	edit := func(i int, change func(r *netgraph.Record)) []string { return replace(i, record(i, change)) }
	line := func(i int) string { return "line " + strconv.Itoa(i+1) + ":" }
	person, tie := last(`{"person":`), last(`{"tie":`)

	for _, c := range []struct {
		name  string
		lines []string
		want  []string
	}{
		{"BadJSON", replace(n-2, `{"tie": {"From": "a",`), []string{line(n - 2)}},
		{"UnknownField", replace(n-2, `{"tie":{"Form":"a"}}`), []string{line(n - 2), `unknown field "Form"`}},
		{"BadRecord", edit(person, func(r *netgraph.Record) { r.Person.Name = " " }), []string{line(person), "person.name"}},
		{"TwoEntities", replace(n-2, `{"organisation":{"ID":"o","Name":"A"},"network":{"ID":"n","Name":"B"}}`),
			[]string{line(n - 2), "exactly one"}},
		{"NoEntity", replace(n-2, `{}`), []string{line(n - 2), "exactly one"}},
		{"UnknownPerson", edit(tie, func(r *netgraph.Record) { r.Tie.To = "nobody" }),
			[]string{line(tie), "tie.to", `"nobody" is neither earlier in the file nor in the store`}},
		{"RelationBeforeItsPeople", slices.Insert(slices.Clone(good), 1, good[tie]), []string{"line 2:", "tie.from"}},
		{"ExternalIDTwice", slices.Insert(slices.Clone(good), person+1, record(person, func(r *netgraph.Record) { r.Person.ID = "another-id" })),
			[]string{line(person + 1), "person.externalId", "already names person"}},
		{"MetaFieldsInARecord", replace(n-2, strings.Replace(good[tie], `{"tie":`, `{"version":1,"tie":`, 1)), []string{line(n - 2), "not both"}},
		{"NoHeader", good[1:], []string{"line 1: not a netgraph export"}},
		{"NotAnExport", replace(0, `{"hello":"world"}`), []string{"not a netgraph export", "line 1"}},
		{"OtherHeader", replace(0, `{"netgraph":"backup","version":1}`), []string{"line 1: not a netgraph export"}},
		{"WrongVersion", replace(0, strings.Replace(good[0], `"version":1`, `"version":2`, 1)),
			[]string{"line 1: export format version 2; this netgraph reads version 1"}},
		{"NoExportedAt", replace(0, `{"netgraph":"export","version":1,"dataVersion":3}`), []string{"no exportedAt"}},
		{"Empty", nil, []string{"empty"}},
		{"CutShort", good[:n/2], []string{"without its end line", "cut short"}},
		{"NoEndLine", good[:n-1], []string{"without its end line"}},
		{"WrongCount", replace(n-1, `{"netgraph":"end","records":3}`), []string{line(n - 1), "counts 3 records"}},
		{"MoreAfterTheEnd", append(slices.Clone(good), good[tie]), []string{line(n), "more after the end line"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "dst.db")
			before := dataVersion(t, dst) // creates the empty store
			code, _, stderr := runCommand(t, nil, "import", "--db", dst, "--batch", "100", writeLines(t, c.lines))
			if code != 1 {
				t.Fatalf("exit code %d, want 1:\n%s", code, stderr)
			}
			for _, w := range append(c.want, "nothing imported") {
				if !strings.Contains(stderr, w) {
					t.Errorf("error does not mention %q:\n%s", w, stderr)
				}
			}
			if after := dataVersion(t, dst); after != before {
				t.Errorf("data version %d after a refused import, want %d: something was imported", after, before)
			}
		})
	}
}

func TestImportUsage(t *testing.T) {
	file := writeLines(t, []string{`{"netgraph":"export","version":1,"dataVersion":0,"exportedAt":"2025-01-01T00:00:00Z"}`, `{"netgraph":"end","records":0}`})
	db := filepath.Join(t.TempDir(), "x.db")
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"NoFile", []string{"--db", db}, 2, "name one export file"},
		{"TwoFiles", []string{"--db", db, file, file}, 2, "name one export file"},
		{"Stdin", []string{"--db", db, "-"}, 2, "not standard input"},
		{"BadBatch", []string{"--db", db, "--batch", "0", file}, 2, "--batch 0"},
		{"MissingFile", []string{"--db", db, file + ".missing"}, 1, "no such file"},
		{"EmptyExport", []string{"--db", db, file}, 0, "imported 0 records"},
		{"AfterDoubleDash", []string{"--db", db, "--", file}, 0, "imported 0 records"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCommand(t, nil, append([]string{"import"}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit code %d, want %d mentioning %q:\n%s", code, c.code, c.want, stderr)
			}
		})
	}
}

func TestSplitArgs(t *testing.T) {
	fs := newFlagSet(Env{}, "test", "")
	fs.String("db", "", "")
	fs.Bool("verbose", false, "")
	for _, c := range []struct {
		args        []string
		flags, rest []string
	}{
		{[]string{"f.jsonl"}, nil, []string{"f.jsonl"}},
		{[]string{"--db", "x.db", "f.jsonl"}, []string{"--db", "x.db"}, []string{"f.jsonl"}},
		{[]string{"f.jsonl", "-db=x.db", "--verbose", "g"}, []string{"-db=x.db", "--verbose"}, []string{"f.jsonl", "g"}},
		{[]string{"--db", "x.db", "--", "--odd-name"}, []string{"--db", "x.db"}, []string{"--odd-name"}},
		{[]string{"-"}, nil, []string{"-"}},
		{[]string{"--db"}, []string{"--db"}, nil},
	} {
		flags, rest := splitArgs(fs, c.args)
		if !slices.Equal(flags, c.flags) || !slices.Equal(rest, c.rest) {
			t.Errorf("splitArgs(%q) = %q, %q; want %q, %q", c.args, flags, rest, c.flags, c.rest)
		}
	}
}

// TestImportSummaryCountsWhatIsKept checks that the summary counts the ties
// the store keeps: a tie given both ways round is one tie.
func TestImportSummaryCountsWhatIsKept(t *testing.T) {
	const at = `"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z"`
	file := writeLines(t, []string{
		`{"netgraph":"export","version":1,"dataVersion":3,"exportedAt":"2025-01-02T03:04:05Z"}`,
		`{"person":{"id":"per_A","name":"Ann",` + at + `}}`,
		`{"person":{"id":"per_B","name":"Ben",` + at + `}}`,
		`{"tie":{"from":"per_A","to":"per_B","kind":"KNOWS","strength":1,"since":"2025-01-01T00:00:00Z"}}`,
		`{"tie":{"from":"per_B","to":"per_A","kind":"KNOWS","strength":2,"since":"2025-01-01T00:00:00Z"}}`,
		`{"netgraph":"end","records":4}`,
	})
	code, _, stderr := runCommand(t, nil, "import", "--db", filepath.Join(t.TempDir(), "x.db"), file)
	if code != 0 {
		t.Fatalf("exit code %d:\n%s", code, stderr)
	}
	for _, want := range []string{"imported 4 records", "2 people", "1 ties", "1 records repeated"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary does not say %q:\n%s", want, stderr)
		}
	}
}
