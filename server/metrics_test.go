package server_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/metrics"
	"github.com/netgraph/netgraph/server"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// newMeasuredServer starts a guarded server wired as serve wires it: the
// store timed by the metrics, the engine observed by them, /metrics served
// (on metricsAddr if given).
func newMeasuredServer(t *testing.T, metricsAddr string) *server.Server {
	t.Helper()
	m := metrics.New()
	store := m.Store(embeddedtest.MustOpenTemp(t))
	eng := engine.New(store, engine.Options{Observer: m})
	s := server.New(server.Config{
		Addr:        "127.0.0.1:0",
		Store:       store,
		GraphQL:     graph.NewHandler(graph.Config{Store: store, Engine: eng, Logger: zerolog.Nop()}),
		Logger:      zerolog.Nop(),
		Access:      server.Access{Authenticator: newKeysAuthenticator(t)},
		Metrics:     m,
		MetricsAddr: metricsAddr,
	})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Shutdown(context.Background()) })
	return s
}

// scrape returns the samples of a /metrics page by series
// (`name{label="value",…}`, labels in the order Prometheus writes them).
func scrape(t *testing.T, url string) (map[string]float64, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body := readBody(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", url, res.StatusCode, body)
	}
	samples := map[string]float64{}
	for _, line := range strings.Split(body, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("sample %q: %v", line, err)
		}
		samples[line[:i]] = v
	}
	return samples, body
}

// TestMetrics checks that after a few GraphQL requests /metrics holds their
// latency by operation, the refused one's error code, the analysis they
// caused with its cache miss and hit, the store calls it made, and the Go
// and process collectors, and nothing of the people in the store.
func TestMetrics(t *testing.T) {
	s := newMeasuredServer(t, "")
	post := func(key, body string) {
		t.Helper()
		h := http.Header{"Content-Type": {"application/json"}}
		if key != "" {
			h = bearer(key)
		}
		send(t, http.MethodPost, s.URL()+"/graphql", body, h)
	}
	post(adminKey, `{"query":"mutation AddAnn { createPerson(input: {name: \"Ann Lee\", email: \"ann.lee@example.org\"}) { id } }"}`)
	post(viewerKey, `{"query":"query Health { networkHealth { people } }"}`)
	post(viewerKey, `{"query":"query Health { networkHealth { people } }"}`)
	post("", `{"query":"query Health { networkHealth { people } }"}`)

	samples, body := scrape(t, s.MetricsURL())
	for series, want := range map[string]float64{
		`netgraph_graphql_request_duration_seconds_count{operation="Health",operation_type="query"}`:    2,
		`netgraph_graphql_request_duration_seconds_count{operation="AddAnn",operation_type="mutation"}`: 1,
		`netgraph_graphql_request_duration_seconds_count{operation="unknown",operation_type="unknown"}`: 1,
		`netgraph_graphql_errors_total{code="UNAUTHENTICATED"}`:                                         1,
		`netgraph_analysis_duration_seconds_count{outcome="ok",scope="graph"}`:                          1,
		`netgraph_analysis_cache_lookups_total{result="miss"}`:                                          1,
		`netgraph_analysis_cache_lookups_total{result="hit"}`:                                           1,
		`netgraph_store_call_duration_seconds_count{method="CreatePerson"}`:                             1,
		`netgraph_store_call_duration_seconds_count{method="ReadGraph"}`:                                1,
	} {
		if got, ok := samples[series]; !ok || got != want {
			t.Errorf("%s = %v (present %v), want %v", series, got, ok, want)
		}
	}
	for _, series := range []string{
		`netgraph_graphql_request_duration_seconds_sum{operation="Health",operation_type="query"}`,
		`netgraph_analysis_duration_seconds_sum{outcome="ok",scope="graph"}`,
		`netgraph_store_call_duration_seconds_sum{method="ReadGraph"}`,
	} {
		if v := samples[series]; v <= 0 || v > 60 {
			t.Errorf("%s = %v s, want a positive time under a minute", series, v)
		}
	}
	for _, series := range []string{"go_goroutines", "process_cpu_seconds_total", "process_resident_memory_bytes"} {
		if samples[series] <= 0 {
			t.Errorf("%s = %v, want a positive value from the Go and process collectors", series, samples[series])
		}
	}
	for _, personal := range []string{"Ann Lee", "ann.lee", "per_"} {
		if strings.Contains(body, personal) {
			t.Errorf("/metrics holds %q", personal)
		}
	}
}

// TestMetricsAccess checks that /metrics on the main listener answers only
// clients on loopback that came through no proxy, and that with an address
// of its own it is served there and not on the main listener.
func TestMetricsAccess(t *testing.T) {
	t.Run("MainListenerLoopbackOnly", func(t *testing.T) {
		s := newMeasuredServer(t, "")
		if res := send(t, http.MethodGet, s.MetricsURL(), "", nil); res.StatusCode != http.StatusOK {
			t.Errorf("loopback client: status %d, want 200", res.StatusCode)
		}
		res := send(t, http.MethodGet, s.MetricsURL(), "", http.Header{"X-Forwarded-For": {"203.0.113.9"}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("proxied client: status %d, want 403", res.StatusCode)
		}
		// httptest's requests come from 192.0.2.1, another machine.
		if res := do(t, s.Handler(), http.MethodGet, "/metrics", nil, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("remote client: status %d, want 403", res.StatusCode)
		}
	})
	t.Run("OwnAddress", func(t *testing.T) {
		s := newMeasuredServer(t, "127.0.0.1:0")
		if strings.HasPrefix(s.MetricsURL(), s.URL()) {
			t.Fatalf("metrics URL %s is on the main listener %s", s.MetricsURL(), s.URL())
		}
		if samples, _ := scrape(t, s.MetricsURL()); samples["go_goroutines"] <= 0 {
			t.Error("no go_goroutines on the metrics address")
		}
		if res := send(t, http.MethodGet, s.URL()+"/metrics", "", nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("main listener /metrics: status %d, want 404 when it has its own address", res.StatusCode)
		}
	})
}
