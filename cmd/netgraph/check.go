package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/netgraph/netgraph/store/embedded"
)

func init() {
	register(command{name: "check", summary: "verify an embedded database file and say what is wrong where", run: runCheck})
}

const checkSynopsis = `Verifies a whole embedded database file without changing it: its format and
commit records, every page reference, the free pages, the schema, the
checksum and encoding of every value, and every reference between records.
Prints one line per problem (where: what) and exits 1 if there is any, 0 if
the file is sound. The service must be stopped first: it holds the file's
lock.`

// runCheck runs `netgraph check`.
func runCheck(_ context.Context, env Env, args []string) error {
	fset := newFlagSet(env, "check", checkSynopsis)
	dbPath := fset.String("db", "./netgraph.db", "path of the embedded database file")
	if err := parseFlags(fset, args, env.Getenv); err != nil {
		return err
	}
	if _, err := os.Stat(*dbPath); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("check %s: no such file", *dbPath)
	}
	problems, err := embedded.Check(*dbPath)
	if err != nil {
		return fmt.Errorf("check %s: %w", *dbPath, err)
	}
	for _, p := range problems {
		fmt.Fprintf(env.Stdout, "%s: %s\n", *dbPath, p)
	}
	switch n := len(problems); {
	case n == 1:
		return fmt.Errorf("check %s: 1 problem: the file is damaged; restore it from a backup", *dbPath)
	case n > 1:
		return fmt.Errorf("check %s: %d problems: the file is damaged; restore it from a backup", *dbPath, n)
	}
	fmt.Fprintf(env.Stderr, "%s: no problems found\n", *dbPath)
	return nil
}
