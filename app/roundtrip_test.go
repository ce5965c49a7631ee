package app_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/store/storetest"
)

// TestExportImportEveryField moves records with every field set
// (storetest.FilledRecords) through an export file into another store: a
// field the file format or either pass drops fails here.
func TestExportImportEveryField(t *testing.T) {
	ctx := context.Background()
	recs := storetest.FilledRecords()
	src := openStore(t)
	if err := src.Import(ctx, recs); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if _, _, err := app.Export(ctx, src, &file, time.Now()); err != nil {
		t.Fatal(err)
	}
	dst := openStore(t)
	if _, err := app.CheckImport(ctx, bytes.NewReader(file.Bytes()), dst); err != nil {
		t.Fatalf("CheckImport: %v\n%s", err, file.String())
	}
	if _, err := app.Import(ctx, bytes.NewReader(file.Bytes()), dst, 2); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, r := range recs {
		want = append(want, storetest.RecordJSON(r))
	}
	if _, err := dst.ReadGraph(ctx, func(r netgraph.Record) error {
		got = append(got, storetest.RecordJSON(r))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("after export and import:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
