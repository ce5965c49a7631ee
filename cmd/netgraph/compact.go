package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/netgraph/netgraph/store/embedded"
	"github.com/rs/zerolog"
)

func init() {
	register(command{name: "compact", summary: "rewrite the embedded database file so that nothing deleted is left in it", run: runCompact})
}

const compactSynopsis = `Rewrites the embedded database file with only its live data, so that values
deleted or replaced since the last rewrite (an organisation removed in bulk, an
e-mail address changed) no longer sit on freed pages of the file. Erasing a
person already does this; compact is for everything else. The service must be
stopped first: it holds the file's lock. Needs free disk space for a second
copy of the file while it runs.`

// runCompact runs `netgraph compact`.
func runCompact(ctx context.Context, env Env, args []string) (err error) {
	fset := newFlagSet(env, "compact", compactSynopsis)
	dbPath := fset.String("db", "./netgraph.db", "path of the embedded database file")
	if err := parseFlags(fset, args, env.Getenv); err != nil {
		return err
	}
	before, err := os.Stat(*dbPath)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("compact %s: no such file", *dbPath)
	} else if err != nil {
		return fmt.Errorf("compact %s: %w", *dbPath, err)
	}
	store, err := embedded.Open(*dbPath, embedded.WithLogger(zerolog.Nop()))
	if err != nil {
		return fmt.Errorf("compact %s: %w", *dbPath, err)
	}
	defer func() {
		if cerr := store.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("close %s: %w", *dbPath, cerr))
		}
	}()
	if err := store.Compact(ctx); err != nil {
		return fmt.Errorf("compact %s: %w", *dbPath, err)
	}
	after, err := os.Stat(*dbPath)
	if err != nil {
		return fmt.Errorf("compact %s: %w", *dbPath, err)
	}
	fmt.Fprintf(env.Stderr, "compacted %s: %d KiB → %d KiB\n", *dbPath, before.Size()>>10, after.Size()>>10)
	return nil
}
