package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
)

func init() {
	register(command{name: "import", summary: "load spreadsheets (CSV, XLSX) or a file written by export into a store", run: runImport})
}

const importSynopsis = `netgraph import [flags] FILE… loads spreadsheets into a store (the embedded
file --db, or Neo4j): CSV files (comma, semicolon or tab separated) and XLSX
workbooks, each file or sheet named after what its rows are — people,
organisations, networks, affiliations, memberships, ties, partnerships —
with rows naming each other by external id (docs/import.md lists the columns).
Every row is checked first, naming file, line and column; then everything
new or changed is written in one transaction, or nothing is. Rows match the
store by external id, so importing the same files again changes nothing.
--dry-run prints what would change and writes nothing.

netgraph import [flags] FILE loads FILE, written by "netgraph export", into a
store. Records keep their ids and replace
whatever has the same id, so importing a file again changes nothing more.

It reads FILE twice. The first pass checks all of it and imports nothing if
anything is wrong, naming the line: the header and end lines, every record's
fields, that every relation's people, organisations and networks come earlier
in the file or are already in the store, and that no external id would name
two entities. The second pass imports the records in batches of --batch, each
batch one transaction. If the store fails part way (a lost connection, say),
the batches before the failure stay imported: run the same import again to
complete it. A counts summary goes to stderr; on a terminal, a progress bar
shows each file as it is read.`

// runImport runs `netgraph import`.
func runImport(ctx context.Context, env Env, args []string) error {
	var (
		sf                  storeFlags
		batch               int
		dryRun              bool
		logFormat, logLevel string
	)
	fs := newFlagSet(env, "import", importSynopsis)
	sf.register(fs)
	fs.IntVar(&batch, "batch", 1000, "records per transaction (export files)")
	fs.BoolVar(&dryRun, "dry-run", false, "check the files and say what would change; write nothing")
	fs.StringVar(&logFormat, "log-format", "console", "log format: json or console")
	fs.StringVar(&logLevel, "log-level", "warn", "log level: trace, debug, info, warn or error")
	flagArgs, files := splitArgs(fs, args)
	if err := parseFlags(fs, flagArgs, env.Getenv); err != nil {
		return err
	}
	if err := sf.resolve(fs, env.Getenv); err != nil {
		return err
	}
	if len(files) > 0 && spreadsheets(files) {
		return importSpreadsheets(ctx, env, &sf, files, dryRun, logFormat, logLevel)
	}
	switch {
	case len(files) != 1:
		return usageError{fmt.Errorf("name one export file to import (got %d arguments)", len(files))}
	case files[0] == "-":
		return usageError{errors.New("import reads its file twice (to check it, then to load it), so it needs a file, not standard input")}
	case batch < 1:
		return usageError{fmt.Errorf("--batch %d: want at least 1", batch)}
	}
	path := files[0]
	logger, err := newLogger(env.Stderr, logFormat, logLevel)
	if err != nil {
		return err
	}

	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close() // read only: nothing to lose on close
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	progress := newProgress(env.Stderr)
	defer progress.Done()

	return sf.withStore(ctx, logger, func(store netgraph.Store, desc string) error {
		before, err := store.DataVersion(ctx)
		if err != nil {
			return fmt.Errorf("data version of %s: %w", desc, err)
		}
		check, err := app.CheckImport(ctx, progress.Reader("checking "+path, f, size), store)
		progress.Done()
		if err != nil {
			return fmt.Errorf("%s: %w (nothing imported)", path, err)
		}
		if dryRun {
			fmt.Fprintf(env.Stderr, "%s would import %d records into %s: %s; nothing written (--dry-run)\n", path, check.Records.Total(), desc, check.Kept)
			return nil
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		imported, err := app.Import(ctx, progress.Reader("importing "+path+" into "+desc, f, size), store, batch)
		progress.Done()
		if err != nil {
			if imported.Total() == 0 {
				return fmt.Errorf("import %s into %s: %w (nothing imported)", path, desc, err)
			}
			return fmt.Errorf("import %s into %s: %w (the first %d records stay imported; run the import again to complete it)",
				path, desc, err, imported.Total())
		}
		if imported != check.Records {
			return fmt.Errorf("import %s into %s: the file changed while it was imported (checked %s; imported %s)", path, desc, check.Records, imported)
		}
		after, err := store.DataVersion(ctx)
		if err != nil {
			return fmt.Errorf("data version of %s: %w", desc, err)
		}
		fmt.Fprintf(env.Stderr, "imported %d records into %s (exported at data version %d on %s): %s",
			check.Records.Total(), desc, check.Header.DataVersion, check.Header.ExportedAt.Format(time.RFC3339), check.Kept)
		if repeated := check.Records.Total() - check.Kept.Total(); repeated > 0 {
			fmt.Fprintf(env.Stderr, " (%d records repeated an earlier line's person, organisation, network, relation or tie, and replaced it)", repeated)
		}
		fmt.Fprintf(env.Stderr, "; data version %d → %d\n", before, after)
		return nil
	})
}

// splitArgs separates flags and their values from other arguments, so FILE
// may come before or after the flags; after "--" everything is an argument.
func splitArgs(fs *flag.FlagSet, args []string) (flags, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(rest, args[i+1:]...)
		case len(a) < 2 || a[0] != '-':
			rest = append(rest, a)
		default:
			flags = append(flags, a)
			name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if f := fs.Lookup(name); f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	return flags, rest
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
