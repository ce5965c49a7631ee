package app_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/demo"
	"github.com/netgraph/netgraph/store/embedded"
)

// openStore returns a fresh embedded store, closed when the test ends.
func openStore(tb testing.TB) *embedded.Store {
	tb.Helper()
	s, err := embedded.Open(filepath.Join(tb.TempDir(), "netgraph.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// demoExport returns an export file of the demo network.
func demoExport(tb testing.TB) []byte {
	tb.Helper()
	s := openStore(tb)
	if _, err := demo.Seed(context.Background(), s); err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if _, _, err := app.Export(context.Background(), s, &b, time.Now()); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// failingStore is an embedded store whose Import fails from the given call on.
type failingStore struct {
	*embedded.Store
	calls, failFrom int
}

func (s *failingStore) Import(ctx context.Context, records []netgraph.Record) error {
	if s.calls++; s.calls >= s.failFrom {
		return netgraph.Errorf(netgraph.EUNAVAILABLE, "connection lost")
	}
	return s.Store.Import(ctx, records)
}

// TestImportStoreFailsMidway checks what a store failure in the second pass
// reports: the lines of the failed batch, and what was imported before it.
func TestImportStoreFailsMidway(t *testing.T) {
	file := demoExport(t)
	done, err := app.Import(context.Background(), bytes.NewReader(file), &failingStore{Store: openStore(t), failFrom: 3}, 100)
	if err == nil || !strings.Contains(err.Error(), "lines 202–301") || netgraph.ErrorCode(err) != netgraph.EUNAVAILABLE {
		t.Fatalf("got %v, want EUNAVAILABLE naming lines 202–301", err)
	}
	if done.Total() != 200 {
		t.Errorf("reported %d records imported, want the 200 of the first two batches", done.Total())
	}
}

// changingStore is a store that is written to between the export reading
// its data version and reading its graph.
type changingStore struct{}

func (changingStore) DataVersion(context.Context) (uint64, error) { return 7, nil }

func (changingStore) ReadGraph(_ context.Context, fn func(netgraph.Record) error) (uint64, error) {
	return 8, fn(netgraph.Record{Organisation: &netgraph.Organisation{ID: "o1", Name: "Acme"}})
}

func TestExportStoreChanged(t *testing.T) {
	var out strings.Builder
	_, _, err := app.Export(context.Background(), changingStore{}, &out, time.Now())
	if err == nil || !strings.Contains(err.Error(), "data version 7, then 8") {
		t.Fatalf("got %v, want an error naming both versions", err)
	}
	if strings.Contains(out.String(), `"netgraph":"end"`) {
		t.Errorf("a failed export wrote its end line, so import would take it:\n%s", out.String())
	}
}

const (
	header = `{"netgraph":"export","version":1,"dataVersion":3,"exportedAt":"2025-01-02T03:04:05Z"}`
	ann    = `{"person":{"id":"per_A","name":"Ann","consent":true,"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z"}}`
	ben    = `{"person":{"id":"per_B","name":"Ben","consent":true,"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-02T00:00:00Z"}}`
)

// file joins records into an export file with its header and end line.
func file(records ...string) string {
	lines := append([]string{header}, records...)
	lines = append(lines, fmt.Sprintf(`{"netgraph":"end","records":%d}`, len(records)))
	return strings.Join(lines, "\n") + "\n"
}

// TestCheckImportRefuses checks the rules of an export file that go beyond
// a record's fields, each error naming the line and the column of the key
// at fault (columns count bytes from 1).
func TestCheckImportRefuses(t *testing.T) {
	for _, c := range []struct {
		name, record string
		line, column int
		want         string
	}{
		{"IDWithSpaces", strings.Replace(ann, `"per_A"`, `" per_A"`, 1), 2, 12, "person.id: must not start or end with spaces"},
		{"UpdatedBeforeCreated", strings.Replace(ben, `"2025-01-02T00:00:00Z"`, `"2024-12-31T00:00:00Z"`, 1), 2, 88, "person.updatedAt: must not be before createdAt"},
		{"ZeroCreatedAt", strings.Replace(ann, `"createdAt":"2025-01-01T00:00:00Z"`, `"createdAt":"0001-01-01T00:00:00Z"`, 1), 2, 53, "person.createdAt: must be set"},
		{"NoUpdatedAt", strings.Replace(ann, `,"updatedAt":"2025-01-01T00:00:00Z"`, ``, 1), 2, 0, "person.updatedAt: must be set"},
		{"TieWithoutSince", `{"tie":{"from":"per_A","to":"per_B","kind":"KNOWS","strength":1}}`, 3, 0, "tie.since: must be set"},
		{"ZeroSince", `{"affiliation":{"personId":"per_A","organisationId":"org_1","since":"0001-01-01T00:00:00Z"}}`, 3, 61, "affiliation.since"},
		{"DuplicateKey", strings.Replace(ann, `"name":"Ann"`, `"name":"Ann","name":"Eve"`, 1), 2, 38, `key "name" appears twice`},
		{"DuplicateKeyOtherCase", strings.Replace(ann, `"name":"Ann"`, `"name":"Ann","Name":"Eve"`, 1), 2, 38, `key "Name" appears twice`},
		{"DuplicateRecordKey", `{"person":{"id":"per_C","name":"C"},"person":{"id":"per_D","name":"D"}}`, 2, 37, `key "person" appears twice`},
	} {
		t.Run(c.name, func(t *testing.T) {
			records := []string{c.record}
			if c.line == 3 {
				records = []string{ann, c.record}
			}
			if c.name == "ZeroSince" {
				records = []string{`{"organisation":{"id":"org_1","name":"O","sector":"OTHER","createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z"}}`,
					ann, c.record}
				c.line = 4
			}
			_, err := app.CheckImport(context.Background(), strings.NewReader(file(records...)), openStore(t))
			var le *app.LineError
			if !errors.As(err, &le) || le.Line != c.line || le.Column != c.column || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want line %d, column %d: %s", err, c.line, c.column, c.want)
			}
		})
	}
}

// TestCheckImportCountsWhatIsKept checks that records repeating an earlier
// record's identity are counted once in Kept: a tie recorded both ways
// round is one tie.
func TestCheckImportCountsWhatIsKept(t *testing.T) {
	ab := `{"tie":{"from":"per_A","to":"per_B","kind":"KNOWS","strength":1,"since":"2025-01-01T00:00:00Z"}}`
	ba := `{"tie":{"from":"per_B","to":"per_A","kind":"KNOWS","strength":2,"since":"2025-01-01T00:00:00Z"}}`
	c, err := app.CheckImport(context.Background(), strings.NewReader(file(ann, ben, ann, ab, ba)), openStore(t))
	if err != nil {
		t.Fatal(err)
	}
	if c.Records.People != 3 || c.Records.Ties != 2 || c.Kept.People != 2 || c.Kept.Ties != 1 {
		t.Errorf("records %s, kept %s; want 3 people and 2 ties read, 2 people and 1 tie kept", c.Records, c.Kept)
	}
}
