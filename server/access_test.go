package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/auth"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/server"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
	"github.com/netgraph/netgraph/web"
)

const (
	viewerKey = "viewer-key-0123456789abcdef"
	adminKey  = "admin-key-0123456789abcdef"
)

// countingStore counts the reads dashboards make through the store it wraps.
type countingStore struct {
	netgraph.Store
	reads atomic.Int32
}

func (s *countingStore) People(ctx context.Context, f netgraph.PersonFilter, p netgraph.Page) (*netgraph.List[*netgraph.Person], error) {
	s.reads.Add(1)
	return s.Store.People(ctx, f, p)
}

func (s *countingStore) Person(ctx context.Context, id string) (*netgraph.Person, error) {
	s.reads.Add(1)
	return s.Store.Person(ctx, id)
}

func (s *countingStore) DataVersion(ctx context.Context) (uint64, error) {
	s.reads.Add(1)
	return s.Store.DataVersion(ctx)
}

// newKeysAuthenticator returns an authenticator knowing viewerKey (named
// "dash") and adminKey.
func newKeysAuthenticator(t testing.TB) *auth.Authenticator {
	t.Helper()
	keys, err := auth.ParseKeys(strings.NewReader("viewer " + viewerKey + " dash\nadmin " + adminKey + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := auth.New(keys, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// newGuardedServer returns a server with the real GraphQL handler on a
// counting embedded store, the given access settings, and its log.
func newGuardedServer(t testing.TB, access server.Access) (*server.Server, *countingStore, *bytes.Buffer) {
	t.Helper()
	store := &countingStore{Store: embeddedtest.MustOpenTemp(t)}
	var log bytes.Buffer
	s := server.New(server.Config{
		Addr:    "127.0.0.1:0",
		Store:   store,
		GraphQL: graph.NewHandler(graph.Config{Store: store, Logger: zerolog.Nop()}),
		Logger:  zerolog.New(&log).Level(zerolog.DebugLevel),
		Access:  access,
	})
	return s, store, &log
}

// errorBody is the body of a refused request.
type errorBody struct {
	Errors []struct {
		Message    string
		Extensions struct{ Code string }
	}
}

func decodeError(t testing.TB, res *http.Response) errorBody {
	t.Helper()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want JSON", ct)
	}
	var b errorBody
	if err := json.NewDecoder(res.Body).Decode(&b); err != nil {
		t.Fatal(err)
	}
	if len(b.Errors) != 1 {
		t.Fatalf("want one error, got %+v", b)
	}
	return b
}

const peopleQuery = `{"query":"query Page { people(first: 2) { totalCount edges { node { id name } } } }"}`

func bearer(token string) http.Header {
	return http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + token}}
}

// TestAuthentication checks that /graphql needs credentials, that refused
// requests get 401 before the store is touched, and that the health checks
// and the front end stay open.
func TestAuthentication(t *testing.T) {
	s, store, log := newGuardedServer(t, server.Access{Authenticator: newKeysAuthenticator(t)})
	h := s.Handler()

	for _, c := range []struct {
		name      string
		method    string
		target    string
		header    http.Header
		challenge string
	}{
		{"NoCredentials", "POST", "/graphql", jsonHeader, `Bearer realm="netgraph"`},
		{"UnknownKey", "POST", "/graphql", bearer("not-a-key-0123456789abcdef"), `Bearer realm="netgraph", error="invalid_token"`},
		{"KeyWithoutBearer", "POST", "/graphql", http.Header{"Content-Type": {"application/json"}, "Authorization": {adminKey}}, `Bearer realm="netgraph", error="invalid_token"`},
		{"GET", "GET", "/graphql?query=%7Bpeople%7BtotalCount%7D%7D", nil, `Bearer realm="netgraph"`},
		{"FormPost", "POST", "/graphql", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, `Bearer realm="netgraph"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			log.Reset()
			res := do(t, h, c.method, c.target, strings.NewReader(peopleQuery), c.header)
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", res.StatusCode)
			}
			if got := res.Header.Get("WWW-Authenticate"); got != c.challenge {
				t.Errorf("WWW-Authenticate = %q, want %q", got, c.challenge)
			}
			if b := decodeError(t, res); b.Errors[0].Extensions.Code != "UNAUTHENTICATED" {
				t.Errorf("code = %q, want UNAUTHENTICATED", b.Errors[0].Extensions.Code)
			}
			if n := store.reads.Load(); n != 0 {
				t.Fatalf("%d store reads for a refused request, want 0", n)
			}
			if res.Header.Get(server.OpenAccessHeader) != "" {
				t.Errorf("a guarded server says it is open")
			}
			line := logLines(t, log)[0]
			if line["status"] != float64(401) || line["auth_error"] == nil || line["subject"] != nil {
				t.Errorf("log line = %v, want status 401 with auth_error and no subject", line)
			}
			if strings.Contains(log.String(), "0123456789abcdef") {
				t.Errorf("log repeats a token: %s", log)
			}
		})
	}

	t.Run("ValidKey", func(t *testing.T) {
		log.Reset()
		res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), bearer(viewerKey))
		if body := readBody(t, res); res.StatusCode != http.StatusOK || strings.Contains(body, `"errors"`) {
			t.Fatalf("status %d: %s", res.StatusCode, body)
		}
		if store.reads.Load() == 0 {
			t.Error("an accepted request did not reach the store (is the counter broken?)")
		}
		line := logLines(t, log)[0]
		if line["subject"] != "key:dash" || line["auth_error"] != nil {
			t.Errorf("log line = %v, want subject key:dash", line)
		}
		if strings.Contains(log.String(), viewerKey) {
			t.Errorf("log repeats the key: %s", log)
		}
	})

	t.Run("CallerReachesResolvers", func(t *testing.T) {
		var seen netgraph.Caller
		s := server.New(server.Config{
			Addr: "127.0.0.1:0", Store: store, Logger: zerolog.Nop(),
			GraphQL: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen, _ = netgraph.CallerFrom(r.Context()) }),
			Access:  server.Access{Authenticator: newKeysAuthenticator(t)},
		})
		header := bearer(adminKey)
		header.Set("X-Request-Id", "req-7")
		do(t, s.Handler(), "POST", "/graphql", strings.NewReader("{}"), header)
		if seen.Role != netgraph.RoleAdmin || !strings.HasPrefix(seen.Subject, "key:") || seen.RequestID != "req-7" {
			t.Errorf("caller = %+v, want an admin key with request id req-7", seen)
		}
	})

	t.Run("OpenPaths", func(t *testing.T) {
		for _, path := range append([]string{"/healthz", "/readyz", "/", "/graphiql"}, web.AssetPaths()...) {
			if res := do(t, h, "GET", path, nil, nil); res.StatusCode != http.StatusOK {
				t.Errorf("GET %s without credentials = %d, want 200", path, res.StatusCode)
			}
		}
	})
}

// TestOpenAccess checks an open server: every caller is an anonymous admin,
// responses and the log say so.
func TestOpenAccess(t *testing.T) {
	s, store, log := newGuardedServer(t, server.Access{})
	res := do(t, s.Handler(), "POST", "/graphql", strings.NewReader(peopleQuery), jsonHeader)
	if body := readBody(t, res); res.StatusCode != http.StatusOK || strings.Contains(body, `"errors"`) {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if res.Header.Get(server.OpenAccessHeader) != "open" {
		t.Errorf("%s = %q, want open", server.OpenAccessHeader, res.Header.Get(server.OpenAccessHeader))
	}
	if store.reads.Load() == 0 {
		t.Error("no store reads")
	}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Shutdown(context.Background())
	var warned bool
	for _, l := range logLines(t, log) {
		warned = warned || (l["level"] == "warn" && strings.Contains(l["message"].(string), "OPEN ACCESS"))
	}
	if !warned {
		t.Errorf("Open did not warn about open access:\n%s", log)
	}
}

// TestOpenAccessLoopbackHost checks that an open server answers /graphql
// only for requests addressed to a loopback host: a web page whose name an
// attacker rebinds to 127.0.0.1 (DNS rebinding) is same-origin with the
// server, but its requests carry the attacker's host name.
func TestOpenAccessLoopbackHost(t *testing.T) {
	from := func(h http.Handler, host string) (int, string) {
		r := httptest.NewRequest("POST", "/graphql", strings.NewReader(peopleQuery))
		r.Header.Set("Content-Type", "application/json")
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code, w.Body.String()
	}
	open, store, _ := newGuardedServer(t, server.Access{})
	for _, host := range []string{"127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080", "127.0.0.2"} {
		if status, body := from(open.Handler(), host); status != http.StatusOK {
			t.Errorf("open server, Host %s: HTTP %d, want 200: %s", host, status, body)
		}
	}
	store.reads.Store(0)
	for _, host := range []string{"evil.example:8080", "evil.example", "10.0.0.1:8080", "127.0.0.1.evil.example", ""} {
		status, body := from(open.Handler(), host)
		if status != http.StatusForbidden || !strings.Contains(body, `"FORBIDDEN"`) {
			t.Errorf("open server, Host %q: HTTP %d, want 403 FORBIDDEN: %s", host, status, body)
		}
	}
	if n := store.reads.Load(); n != 0 {
		t.Errorf("%d store reads for refused requests, want 0", n)
	}

	// Whoever allows open access on the network, or authenticates callers,
	// may be reached by any name.
	insecure, _, _ := newGuardedServer(t, server.Access{InsecureOpen: true})
	if status, body := from(insecure.Handler(), "netgraph.example:8080"); status != http.StatusOK {
		t.Errorf("--insecure-open: HTTP %d, want 200: %s", status, body)
	}
	guarded, _, _ := newGuardedServer(t, server.Access{Authenticator: newKeysAuthenticator(t)})
	r := httptest.NewRequest("POST", "/graphql", strings.NewReader(peopleQuery))
	r.Header = bearer(viewerKey)
	r.Host = "netgraph.example"
	w := httptest.NewRecorder()
	guarded.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Errorf("guarded server: HTTP %d, want 200: %s", w.Code, w.Body)
	}
}

func TestCheckExposure(t *testing.T) {
	guarded := server.Access{Authenticator: newKeysAuthenticator(t)}
	for _, c := range []struct {
		addr   string
		access server.Access
		ok     bool
	}{
		{"127.0.0.1:8080", server.Access{}, true},
		{"127.1.2.3:8080", server.Access{}, true},
		{"localhost:8080", server.Access{}, true},
		{"[::1]:8080", server.Access{}, true},
		{":8080", server.Access{}, false},
		{"0.0.0.0:8080", server.Access{}, false},
		{"[::]:8080", server.Access{}, false},
		{"192.168.1.5:8080", server.Access{}, false},
		{"netgraph.example.org:443", server.Access{}, false},
		{"0.0.0.0:8080", server.Access{InsecureOpen: true}, true},
		{":8080", guarded, true},
		{"no-port", server.Access{}, false},
	} {
		err := server.CheckExposure(c.addr, c.access)
		if (err == nil) != c.ok {
			t.Errorf("CheckExposure(%q, open=%v insecure=%v) = %v, want ok=%v", c.addr, c.access.Authenticator == nil, c.access.InsecureOpen, err, c.ok)
		}
	}

	// Open refuses an exposed open server before listening.
	exposed := server.New(server.Config{Addr: "0.0.0.0:0", Store: &pingStore{}, GraphQL: http.NotFoundHandler(), Logger: zerolog.Nop()})
	if err := exposed.Open(); !errors.Is(err, server.ErrExposed) {
		t.Errorf("Open on 0.0.0.0 without authentication = %v, want ErrExposed", err)
	}
}

// TestRateLimit checks the token bucket per caller: a caller past its burst
// gets 429 with Retry-After, other callers and the health checks do not.
func TestRateLimit(t *testing.T) {
	s, _, log := newGuardedServer(t, server.Access{Authenticator: newKeysAuthenticator(t), RateLimit: 0.5, RateBurst: 3})
	h := s.Handler()
	for i := range 3 {
		if res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), bearer(viewerKey)); res.StatusCode != http.StatusOK {
			t.Fatalf("request %d within the burst: status %d", i+1, res.StatusCode)
		}
	}
	log.Reset()
	res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), bearer(viewerKey))
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("request past the burst: status %d, want 429", res.StatusCode)
	}
	if ra, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
		t.Errorf("Retry-After = %q, want 1 or 2 seconds", res.Header.Get("Retry-After"))
	}
	if b := decodeError(t, res); b.Errors[0].Extensions.Code != graph.CodeRateLimited {
		t.Errorf("code = %q", b.Errors[0].Extensions.Code)
	}
	if l := logLines(t, log)[0]; l["status"] != float64(429) || l["subject"] != "key:dash" {
		t.Errorf("log line = %v", l)
	}

	if res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), bearer(adminKey)); res.StatusCode != http.StatusOK {
		t.Errorf("another key was limited too: status %d", res.StatusCode)
	}
	for range 5 {
		if res := do(t, h, "GET", "/healthz", nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("health check limited: %d", res.StatusCode)
		}
	}
	// Unauthenticated requests do not use up a key's bucket.
	if res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), jsonHeader); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("unauthenticated request: status %d, want 401", res.StatusCode)
	}
}

// TestFailedLoginsLimited checks that guessing keys is rate-limited per client
// address, while a request without credentials is simply told to log in.
func TestFailedLoginsLimited(t *testing.T) {
	s, _, _ := newGuardedServer(t, server.Access{Authenticator: newKeysAuthenticator(t), RateLimit: 0.5, RateBurst: 2})
	h := s.Handler()
	guess := bearer("not-a-key-0123456789abcdef")
	for i := range 2 {
		if res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), guess); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: status %d, want 401", i+1, res.StatusCode)
		}
	}
	res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), guess)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("guess past the burst: status %d, Retry-After %q; want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	for range 3 {
		if res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), jsonHeader); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("request without credentials: status %d, want 401", res.StatusCode)
		}
	}
	if res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), bearer(viewerKey)); res.StatusCode != http.StatusOK {
		t.Errorf("a valid key from the same address: status %d, want 200", res.StatusCode)
	}
}

// TestRateLimitOpen checks that anonymous callers of an open server are
// limited per address.
func TestRateLimitOpen(t *testing.T) {
	s, _, _ := newGuardedServer(t, server.Access{RateLimit: 1, RateBurst: 1})
	h := s.Handler()
	from := func(addr string) int {
		r := httptest.NewRequest("POST", "/graphql", strings.NewReader(peopleQuery))
		r.Header.Set("Content-Type", "application/json")
		r.Host = "localhost:8080"
		r.RemoteAddr = addr
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	if a, b, c := from("10.0.0.1:1234"), from("10.0.0.1:5678"), from("10.0.0.2:1234"); a != 200 || b != 429 || c != 200 {
		t.Errorf("statuses %d %d %d, want 200 429 200", a, b, c)
	}
}

// TestMediaType checks that POSTs to /graphql must be JSON: forms and text,
// which a web page can send cross-site without a preflight, get 415.
func TestMediaType(t *testing.T) {
	s, store, _ := newGuardedServer(t, server.Access{})
	h := s.Handler()
	for _, c := range []struct {
		contentType string
		status      int
	}{
		{"application/json", 200},
		{"application/json; charset=utf-8", 200},
		{"Application/JSON; charset=UTF-8", 200},
		{"", 415},
		{"text/plain", 415},
		{"text/plain; charset=utf-8", 415},
		{"application/x-www-form-urlencoded", 415},
		{"multipart/form-data; boundary=x", 415},
		{"application/graphql", 415},
		{"application/json; charset=latin1", 415},
		{"application/jsonx", 415},
		{"not a media type", 415},
	} {
		before := store.reads.Load()
		header := http.Header{}
		if c.contentType != "" {
			header.Set("Content-Type", c.contentType)
		}
		res := do(t, h, "POST", "/graphql", strings.NewReader(peopleQuery), header)
		if res.StatusCode != c.status {
			t.Errorf("Content-Type %q: status %d, want %d", c.contentType, res.StatusCode, c.status)
			continue
		}
		if c.status == 415 {
			if b := decodeError(t, res); b.Errors[0].Extensions.Code != graph.CodeUnsupportedMediaType {
				t.Errorf("Content-Type %q: code %q", c.contentType, b.Errors[0].Extensions.Code)
			}
			if store.reads.Load() != before {
				t.Errorf("Content-Type %q: the store was read", c.contentType)
			}
		}
	}
	// GET carries no body: queries over GET stay possible.
	if res := do(t, h, "GET", "/graphql?query=%7BdataVersion%7D", nil, nil); res.StatusCode != 200 {
		t.Errorf("GET query: status %d", res.StatusCode)
	}
}

// TestRequestTimeout checks that every request's context has the deadline.
func TestRequestTimeout(t *testing.T) {
	for _, c := range []struct {
		timeout, want time.Duration
	}{
		{0, server.DefaultRequestTimeout},
		{2 * time.Second, 2 * time.Second},
	} {
		var left time.Duration
		s := server.New(server.Config{
			Addr: "127.0.0.1:0", Store: &pingStore{}, Logger: zerolog.Nop(),
			GraphQL: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if d, ok := r.Context().Deadline(); ok {
					left = time.Until(d)
				}
			}),
			Access: server.Access{RequestTimeout: c.timeout},
		})
		do(t, s.Handler(), "POST", "/graphql", strings.NewReader("{}"), jsonHeader)
		if left <= c.want-time.Second || left > c.want {
			t.Errorf("timeout %v: %v left on the request's deadline, want about %v", c.timeout, left, c.want)
		}
	}
}

func TestAccessValidate(t *testing.T) {
	for _, c := range []struct {
		access server.Access
		ok     bool
	}{
		{server.Access{}, true},
		{server.Access{RateLimit: 20, RateBurst: 40}, true},
		{server.Access{RateLimit: -1}, false},
		{server.Access{RateLimit: 5, RateBurst: 0}, false},
		{server.Access{RequestTimeout: -time.Second}, false},
	} {
		if err := c.access.Validate(); (err == nil) != c.ok {
			t.Errorf("Validate(%+v) = %v, want ok=%v", c.access, err, c.ok)
		}
	}
}
