// Package neo4jtest opens Neo4j stores for tests on the server that NEO4J_URI,
// NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE name (scripts/neo4j
// start prints them), emptying its database first. Without NEO4J_URI the
// test is skipped. It is a package of its own so that the store's package,
// and the programs built with it, do not import testing.
//
// Every test that uses it empties the same database, so such tests must not
// run in parallel, in one package or across packages (go test -p 1).
package neo4jtest

import (
	"context"
	_ "embed"
	"os"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph/store/neo4jstore"
)

//go:embed clear_database.cypher
var clearDatabase string

// Config returns the test server's configuration from the environment, and
// skips the test when NEO4J_URI is not set.
func Config(tb testing.TB) neo4jstore.Config {
	tb.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		tb.Skip("NEO4J_URI not set: start a Neo4j with `eval \"$(scripts/neo4j start .neo4j)\"` " +
			"(the tests empty its database)")
	}
	return neo4jstore.Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
		Logger:   zerolog.New(zerolog.NewTestWriter(tb)).Level(zerolog.ErrorLevel),
	}
}

// Clear deletes every node and relationship in the test database; the
// constraints and indexes stay.
func Clear(tb testing.TB, cfg neo4jstore.Config) {
	tb.Helper()
	ctx := tb.Context()
	sess := Driver(tb, cfg).NewSession(ctx, neo4j.SessionConfig{DatabaseName: Database(cfg)})
	defer sess.Close(context.Background())
	res, err := sess.Run(ctx, clearDatabase, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		tb.Fatalf("clear the test database: %v", err)
	}
}

// Driver returns a driver on the test server, closed when the test ends, for
// tests that look at the database directly.
func Driver(tb testing.TB, cfg neo4jstore.Config) neo4j.DriverWithContext {
	tb.Helper()
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { driver.Close(context.Background()) })
	return driver
}

// Database is the database cfg names.
func Database(cfg neo4jstore.Config) string {
	if cfg.Database == "" {
		return neo4jstore.DefaultDatabase
	}
	return cfg.Database
}

// MustOpen opens a store on the test server, closed when the test ends,
// without clearing it.
func MustOpen(tb testing.TB, cfg neo4jstore.Config) *neo4jstore.Store {
	tb.Helper()
	s, err := neo4jstore.Open(tb.Context(), cfg)
	if err != nil {
		tb.Fatalf("open the neo4j store: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// MustOpenEmpty empties the test database and opens a store on it.
func MustOpenEmpty(tb testing.TB) *neo4jstore.Store {
	tb.Helper()
	cfg := Config(tb)
	Clear(tb, cfg)
	return MustOpen(tb, cfg)
}
