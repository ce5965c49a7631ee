package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded"
	"github.com/netgraph/netgraph/store/neo4jstore"
)

// storeFlags chooses the store a command works on, the same way for every
// command: Neo4j when a URI is set, else the embedded file --db.
//
// The Neo4j settings also come from the variables Neo4j's own tools read
// (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE). A flag wins
// over NETGRAPH_NEO4J_*, which wins over NEO4J_*. Those variables are read
// into the values, never into the flags' defaults, so --help does not show
// them, and nothing here puts the password in a log line or an error.
type storeFlags struct {
	DBPath        string
	Neo4jURI      string
	Neo4jUsername string
	Neo4jPassword string
	Neo4jDatabase string
	// AcceptRollback opens an embedded file whose newest commit record is
	// damaged at the commit before it (embedded.WithAcceptRollback).
	AcceptRollback bool

	// existing makes openStore refuse an embedded file that is not there yet
	// rather than create an empty one (export reads, so a mistyped --db should
	// fail, not export nothing).
	existing bool
}

// register defines the store flags on fs. Call resolve after parseFlags.
func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.DBPath, "db", "./netgraph.db", "path of the embedded database file (created if missing); used when no Neo4j URI is set")
	fs.BoolVar(&f.AcceptRollback, "accept-rollback", false, "open an embedded file whose newest commit record is damaged at the commit before it, losing the last change committed before the damage (only after reading why it was refused; netgraph check --db FILE)")
	fs.StringVar(&f.Neo4jURI, "neo4j-uri", "", "Neo4j to use instead of the file: bolt://host:7687 (one server) or neo4j://host:7687 (cluster), +s or +ssc for TLS; no credentials in it (fallback: NEO4J_URI)")
	fs.StringVar(&f.Neo4jUsername, "neo4j-username", "", "Neo4j user; empty for a server without authentication (fallback: NEO4J_USERNAME)")
	fs.StringVar(&f.Neo4jPassword, "neo4j-password", "", "Neo4j password; prefer the environment, as command lines are visible to other users (fallback: NEO4J_PASSWORD)")
	fs.StringVar(&f.Neo4jDatabase, "neo4j-database", "", "Neo4j database; the server's default, neo4j, if empty (fallback: NEO4J_DATABASE)")
}

// resolve runs after parseFlags has applied NETGRAPH_<FLAG> and the command
// line to fs: it fills the Neo4j settings nobody set from NEO4J_*, and refuses
// a command line that names both stores.
func (f *storeFlags) resolve(fs *flag.FlagSet, getenv func(string) string) error {
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	for _, fb := range []struct {
		flag, env string
		value     *string
	}{
		{"neo4j-uri", "NEO4J_URI", &f.Neo4jURI},
		{"neo4j-username", "NEO4J_USERNAME", &f.Neo4jUsername},
		{"neo4j-password", "NEO4J_PASSWORD", &f.Neo4jPassword},
		{"neo4j-database", "NEO4J_DATABASE", &f.Neo4jDatabase},
	} {
		if set[fb.flag] {
			continue // set, perhaps to "" on purpose, on the command line or as NETGRAPH_*
		}
		if v, ok := lookupEnv(getenv, fb.env); ok {
			*fb.value = v
		}
	}
	// Both stores named is most likely an ambient NEO4J_URI the user forgot:
	// guessing which one they meant could import into the wrong store.
	if set["db"] && f.Neo4jURI != "" {
		return usageError{errors.New("both --db and a Neo4j URI (--neo4j-uri, NETGRAPH_NEO4J_URI or NEO4J_URI) are set: " +
			"choose one (--neo4j-uri= selects the file)")}
	}
	if f.Neo4jURI == "" {
		for _, name := range []string{"neo4j-username", "neo4j-password", "neo4j-database"} {
			if set[name] {
				return usageError{fmt.Errorf("--%s needs a Neo4j URI (--neo4j-uri, NETGRAPH_NEO4J_URI or NEO4J_URI)", name)}
			}
		}
	}
	return nil
}

// description names the chosen store for logs and messages: the kind and
// where it is, never credentials.
func (f *storeFlags) description() string {
	if f.Neo4jURI == "" {
		return "embedded " + f.DBPath
	}
	// Scheme and host only: user info or a query may hold a secret.
	where := "(unparsable URI)"
	if u, err := url.Parse(f.Neo4jURI); err == nil {
		where = u.Scheme + "://" + u.Host
	}
	db := f.Neo4jDatabase
	if db == "" {
		db = neo4jstore.DefaultDatabase
	}
	return fmt.Sprintf("neo4j %s database %s", where, db)
}

// withStore opens the chosen store, runs use on it with its description and
// closes it. An error closing it is returned with use's, not instead of it:
// for the embedded file it can mean the last writes were not saved.
func (f *storeFlags) withStore(ctx context.Context, logger zerolog.Logger, use func(store netgraph.Store, desc string) error) (err error) {
	store, desc, err := f.openStore(ctx, logger)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("close store: %w", cerr))
		}
	}()
	return use(store, desc)
}

// openStore opens the chosen store and returns it with its description.
func (f *storeFlags) openStore(ctx context.Context, logger zerolog.Logger) (netgraph.Store, string, error) {
	desc := f.description()
	if f.Neo4jURI != "" {
		s, err := neo4jstore.Open(ctx, neo4jstore.Config{
			URI:      f.Neo4jURI,
			Username: f.Neo4jUsername,
			Password: f.Neo4jPassword,
			Database: f.Neo4jDatabase,
			Logger:   logger,
		})
		if err != nil {
			return nil, desc, fmt.Errorf("open store %s: %w", desc, err)
		}
		return s, desc, nil
	}
	if f.existing {
		if _, err := os.Stat(f.DBPath); errors.Is(err, fs.ErrNotExist) {
			return nil, desc, fmt.Errorf("open store %s: no such file", desc)
		}
	}
	s, err := embedded.Open(f.DBPath, embedded.WithLogger(logger), embedded.WithAcceptRollback(f.AcceptRollback))
	if err != nil {
		return nil, desc, fmt.Errorf("open store %s: %w", desc, err)
	}
	return s, desc, nil
}
