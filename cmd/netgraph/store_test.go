package main

import (
	"context"
	"flag"
	"io"
	"strings"
	"testing"
)

func TestStoreFlagsResolve(t *testing.T) {
	for _, c := range []struct {
		name string
		vars map[string]string
		args []string
		want storeFlags // compared on the five settings
		err  string     // expected in the usage error, if any
	}{
		{name: "Defaults", want: storeFlags{DBPath: "./netgraph.db"}},
		{name: "DBFromEnvironment", vars: map[string]string{"NETGRAPH_DB": "/data/ng.db"},
			want: storeFlags{DBPath: "/data/ng.db"}},
		{name: "StandardNeo4jVariables",
			vars: map[string]string{"NEO4J_URI": "bolt://a:7687", "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "d"},
			want: storeFlags{DBPath: "./netgraph.db", Neo4jURI: "bolt://a:7687", Neo4jUsername: "u", Neo4jPassword: "p", Neo4jDatabase: "d"}},
		{name: "NetgraphVariablesWinOverStandard",
			vars: map[string]string{"NEO4J_URI": "bolt://a:7687", "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "d",
				"NETGRAPH_NEO4J_URI": "neo4j://b:7687", "NETGRAPH_NEO4J_PASSWORD": "q"},
			want: storeFlags{DBPath: "./netgraph.db", Neo4jURI: "neo4j://b:7687", Neo4jUsername: "u", Neo4jPassword: "q", Neo4jDatabase: "d"}},
		{name: "FlagsWinOverBoth",
			vars: map[string]string{"NEO4J_URI": "bolt://a:7687", "NETGRAPH_NEO4J_URI": "neo4j://b:7687", "NEO4J_DATABASE": "d", "NETGRAPH_NEO4J_DATABASE": "e"},
			args: []string{"--neo4j-uri", "neo4j+s://c:7687", "--neo4j-database=f"},
			want: storeFlags{DBPath: "./netgraph.db", Neo4jURI: "neo4j+s://c:7687", Neo4jDatabase: "f"}},
		{name: "EmptyURIFlagSelectsTheFile",
			vars: map[string]string{"NEO4J_URI": "bolt://a:7687", "NEO4J_PASSWORD": "p"},
			args: []string{"--neo4j-uri=", "--db", "x.db"},
			want: storeFlags{DBPath: "x.db", Neo4jPassword: "p"}},
		{name: "BothStores", vars: map[string]string{"NEO4J_URI": "bolt://a:7687"}, args: []string{"--db", "x.db"},
			err: "both --db and a Neo4j URI"},
		{name: "BothStoresFromEnvironment", vars: map[string]string{"NETGRAPH_DB": "x.db", "NETGRAPH_NEO4J_URI": "bolt://a:7687"},
			err: "both --db and a Neo4j URI"},
		{name: "UsernameWithoutURI", args: []string{"--neo4j-username", "u"}, err: "--neo4j-username needs a Neo4j URI"},
		{name: "StandardVariablesWithoutURIAreIgnored", vars: map[string]string{"NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "p"},
			want: storeFlags{DBPath: "./netgraph.db", Neo4jUsername: "u", Neo4jPassword: "p"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			env, _, _ := testEnv(c.vars)
			fs := newFlagSet(env, "test", "")
			var sf storeFlags
			sf.register(fs)
			if err := parseFlags(fs, c.args, env.Getenv); err != nil {
				t.Fatal(err)
			}
			err := sf.resolve(fs, env.Getenv)
			if c.err != "" {
				if _, ok := err.(usageError); !ok || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("got %v, want a usage error about %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sf != c.want {
				t.Errorf("got %+v, want %+v", sf, c.want)
			}
		})
	}
}

func TestStoreFlagsDescription(t *testing.T) {
	for _, c := range []struct {
		sf   storeFlags
		want string
	}{
		{storeFlags{DBPath: "./netgraph.db"}, "embedded ./netgraph.db"},
		{storeFlags{Neo4jURI: "neo4j+s://db.example:7687?policy=eu", Neo4jPassword: "p"}, "neo4j neo4j+s://db.example:7687 database neo4j"},
		{storeFlags{Neo4jURI: "bolt://user:hunter2@db:7687", Neo4jDatabase: "graph"}, "neo4j bolt://db:7687 database graph"},
		{storeFlags{Neo4jURI: "bolt://u:hunter2@db:7687/%zz"}, "neo4j (unparsable URI) database neo4j"},
	} {
		if got := c.sf.description(); got != c.want {
			t.Errorf("%q: got %q, want %q", c.sf.Neo4jURI, got, c.want)
		}
	}
}

// TestNeo4jPasswordNeverShown checks that no command shows the Neo4j password
// in its help, logs (at debug level) or errors, wherever it came from.
func TestNeo4jPasswordNeverShown(t *testing.T) {
	const (
		secret    = "s3cret-from-NEO4J_PASSWORD"
		ngSecret  = "s3cret-from-NETGRAPH_NEO4J_PASSWORD"
		uriSecret = "s3cret-in-the-uri"
	)
	closed := "bolt://" + freeAddr(t) // nothing listens: Open fails fast
	vars := map[string]string{"NEO4J_PASSWORD": secret, "NETGRAPH_NEO4J_PASSWORD": ngSecret,
		"NEO4J_USERNAME": "neo4j", "NETGRAPH_LOG_LEVEL": "debug", "NETGRAPH_ADDR": freeAddr(t)}
	file := t.TempDir() + "/graph.jsonl"
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"ServeHelp", []string{"serve", "-h"}, 0},
		{"ExportHelp", []string{"export", "-h"}, 0},
		{"ImportHelp", []string{"import", "-h"}, 0},
		{"ServeUnreachable", []string{"serve", "--neo4j-uri", closed}, 1},
		{"ExportUnreachable", []string{"export", "--neo4j-uri", closed, "--out", file}, 1},
		{"ImportUnreachable", []string{"import", "--neo4j-uri", closed, file}, 1},
		{"PasswordFlag", []string{"export", "--neo4j-uri", closed, "--neo4j-password", ngSecret}, 1},
		{"CredentialsInURI", []string{"export", "--neo4j-uri", "bolt://neo4j:" + uriSecret + "@" + closed[len("bolt://"):]}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "ImportUnreachable" {
				writeFile(t, file, "")
			}
			env, stdout, stderr := testEnv(vars)
			if code := run(context.Background(), c.args, env); code != c.code {
				t.Fatalf("exit code %d, want %d:\n%s", code, c.code, stderr)
			}
			out := stdout.String() + stderr.String()
			for _, s := range []string{secret, ngSecret, uriSecret} {
				if strings.Contains(out, s) {
					t.Errorf("output shows the password %q:\n%s", s, out)
				}
			}
			if c.code == 1 && !strings.Contains(out, "open store neo4j") {
				t.Errorf("the error does not say which store failed:\n%s", out)
			}
		})
	}
}

// TestServeStoreFlags checks that serve reads the store flags: its help
// lists them and a Neo4j URI from the standard variable selects Neo4j.
func TestServeStoreFlags(t *testing.T) {
	env, _, _ := testEnv(map[string]string{"NEO4J_URI": "neo4j://cluster:7687", "NEO4J_DATABASE": "graph"})
	m := newServeMain(env)
	if err := m.ParseFlags(nil); err != nil {
		t.Fatal(err)
	}
	if got, want := m.StoreFlags.description(), "neo4j neo4j://cluster:7687 database graph"; got != want {
		t.Errorf("store %q, want %q", got, want)
	}
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	new(storeFlags).register(fs)
	env, _, stderr := testEnv(nil)
	run(context.Background(), []string{"serve", "-h"}, env)
	fs.VisitAll(func(f *flag.Flag) {
		if !strings.Contains(stderr.String(), "--"+f.Name+" ") {
			t.Errorf("serve -h does not list --%s", f.Name)
		}
	})
}
