package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that the server's goroutines and the test can
// share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testEnv returns an Env with the given environment variables and captured
// output.
func testEnv(vars map[string]string) (Env, *syncBuffer, *syncBuffer) {
	var stdout, stderr syncBuffer
	return Env{Getenv: func(k string) string { return vars[k] }, Stdout: &stdout, Stderr: &stderr}, &stdout, &stderr
}

// freeAddr returns a loopback address with a port nothing listens on.
func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// serving is a `netgraph serve` running in the background.
type serving struct {
	url    string
	stderr *syncBuffer
	cancel context.CancelFunc
	exit   chan int
}

// startServe runs `netgraph serve` with args on a free port, as main would,
// and waits until /readyz says it is ready.
func startServe(tb testing.TB, args ...string) *serving {
	tb.Helper()
	addr := freeAddr(tb)
	env, _, stderr := testEnv(map[string]string{"NETGRAPH_ADDR": addr})
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{url: "http://" + addr, stderr: stderr, cancel: cancel, exit: make(chan int, 1)}
	go func() { s.exit <- run(ctx, append([]string{"serve"}, args...), env) }()
	tb.Cleanup(func() {
		cancel()
		<-s.exit
	})

	deadline := time.Now().Add(60 * time.Second) // seeding runs first; the race detector slows it
	for {
		select {
		case code := <-s.exit:
			tb.Fatalf("serve exited with %d before it was ready:\n%s", code, stderr)
		default:
		}
		res, err := http.Get(s.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("serve not ready after a minute:\n%s", stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop cancels the run context, as SIGTERM would, and returns the exit code.
func (s *serving) stop(tb testing.TB) int {
	tb.Helper()
	s.cancel()
	select {
	case code := <-s.exit:
		s.exit <- code // for the cleanup
		return code
	case <-time.After(30 * time.Second):
		tb.Fatalf("serve did not stop within 30s:\n%s", s.stderr)
		return -1
	}
}

// peopleCount asks the GraphQL API how many people there are.
func (s *serving) peopleCount(tb testing.TB) int {
	tb.Helper()
	body := strings.NewReader(`{"query":"query Count { people(first: 5) { totalCount edges { node { id } } } }"}`)
	res, err := http.Post(s.url+"/graphql", "application/json", body)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data struct {
			People struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
			}
		}
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		tb.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || len(out.Errors) > 0 {
		tb.Fatalf("people query: HTTP %d, errors %v", res.StatusCode, out.Errors)
	}
	if n := min(5, out.Data.People.TotalCount); len(out.Data.People.Edges) != n {
		tb.Fatalf("people(first: 5) returned %d people of %d", len(out.Data.People.Edges), out.Data.People.TotalCount)
	}
	return out.Data.People.TotalCount
}

// TestServe runs the real wiring end to end: serve with the demo on a fresh
// database, query it, shut down as on SIGTERM, and serve the same database
// again.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "netgraph.db")

	first := startServe(t, "--db", db, "--demo")
	people := first.peopleCount(t)
	if people < 500 {
		t.Fatalf("%d people after seeding the demo, want about 600", people)
	}
	res, err := http.Get(first.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET / = %d %s, want the IDE", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if code := first.stop(t); code != 0 {
		t.Fatalf("serve exited with %d after cancel, want 0:\n%s", code, first.stderr)
	}
	for _, want := range []string{`"message":"demo data seeded"`, `"message":"serving"`, `"message":"stopped"`, `"operation":"Count"`} {
		if !strings.Contains(first.stderr.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, first.stderr)
		}
	}

	second := startServe(t, "--db", db, "--demo")
	if got := second.peopleCount(t); got != people {
		t.Errorf("%d people after restarting, want the %d from before", got, people)
	}
	if !strings.Contains(second.stderr.String(), "demo data skipped") {
		t.Errorf("restart with --demo on a full store does not say the demo was skipped:\n%s", second.stderr)
	}
	if code := second.stop(t); code != 0 {
		t.Fatalf("second serve exited with %d:\n%s", code, second.stderr)
	}
}

func TestServeParseFlags(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		env, _, _ := testEnv(nil)
		m := newServeMain(env)
		if err := m.ParseFlags(nil); err != nil {
			t.Fatal(err)
		}
		if m.Addr != "127.0.0.1:8080" || m.StoreFlags.DBPath != "./netgraph.db" || m.Demo || m.LogFormat != "auto" || m.LogLevel != "info" {
			t.Errorf("defaults: %+v", m)
		}
	})
	t.Run("EnvironmentThenFlags", func(t *testing.T) {
		env, _, _ := testEnv(map[string]string{
			"NETGRAPH_ADDR": "0.0.0.0:9000", "NETGRAPH_DB": "/data/ng.db", "NETGRAPH_DEMO": "true",
			"NETGRAPH_LOG_FORMAT": "console", "NETGRAPH_LOG_LEVEL": "debug", "NETGRAPH_SHUTDOWN_TIMEOUT": "3s",
		})
		m := newServeMain(env)
		if err := m.ParseFlags([]string{"--addr", "127.0.0.1:7000", "--log-level=warn"}); err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprintf("%s %s %v %s %s %v", m.Addr, m.StoreFlags.DBPath, m.Demo, m.LogFormat, m.LogLevel, m.ShutdownTimeout)
		if want := "127.0.0.1:7000 /data/ng.db true console warn 3s"; got != want {
			t.Errorf("got %q, want %q (flags win over the environment)", got, want)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		testServeUsageErrors(t, []serveUsageError{
			{"BadEnvBool", map[string]string{"NETGRAPH_DEMO": "maybe"}, nil, "NETGRAPH_DEMO"},
			{"BadFormat", nil, []string{"--log-format", "xml"}, "log format"},
			{"BadLevel", map[string]string{"NETGRAPH_LOG_LEVEL": "loud"}, nil, "log level"},
			{"UnknownFlag", nil, []string{"--nope"}, "flag provided but not defined"},
			{"StrayArgument", nil, []string{"extra"}, "unexpected argument"},
		})
	})
}

func TestRunUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"help"}, 0},
		{[]string{"serve", "-h"}, 0},
	} {
		env, stdout, stderr := testEnv(nil)
		if code := run(context.Background(), c.args, env); code != c.code {
			t.Errorf("netgraph %v: exit code %d, want %d", c.args, code, c.code)
		}
		if out := stdout.String() + stderr.String(); !strings.Contains(out, "serve") {
			t.Errorf("netgraph %v: usage does not list serve:\n%s", c.args, out)
		}
	}
}

func TestServeBadDatabase(t *testing.T) {
	env, _, stderr := testEnv(map[string]string{"NETGRAPH_ADDR": freeAddr(t)})
	dir := t.TempDir() // a directory is not a database file
	if code := run(context.Background(), []string{"serve", "--db", dir}, env); code != 1 {
		t.Fatalf("exit code %d, want 1:\n%s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "open store") {
		t.Errorf("stderr does not explain the failure:\n%s", stderr)
	}
}

// serveUsageError is a serve command line, flags and environment, that must
// fail with exit code 2 and a message that mentions want.
type serveUsageError struct {
	name string
	vars map[string]string
	args []string
	want string
}

func testServeUsageErrors(t *testing.T, cases []serveUsageError) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env, _, stderr := testEnv(c.vars)
			if code := run(context.Background(), append([]string{"serve"}, c.args...), env); code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Errorf("stderr does not mention %q:\n%s", c.want, stderr)
			}
		})
	}
}

// TestServeMetricsAddr checks that --metrics-addr serves /metrics on its own
// address, counting the requests the API has answered.
func TestServeMetricsAddr(t *testing.T) {
	metricsAddr := freeAddr(t)
	s := startServe(t, "--db", filepath.Join(t.TempDir(), "netgraph.db"), "--metrics-addr", metricsAddr)
	s.peopleCount(t)
	res, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	const want = `netgraph_graphql_request_duration_seconds_count{operation="Count",operation_type="query"} 1`
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
		t.Errorf("GET /metrics on --metrics-addr: status %d, want %s in:\n%.2000s", res.StatusCode, want, body)
	}
	if !strings.Contains(string(body), `netgraph_store_call_duration_seconds_count{method="People"}`) {
		t.Error("/metrics does not time the store's People calls")
	}
}
