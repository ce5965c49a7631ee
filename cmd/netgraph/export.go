package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
)

func init() {
	register(command{name: "export", summary: "write the whole graph of a store as JSON lines, or as GEXF or GraphML for Gephi and Cytoscape", run: runExport})
}

const exportSynopsis = `Writes the whole graph of a store (the embedded file --db, or Neo4j) as JSON
lines, for "netgraph import" to load into another store: a header line, one
record per line (organisations, networks, people, affiliations, memberships,
ties, partnerships, ids included), and an end line with the count. A counts
summary goes to stderr.

With --out FILE the export is written to a temporary file beside FILE and
renamed over it when complete, so a failed export leaves no partial file. The
file is readable by its owner only: it holds personal data. On standard output
(--out - or no --out) a failed export stops without the end line, which import
refuses.

The store is read in one consistent pass; if it changes between reading its
data version and reading the graph, the export fails and can be run again.

--format gexf (Gephi) or graphml (Cytoscape, yEd, igraph, NetworkX) writes the
network instead, for drawing: every person a node labelled by name, with
every metric, community and role of the whole-graph analysis, their
organisations, region and profession as attributes; every tie an edge with
its kind and strength. These files are for looking at, not for import.`

// runExport runs `netgraph export`.
func runExport(ctx context.Context, env Env, args []string) error {
	var (
		sf                  storeFlags
		out, format         string
		logFormat, logLevel string
	)
	sf.existing = true // reading a file that is not there should fail, not export nothing
	fs := newFlagSet(env, "export", exportSynopsis)
	sf.register(fs)
	fs.StringVar(&out, "out", "-", "file to write; - for standard output")
	fs.StringVar(&format, "format", "jsonl", "jsonl (for import), gexf (Gephi) or graphml (Cytoscape, igraph)")
	fs.StringVar(&logFormat, "log-format", "console", "log format: json or console")
	fs.StringVar(&logLevel, "log-level", "warn", "log level: trace, debug, info, warn or error")
	var rf remoteFlags
	rf.register(fs)
	if err := parseFlags(fs, args, env.Getenv); err != nil {
		return err
	}
	if err := rf.check(); err != nil {
		return err
	}
	if err := sf.resolve(fs, env.Getenv); err != nil {
		return err
	}
	if err := checkExportTarget(out, sf); err != nil {
		return err
	}
	if !slices.Contains(app.ExportFormats, format) {
		return usageError{fmt.Errorf("--format %q: want jsonl, gexf or graphml", format)}
	}
	logger, err := newLogger(env.Stderr, logFormat, logLevel)
	if err != nil {
		return err
	}

	if rf.URL != "" {
		return exportRemote(ctx, env, rf, out, format)
	}
	return sf.withStore(ctx, logger, func(store netgraph.Store, desc string) (err error) {
		var sum app.ExportSummary
		write := func(w io.Writer) (err error) {
			sum, err = app.WriteExport(ctx, store, w, format, time.Now(), logger)
			return err
		}
		target, err := writeOut(env, out, write)
		if err != nil {
			return fmt.Errorf("export %s to %s: %w", desc, target, err)
		}
		if format != "jsonl" {
			fmt.Fprintf(env.Stderr, "exported the network of %s at data version %d to %s as %s: %d people, %d ties\n",
				desc, sum.Version, target, format, sum.Counts.People, sum.Counts.Ties)
			return nil
		}
		fmt.Fprintf(env.Stderr, "exported %d records of %s at data version %d to %s: %s\n",
			sum.Counts.Total(), desc, sum.Version, target, sum.Counts)
		return nil
	})
}

// checkExportTarget refuses an --out that cannot be right: a directory, or
// the embedded database file being exported.
func checkExportTarget(out string, sf storeFlags) error {
	if out == "-" {
		return nil
	}
	if out == "" {
		return usageError{errors.New("--out is empty: name a file, or - for standard output")}
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return usageError{fmt.Errorf("--out %s is a directory: name a file", out)}
	}
	if sf.Neo4jURI == "" {
		a, aerr := filepath.Abs(out)
		b, berr := filepath.Abs(sf.DBPath)
		if aerr == nil && berr == nil && a == b {
			return usageError{fmt.Errorf("--out %s is the database being exported", out)}
		}
	}
	return nil
}

// writeOut writes through write to standard output when out is "-", else
// to the file out (see writeFileAtomic), and names where it wrote for
// messages.
func writeOut(env Env, out string, write func(io.Writer) error) (target string, err error) {
	if out == "-" {
		return "standard output", write(env.Stdout)
	}
	return out, writeFileAtomic(out, write)
}

// writeFileAtomic writes path through write into a temporary file in the same
// directory, synced and then renamed over path, so path is either untouched
// or complete. On failure the temporary file is removed.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			return
		}
		_ = tmp.Close() // already failing; the file goes anyway
		if rerr := os.Remove(tmp.Name()); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// exportRemote runs `netgraph export --url`: the service writes the file
// (GET /export, the same app.WriteExport) and it is copied to out as the
// store's export would be, atomically for a file.
func exportRemote(ctx context.Context, env Env, rf remoteFlags, out, format string) error {
	q := url.Values{"format": {format}}
	write := func(w io.Writer) error { return rf.get(ctx, env.Getenv, "/export", q, w) }
	target, err := writeOut(env, out, write)
	if err != nil {
		return fmt.Errorf("export from %s to %s: %w", rf.URL, target, err)
	}
	fmt.Fprintf(env.Stderr, "exported the graph of %s to %s as %s\n", rf.URL, target, format)
	return nil
}
