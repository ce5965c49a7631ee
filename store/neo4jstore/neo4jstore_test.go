package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/neo4jstore"
	"github.com/netgraph/netgraph/store/neo4jstore/neo4jtest"
	"github.com/netgraph/netgraph/store/storetest"
)

// TestStore runs the contract suite on a real Neo4j 5 (NEO4J_URI; see
// neo4jtest). Each subtest empties the database and opens a new store on it,
// so the database must be one kept for tests.
func TestStore(t *testing.T) {
	cfg := neo4jtest.Config(t)
	storetest.Run(t, func(t *testing.T) netgraph.Store {
		neo4jtest.Clear(t, cfg)
		return neo4jtest.MustOpen(t, cfg)
	})
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
