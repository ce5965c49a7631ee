// Package metrics measures the service for Prometheus (client_golang): how
// long GraphQL requests take by operation, the error codes they answer with,
// how long analyses take and how often the engine's cache serves them, and
// how long each store method takes. Everything is registered in the
// Metrics' own registry, with the Go runtime and process collectors, never in
// the global default one, so that tests and several servers in one process
// do not share counts.
//
// No label holds personal data or an id: operation names are the clients'
// own but capped (see MaxOperationNames), scopes are counted by kind, not by
// network or organisation, and store calls by method.
package metrics

import (
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/netgraph/netgraph/engine"
)

// Operation names are chosen by clients, so a client sending a new name with
// every request could make a new time series each time. Only the first
// MaxOperationNames distinct names, each at most MaxOperationNameLength
// bytes, get series of their own; later ones are counted as OtherOperation.
// A dashboard and GraphiQL's examples use a few dozen.
const (
	MaxOperationNames      = 100
	MaxOperationNameLength = 64
	// OtherOperation labels requests whose operation name is past the cap.
	OtherOperation = "other"
	// AnonymousOperation labels operations without a name.
	AnonymousOperation = "anonymous"
	// UnknownOperation labels requests refused or unparseable before an
	// operation was known (operation_type too).
	UnknownOperation = "unknown"
)

// Metrics holds the service's measurements and the registry they are
// exposed from. Its methods are safe for concurrent use.
type Metrics struct {
	registry *prometheus.Registry

	requestDuration  *prometheus.HistogramVec
	requestErrors    *prometheus.CounterVec
	analysisDuration *prometheus.HistogramVec
	cacheLookups     *prometheus.CounterVec
	storeDuration    *prometheus.HistogramVec
	storeErrors      *prometheus.CounterVec

	mu         sync.Mutex
	operations map[string]bool // the names admitted under the cap
}

// New returns the service's metrics in a registry of their own, with the Go
// runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "netgraph", Subsystem: "graphql", Name: "request_duration_seconds",
			Help:    "Time to answer a GraphQL request, by operation type and name (names past the cap are \"other\").",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 120},
		}, []string{"operation_type", "operation"}),
		requestErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "netgraph", Subsystem: "graphql", Name: "errors_total",
			Help: "GraphQL requests answered with an error of this extensions.code (each code counted once a request).",
		}, []string{"code"}),
		analysisDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "netgraph", Subsystem: "analysis", Name: "duration_seconds",
			Help:    "Time to compute an analysis, by scope kind (graph, network, organisation) and outcome (ok, error).",
			Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600},
		}, []string{"scope", "outcome"}),
		cacheLookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "netgraph", Subsystem: "analysis", Name: "cache_lookups_total",
			Help: "Requests for an analysis by how the engine met them: hit, stale (served while recomputed), shared (waited for a computation under way), miss (computed), failed (a recent failure repeated).",
		}, []string{"result"}),
		storeDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "netgraph", Subsystem: "store", Name: "call_duration_seconds",
			Help:    "Time of a store call, by method.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5},
		}, []string{"method"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "netgraph", Subsystem: "store", Name: "errors_total",
			Help: "Store calls that failed, by method and domain error code (not_found, invalid, conflict, forbidden, unavailable, internal, ...).",
		}, []string{"method", "code"}),
		operations: map[string]bool{},
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requestDuration, m.requestErrors, m.analysisDuration, m.cacheLookups, m.storeDuration, m.storeErrors,
	)
	return m
}

// Handler serves the metrics in the Prometheus text (or OpenMetrics) format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// ObserveRequest records one GraphQL request: its operation type ("query",
// "mutation", "subscription", or "" if none was known), its name, how long
// it took, and the distinct extensions.code values of its errors.
func (m *Metrics) ObserveRequest(opType, opName string, took time.Duration, codes []string) {
	if opType == "" {
		opType, opName = UnknownOperation, UnknownOperation
	} else {
		opName = m.operationLabel(opName)
	}
	m.requestDuration.WithLabelValues(opType, opName).Observe(took.Seconds())
	for _, c := range codes {
		m.requestErrors.WithLabelValues(c).Inc()
	}
}

// operationLabel returns the label for an operation name: the name itself
// if it is admitted under the cap, else OtherOperation.
func (m *Metrics) operationLabel(name string) string {
	switch {
	case name == "":
		return AnonymousOperation
	case len(name) > MaxOperationNameLength:
		return OtherOperation
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.operations[name] {
		return name
	}
	if len(m.operations) >= MaxOperationNames {
		return OtherOperation
	}
	m.operations[name] = true
	return name
}

var _ engine.Observer = (*Metrics)(nil)

// Looked counts how the engine met a request for an analysis.
func (m *Metrics) Looked(_ engine.Scope, result engine.Lookup) {
	m.cacheLookups.WithLabelValues(string(result)).Inc()
}

// Computed records how long an analysis took and whether it succeeded.
func (m *Metrics) Computed(scope engine.Scope, took time.Duration, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.analysisDuration.WithLabelValues(scopeKind(scope), outcome).Observe(took.Seconds())
}

// scopeKind names a scope's kind without its id.
func scopeKind(s engine.Scope) string {
	switch {
	case s.NetworkID != "":
		return "network"
	case s.OrganisationID != "":
		return "organisation"
	}
	return "graph"
}
