package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
)

// spreadsheetExtensions are the file names import reads as spreadsheets.
var spreadsheetExtensions = []string{".csv", ".tsv", ".xlsx", ".xlsm"}

// spreadsheets reports whether every file is a spreadsheet by its name.
func spreadsheets(files []string) bool {
	for _, f := range files {
		if !slices.Contains(spreadsheetExtensions, strings.ToLower(filepath.Ext(f))) {
			return false
		}
	}
	return true
}

// importSpreadsheets runs `netgraph import` on spreadsheets: read them all,
// plan, write in one transaction (or, with dryRun, only say what would
// change).
func importSpreadsheets(ctx context.Context, env Env, sf *storeFlags, files []string, dryRun bool, logFormat, logLevel string) error {
	progress := newProgress(env.Stderr)
	defer progress.Done()
	var sheets []app.Sheet
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		var size int64
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		s, err := app.ReadSheets(path, progress.Reader("reading "+path, f, size))
		f.Close()
		if err != nil {
			return fmt.Errorf("%w (nothing imported)", err)
		}
		sheets = append(sheets, s...)
	}
	logger, err := newLogger(env.Stderr, logFormat, logLevel)
	if err != nil {
		return err
	}
	return sf.withStore(ctx, logger, func(store netgraph.Store, desc string) error {
		before, err := store.DataVersion(ctx)
		if err != nil {
			return fmt.Errorf("data version of %s: %w", desc, err)
		}
		stage := fmt.Sprintf("checking %d sheets against %s", len(sheets), desc)
		if !dryRun {
			stage += " and writing what changed"
		}
		progress.Stage(stage)
		plan, err := app.ImportSheets(ctx, store, sheets, time.Now(), dryRun)
		progress.Done()
		if err != nil {
			return fmt.Errorf("%w (nothing imported)", err)
		}
		fmt.Fprint(env.Stderr, plan)
		switch {
		case dryRun:
			fmt.Fprintf(env.Stderr, "%d records would be written to %s; nothing written (--dry-run)\n", len(plan.Records), desc)
		default:
			after, err := store.DataVersion(ctx)
			if err != nil {
				return fmt.Errorf("data version of %s: %w", desc, err)
			}
			fmt.Fprintf(env.Stderr, "wrote %d records to %s; data version %d → %d\n", len(plan.Records), desc, before, after)
		}
		return nil
	})
}
