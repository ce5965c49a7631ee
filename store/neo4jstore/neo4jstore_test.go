package neo4jstore_test

import (
	"context"
	_ "embed"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/neo4jstore"
	"github.com/netgraph/netgraph/store/storetest"
)

// clearDatabase empties the test database between subtests. It is used only
// here, so it is embedded only in the test binary.
//
//go:embed cypher/testonly/clear_database.cypher
var clearDatabase string

// TestStore runs the contract suite on a real Neo4j 5. Each subtest empties
// the database and opens a new store on it, so the database must be one kept
// for tests.
func TestStore(t *testing.T) {
	cfg := configFromEnv(t)
	storetest.Run(t, func(t *testing.T) netgraph.Store {
		clear(t, cfg)
		s, err := neo4jstore.Open(t.Context(), cfg)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// configFromEnv reads the test server from NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD and NEO4J_DATABASE, and skips the test when NEO4J_URI is not
// set.
func configFromEnv(t *testing.T) neo4jstore.Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Skip("NEO4J_URI not set: to run the contract suite against a local Neo4j 5, start one " +
			"(docker run --rm -p 7687:7687 -e NEO4J_AUTH=neo4j/testpassword neo4j:5-community) and run " +
			"NEO4J_URI=bolt://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=testpassword " +
			"go test ./store/neo4jstore/ (the suite empties the database)")
	}
	return neo4jstore.Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
		Logger:   zerolog.New(zerolog.NewTestWriter(t)).Level(zerolog.WarnLevel),
	}
}

// clear deletes every node and relationship in the test database.
func clear(t *testing.T, cfg neo4jstore.Config) {
	t.Helper()
	ctx := t.Context()
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	db := cfg.Database
	if db == "" {
		db = neo4jstore.DefaultDatabase
	}
	if _, err := neo4j.ExecuteQuery(ctx, driver, clearDatabase, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db)); err != nil {
		t.Fatalf("clear the test database: %v", err)
	}
}

// Open's errors never contain the password, whatever is wrong.
func TestOpenKeepsThePasswordOut(t *testing.T) {
	const password = "s3cr3t-Pa55"
	tests := []struct {
		name, uri string
		code      string
	}{
		{"Empty", "", netgraph.EINVALID},
		{"Unparseable", "bolt://neo4j:" + password + "@[::1", netgraph.EINVALID},
		{"CredentialsInURI", "bolt://neo4j:" + password + "@localhost:7687", netgraph.EINVALID},
		{"UnknownScheme", "http://localhost:7474/?password=" + password, netgraph.EINVALID},
		{"NobodyListening", "bolt://127.0.0.1:1", netgraph.EUNAVAILABLE},
		{"NobodyRouting", "neo4j://127.0.0.1:1", netgraph.EUNAVAILABLE},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			var logs strings.Builder
			s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: tc.uri, Username: "neo4j", Password: password,
				Logger: zerolog.New(&logs).Level(zerolog.TraceLevel)})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if code := netgraph.ErrorCode(err); code != tc.code {
				t.Errorf("code %q; want %q (%v)", code, tc.code, err)
			}
			for what, text := range map[string]string{"error": err.Error(), "message": netgraph.ErrorMessage(err), "log": logs.String()} {
				if strings.Contains(text, password) {
					t.Errorf("the password appears in the %s: %s", what, text)
				}
			}
		})
	}
}
