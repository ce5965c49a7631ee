package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/server"
	"github.com/netgraph/netgraph/web"
)

// pingStore is a store whose only working method is Ping.
type pingStore struct {
	netgraph.Store
	PingFn func(context.Context) error
}

func (s *pingStore) Ping(ctx context.Context) error { return s.PingFn(ctx) }

// newServer returns a server whose GraphQL endpoint is h, and the buffer its
// log goes to.
func newServer(t testing.TB, store netgraph.Store, h http.Handler) (*server.Server, *bytes.Buffer) {
	t.Helper()
	var log bytes.Buffer
	if store == nil {
		store = &pingStore{PingFn: func(context.Context) error { return nil }}
	}
	if h == nil {
		h = http.NotFoundHandler()
	}
	s := server.New(server.Config{
		Addr:    "127.0.0.1:0",
		Store:   store,
		GraphQL: h,
		Logger:  zerolog.New(&log).Level(zerolog.DebugLevel),

		ReadyTimeout: 50 * time.Millisecond,
	})
	return s, &log
}

// jsonHeader declares a JSON body, as every POST to /graphql must.
var jsonHeader = http.Header{"Content-Type": {"application/json"}}

// do serves one request, addressed to a loopback host as an open server
// wants, and returns the response.
func do(t testing.TB, h http.Handler, method, target string, body io.Reader, header http.Header) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8080"
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func readBody(t testing.TB, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// logLines parses the JSON log lines in buf.
func logLines(t testing.TB, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		lines = append(lines, m)
	}
	return lines
}

func TestHealthz(t *testing.T) {
	s, _ := newServer(t, nil, nil)
	res := do(t, s.Handler(), "GET", "/healthz", nil, nil)
	if body := readBody(t, res); res.StatusCode != 200 || strings.TrimSpace(body) != "ok" {
		t.Fatalf("GET /healthz = %d %q, want 200 ok", res.StatusCode, body)
	}
}

func TestReadyz(t *testing.T) {
	t.Run("StoreAnswers", func(t *testing.T) {
		s, _ := newServer(t, nil, nil)
		if res := do(t, s.Handler(), "GET", "/readyz", nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("status %d, want 200", res.StatusCode)
		}
	})
	t.Run("StoreDown", func(t *testing.T) {
		store := &pingStore{PingFn: func(context.Context) error {
			return netgraph.Errorf(netgraph.EUNAVAILABLE, "database closed")
		}}
		s, log := newServer(t, store, nil)
		if res := do(t, s.Handler(), "GET", "/readyz", nil, nil); res.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("status %d, want 503", res.StatusCode)
		}
		if !strings.Contains(log.String(), "database closed") {
			t.Errorf("log does not say why the store is not ready:\n%s", log)
		}
	})
	t.Run("StoreHangs", func(t *testing.T) {
		store := &pingStore{PingFn: func(ctx context.Context) error {
			<-ctx.Done() // the readiness check must not wait longer than its timeout
			return ctx.Err()
		}}
		s, _ := newServer(t, store, nil)
		if res := do(t, s.Handler(), "GET", "/readyz", nil, nil); res.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("status %d, want 503", res.StatusCode)
		}
	})
}

func TestRequestID(t *testing.T) {
	var seen netgraph.Caller
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen, _ = netgraph.CallerFrom(r.Context())
	})
	s, _ := newServer(t, nil, h)

	t.Run("Echoed", func(t *testing.T) {
		res := do(t, s.Handler(), "POST", "/graphql", strings.NewReader("{}"), http.Header{"X-Request-Id": {"abc-123"}, "Content-Type": {"application/json"}})
		if got := res.Header.Get("X-Request-Id"); got != "abc-123" {
			t.Errorf("X-Request-Id = %q, want abc-123", got)
		}
		if seen.RequestID != "abc-123" {
			t.Errorf("caller's request id = %q, want abc-123", seen.RequestID)
		}
	})
	t.Run("Generated", func(t *testing.T) {
		res := do(t, s.Handler(), "POST", "/graphql", strings.NewReader("{}"), jsonHeader)
		id := res.Header.Get("X-Request-Id")
		if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(id) {
			t.Errorf("generated X-Request-Id = %q, want 16 hex digits", id)
		}
		if seen.RequestID != id {
			t.Errorf("caller's request id = %q, want %q", seen.RequestID, id)
		}
	})
	t.Run("UnfitReplaced", func(t *testing.T) {
		for _, bad := range []string{"has space", "new\nline", strings.Repeat("x", 129), `quote"`} {
			res := do(t, s.Handler(), "GET", "/healthz", nil, http.Header{"X-Request-Id": {bad}})
			if got := res.Header.Get("X-Request-Id"); got == bad || got == "" {
				t.Errorf("request id %q: echoed %q, want a fresh one", bad, got)
			}
		}
	})
}

func TestCaller(t *testing.T) {
	var seen netgraph.Caller
	var ok bool
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen, ok = netgraph.CallerFrom(r.Context())
	})
	s, _ := newServer(t, nil, h)
	res := do(t, s.Handler(), "POST", "/graphql", strings.NewReader("{}"), http.Header{"X-Request-Id": {"r1"}, "Content-Type": {"application/json"}})
	want := netgraph.Caller{Subject: "anonymous", Role: netgraph.RoleAdmin, RequestID: "r1"}
	if !ok || seen != want {
		t.Fatalf("caller = %+v (present %v), want %+v", seen, ok, want)
	}
	if got := res.Header.Get(server.OpenAccessHeader); got != "open" {
		t.Errorf("%s = %q on an open server, want open", server.OpenAccessHeader, got)
	}
}

func TestRecovery(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	s, log := newServer(t, nil, h)
	header := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req-boom"}}
	res := do(t, s.Handler(), "POST", "/graphql", strings.NewReader("{}"), header)
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", res.StatusCode)
	}
	// The body says nothing of the panic, but gives the request id to
	// report, like any internal error.
	b := decodeError(t, res)
	if e := b.Errors[0]; e.Extensions.Code != "INTERNAL_SERVER_ERROR" || !strings.Contains(e.Message, "req-boom") || strings.Contains(e.Message, "boom ") {
		t.Errorf("error = %+v, want INTERNAL_SERVER_ERROR naming request req-boom", e)
	}
	lines := logLines(t, log)
	if len(lines) != 2 || lines[0]["panic"] != "boom" || lines[0]["stack"] == nil {
		t.Fatalf("want a panic line with the stack, then the request line; got %v", lines)
	}
	if lines[1]["status"] != float64(500) || lines[1]["level"] != "error" {
		t.Errorf("request line = %v, want status 500 at level error", lines[1])
	}
}

// TestAccessLog checks the one line per request: its fields, the GraphQL
// operation (from the real GraphQL handler) and that nothing personal leaks.
func TestAccessLog(t *testing.T) {
	store := &pingStore{PingFn: func(context.Context) error { return nil }}
	s, log := newServer(t, store, graph.NewHandler(graph.Config{Store: store, Logger: zerolog.Nop()}))
	h := s.Handler()

	t.Run("GraphQL", func(t *testing.T) {
		log.Reset()
		body := `{"query":"query Probe($email: String!) { __type(name: $email) { name } }","operationName":"Probe","variables":{"email":"secret.person@example.org"}}`
		res := do(t, h, "POST", "/graphql?token=hush", strings.NewReader(body),
			http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req-1"}})
		if res.StatusCode != 200 {
			t.Fatalf("status %d: %s", res.StatusCode, readBody(t, res))
		}
		lines := logLines(t, log)
		if len(lines) != 1 {
			t.Fatalf("want one log line, got %d:\n%s", len(lines), log)
		}
		l := lines[0]
		for k, want := range map[string]any{
			"method": "POST", "path": "/graphql", "status": float64(200), "request_id": "req-1",
			"operation": "Probe", "operation_type": "query", "errors": float64(0), "message": "request", "level": "info",
		} {
			if l[k] != want {
				t.Errorf("log %s = %v, want %v", k, l[k], want)
			}
		}
		if _, ok := l["duration"]; !ok {
			t.Error("log line has no duration")
		}
		if s := log.String(); strings.Contains(s, "secret") || strings.Contains(s, "hush") {
			t.Errorf("log line leaks variables or the query string: %s", s)
		}
	})
	t.Run("GraphQLErrors", func(t *testing.T) {
		log.Reset()
		body := `{"query":"query Broken { noSuchField }"}`
		do(t, h, "POST", "/graphql", strings.NewReader(body), http.Header{"Content-Type": {"application/json"}})
		l := logLines(t, log)[0]
		if l["errors"] != float64(1) || l["codes"] == nil {
			t.Errorf("log line = %v, want one error with its code", l)
		}
	})
	t.Run("HealthAtDebug", func(t *testing.T) {
		log.Reset()
		do(t, h, "GET", "/healthz", nil, nil)
		if l := logLines(t, log)[0]; l["level"] != "debug" || l["operation"] != nil {
			t.Errorf("health check log = %v, want a debug line without GraphQL fields", l)
		}
	})
}

// TestFrontEnd checks the routes to the front end (package web, which
// tests the pages and assets themselves): the pages and every asset are
// served through the middleware, and nothing else is.
func TestFrontEnd(t *testing.T) {
	s, _ := newServer(t, nil, nil)
	h := s.Handler()

	for _, path := range []string{"/", "/graphiql"} {
		page := do(t, h, "GET", path, nil, nil)
		readBody(t, page)
		if page.StatusCode != 200 || page.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("GET %s = %d %q", path, page.StatusCode, page.Header.Get("Content-Type"))
		}
		if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("Content-Security-Policy = %q", csp)
		}
	}
	for _, path := range web.AssetPaths() {
		res := do(t, h, "GET", path, nil, nil)
		if body := readBody(t, res); res.StatusCode != 200 || len(body) == 0 {
			t.Errorf("GET %s = %d (%d bytes), want 200", path, res.StatusCode, len(body))
		}
	}
	for _, path := range []string{"/ide/app.js", "/assets/", "/assets/nope.js", "/graphiql.html", "/web.go", "/nope"} {
		if res := do(t, h, "GET", path, nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
	if res := do(t, h, "POST", "/graphiql", nil, nil); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /graphiql = %d, want 405", res.StatusCode)
	}
}

// TestOpenShutdown runs the server on a real port.
func TestOpenShutdown(t *testing.T) {
	s, _ := newServer(t, nil, nil)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	url := s.URL()
	res, err := http.Get(url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	if err := s.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Fatal("server still answers after Shutdown")
	}
}
