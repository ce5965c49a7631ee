package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/server"
)

// TestExportEndpoint checks /export's and /report's refusals (a bad format or
// parameter, a role short of what the file holds, no credentials) before
// any work, and what a viewer's dashboard and an admin are given.
func TestExportEndpoint(t *testing.T) {
	s, store, _ := newGuardedServer(t, server.Access{Authenticator: newKeysAuthenticator(t)})
	h := s.Handler()
	for _, c := range []struct {
		name, target, key string
		status            int
		code              string
	}{
		{"NoCredentials", "/export?format=gexf", "", http.StatusUnauthorized, graph.CodeUnauthenticated},
		{"BadFormat", "/export?format=pdf", adminKey, http.StatusBadRequest, graph.CodeBadUserInput},
		{"ViewerGEXF", "/export?format=gexf", viewerKey, http.StatusForbidden, graph.CodeForbidden},
		{"ViewerJSONLines", "/export", viewerKey, http.StatusForbidden, graph.CodeForbidden},
		{"ViewerReport", "/report", viewerKey, http.StatusForbidden, graph.CodeForbidden},
		{"BadTop", "/report?top=0", adminKey, http.StatusBadRequest, graph.CodeBadUserInput},
		{"BothScopes", "/report?network=n&organisation=o", adminKey, http.StatusBadRequest, graph.CodeBadUserInput},
		{"UnknownNetwork", "/report?network=net_0000000000000000", adminKey, http.StatusNotFound, graph.CodeNotFound},
	} {
		t.Run(c.name, func(t *testing.T) {
			var hdr http.Header
			if c.key != "" {
				hdr = http.Header{"Authorization": {"Bearer " + c.key}}
			}
			reads := store.reads.Load()
			res := do(t, h, http.MethodGet, c.target, nil, hdr)
			if res.StatusCode != c.status {
				t.Fatalf("status %d, want %d", res.StatusCode, c.status)
			}
			if b := decodeError(t, res); b.Errors[0].Extensions.Code != c.code {
				t.Errorf("code %q, want %q", b.Errors[0].Extensions.Code, c.code)
			}
			if c.status != http.StatusNotFound && store.reads.Load() != reads {
				t.Error("the store was read for a refused request")
			}
		})
	}
	t.Run("AdminJSONLines", func(t *testing.T) {
		res := do(t, h, http.MethodGet, "/export", nil, http.Header{"Authorization": {"Bearer " + adminKey}})
		body := readBody(t, res)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/x-ndjson" {
			t.Fatalf("status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
		}
		if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="netgraph.jsonl"` {
			t.Errorf("Content-Disposition %q", got)
		}
		if lines := strings.Split(strings.TrimSpace(body), "\n"); len(lines) != 2 || !strings.Contains(lines[1], `"end"`) {
			t.Errorf("an empty store's export: want a header and an end line, got %q", body)
		}
	})
}
