package server_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/server"
)

const dashOrigin = "https://dash.example.org"

// openGuarded starts a guarded server (API keys) with the given CORS
// origins on a real listener and returns its URL and the store it counts
// reads on.
func openGuarded(t *testing.T, origins []string) (string, *countingStore) {
	t.Helper()
	s, store, _ := newGuardedServer(t, server.Access{Authenticator: newKeysAuthenticator(t), CORSOrigins: origins})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Shutdown(context.Background()) })
	return s.URL(), store
}

// send makes one real HTTP request and returns the response with its body
// read and closed.
func send(t *testing.T, method, url, body string, header http.Header) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = header.Clone()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, res)
	res.Body.Close()
	return res
}

// preflight is what a browser sends before a dashboard's POST of JSON with
// an API key.
func preflight(origin string) http.Header {
	return http.Header{
		"Origin":                         {origin},
		"Access-Control-Request-Method":  {"POST"},
		"Access-Control-Request-Headers": {"authorization,content-type"},
	}
}

// headerList splits a comma-separated header into lower-case items.
func headerList(v string) []string {
	var items []string
	for _, s := range strings.Split(v, ",") {
		items = append(items, strings.ToLower(strings.TrimSpace(s)))
	}
	return items
}

// TestCORS checks that a listed origin's preflight for POST /graphql with
// Authorization and Content-Type is answered before authentication, that its
// requests carry Access-Control-Allow-Origin (refusals too, so the page can
// read why), that credentials mode is never allowed, and that any other
// origin gets no CORS headers at all.
func TestCORS(t *testing.T) {
	url, store := openGuarded(t, []string{dashOrigin})

	t.Run("PreflightAllowed", func(t *testing.T) {
		res := send(t, http.MethodOptions, url+"/graphql", "", preflight(dashOrigin))
		if res.StatusCode != http.StatusNoContent {
			t.Errorf("status %d, want 204", res.StatusCode)
		}
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != dashOrigin {
			t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, dashOrigin)
		}
		if got := res.Header.Get("Access-Control-Allow-Methods"); !slices.Contains(headerList(got), "post") {
			t.Errorf("Access-Control-Allow-Methods = %q, want POST", got)
		}
		allowed := headerList(res.Header.Get("Access-Control-Allow-Headers"))
		for _, h := range []string{"authorization", "content-type"} {
			if !slices.Contains(allowed, h) {
				t.Errorf("Access-Control-Allow-Headers = %v, want %s", allowed, h)
			}
		}
		if got := res.Header.Get("Access-Control-Max-Age"); got != "600" {
			t.Errorf("Access-Control-Max-Age = %q, want 600", got)
		}
		if got := res.Header.Get("Access-Control-Allow-Credentials"); got != "" {
			t.Errorf("Access-Control-Allow-Credentials = %q, want none", got)
		}
		if res.Header.Get("WWW-Authenticate") != "" {
			t.Error("preflight was sent to authentication")
		}
	})
	t.Run("PreflightOtherOrigin", func(t *testing.T) {
		res := send(t, http.MethodOptions, url+"/graphql", "", preflight("https://evil.example.com"))
		for k := range res.Header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("refused origin got %s: %q", k, res.Header.Get(k))
			}
		}
	})
	t.Run("PostAllowed", func(t *testing.T) {
		h := bearer(viewerKey)
		h.Set("Origin", dashOrigin)
		res := send(t, http.MethodPost, url+"/graphql", peopleQuery, h)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d", res.StatusCode)
		}
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != dashOrigin {
			t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, dashOrigin)
		}
		exposed := headerList(res.Header.Get("Access-Control-Expose-Headers"))
		if !slices.Contains(exposed, "x-request-id") {
			t.Errorf("Access-Control-Expose-Headers = %v, want X-Request-Id", exposed)
		}
		if got := res.Header.Get("Vary"); !strings.Contains(got, "Origin") {
			t.Errorf("Vary = %q, want Origin (caches must not serve one origin's answer to another)", got)
		}
	})
	t.Run("UnauthenticatedAllowedOrigin", func(t *testing.T) {
		reads := store.reads.Load()
		res := send(t, http.MethodPost, url+"/graphql", peopleQuery, http.Header{"Origin": {dashOrigin}, "Content-Type": {"application/json"}})
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("status %d, want 401", res.StatusCode)
		}
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != dashOrigin {
			t.Errorf("Access-Control-Allow-Origin = %q on a 401, want %q so the page can read it", got, dashOrigin)
		}
		if store.reads.Load() != reads {
			t.Error("the store was read for an unauthenticated request")
		}
	})
	t.Run("PostOtherOrigin", func(t *testing.T) {
		h := bearer(viewerKey)
		h.Set("Origin", "http://dash.example.org") // same host, other scheme: another origin
		res := send(t, http.MethodPost, url+"/graphql", peopleQuery, h)
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("Access-Control-Allow-Origin = %q for an origin not listed", got)
		}
	})
}

// TestCORSOffByDefault checks that a server given no origins answers no
// preflight and allows no origin: no cross-origin access unless asked for.
func TestCORSOffByDefault(t *testing.T) {
	url, _ := openGuarded(t, nil)
	res := send(t, http.MethodOptions, url+"/graphql", "", preflight(dashOrigin))
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("Access-Control-Allow-Origin = %q without --cors-origins", got)
	}
	h := bearer(viewerKey)
	h.Set("Origin", dashOrigin)
	res = send(t, http.MethodPost, url+"/graphql", peopleQuery, h)
	if res.StatusCode != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("status %d, Access-Control-Allow-Origin %q: want 200 and none", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
}

func TestParseCORSOrigins(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    []string
		wantErr string
	}{
		{in: "", want: nil},
		{in: "https://Dash.Example.org/, http://localhost:5173", want: []string{"https://dash.example.org", "http://localhost:5173"}},
		{in: "http://[::1]:8081", want: []string{"http://[::1]:8081"}},
		{in: "*", wantErr: "wildcards"},
		{in: "https://*.example.org", wantErr: "wildcards"},
		{in: "https://dash.example.org/app", wantErr: "without user, path"},
		{in: "https://user@dash.example.org", wantErr: "without user, path"},
		{in: "dash.example.org", wantErr: "http or https"},
		{in: "ftp://dash.example.org", wantErr: "http or https"},
		{in: "https://", wantErr: "no host"},
	} {
		got, err := server.ParseCORSOrigins(tc.in)
		switch {
		case tc.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseCORSOrigins(%q) = %v, %v; want error containing %q", tc.in, got, err, tc.wantErr)
			}
		case err != nil:
			t.Errorf("ParseCORSOrigins(%q): %v", tc.in, err)
		case !slices.Equal(got, tc.want):
			t.Errorf("ParseCORSOrigins(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if err := (server.Access{CORSOrigins: []string{"*"}}).Validate(); err == nil {
		t.Error(`Access.Validate accepted CORS origin "*"`)
	}
}
