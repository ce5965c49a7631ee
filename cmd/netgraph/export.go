package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graphfile"
	"github.com/rs/zerolog"
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
	if err := parseFlags(fs, args, env.Getenv); err != nil {
		return err
	}
	if err := sf.resolve(fs, env.Getenv); err != nil {
		return err
	}
	if err := checkExportTarget(out, sf); err != nil {
		return err
	}
	if !slices.Contains([]string{"jsonl", "gexf", "graphml"}, format) {
		return usageError{fmt.Errorf("--format %q: want jsonl, gexf or graphml", format)}
	}
	logger, err := newLogger(env.Stderr, logFormat, logLevel)
	if err != nil {
		return err
	}

	return sf.withStore(ctx, logger, func(store netgraph.Store, desc string) (err error) {
		var (
			counts  app.RecordCounts
			version uint64
		)
		write := func(w io.Writer) (err error) {
			counts, version, err = app.Export(ctx, store, w, time.Now())
			return err
		}
		if format != "jsonl" {
			write = func(w io.Writer) error {
				g, err := networkFile(ctx, store, logger)
				if err != nil {
					return err
				}
				version, counts.People, counts.Ties = g.version, len(g.Nodes), len(g.Edges)
				if format == "graphml" {
					return graphfile.WriteGraphML(w, g.Graph)
				}
				return graphfile.WriteGEXF(w, g.Graph)
			}
		}
		target := "standard output"
		if out == "-" {
			err = write(env.Stdout)
		} else {
			target = out
			err = writeFileAtomic(out, write)
		}
		if err != nil {
			return fmt.Errorf("export %s to %s: %w", desc, target, err)
		}
		if format != "jsonl" {
			fmt.Fprintf(env.Stderr, "exported the network of %s at data version %d to %s as %s: %d people, %d ties\n",
				desc, version, target, format, counts.People, counts.Ties)
			return nil
		}
		fmt.Fprintf(env.Stderr, "exported %d records of %s at data version %d to %s: %s\n",
			counts.Total(), desc, version, target, counts)
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

// versionedGraph is a network file with the data version it reflects.
type versionedGraph struct {
	*graphfile.Graph
	version uint64
}

// networkFile analyses the whole graph of store and makes its network file.
func networkFile(ctx context.Context, store netgraph.Store, logger zerolog.Logger) (versionedGraph, error) {
	eng := engine.New(store, engine.Options{Logger: logger, MaxEntries: 1})
	a, err := eng.AnalyseFor(ctx, engine.Scope{}, engine.Everything)
	if err != nil {
		return versionedGraph{}, fmt.Errorf("analyse: %w", err)
	}
	g, err := app.NetworkFile(ctx, store, a.View)
	return versionedGraph{g, a.Snapshot.Version()}, err
}
