// Package server is netgraph's HTTP server: it routes /graphql to the GraphQL
// handler, serves the browser front end (the dashboard at /, GraphiQL at /graphiql) and the health checks at /healthz
// and /readyz, and runs every request through one middleware chain (request
// id, one access log line, panic recovery, a deadline). /graphql alone is
// guarded: the caller must authenticate (unless the server is open), keep to
// a rate limit, and POST JSON. See Server.Handler for the order.
package server

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/metrics"
	"github.com/netgraph/netgraph/web"
)

// Timeouts and limits of the HTTP server; the Default ones apply where
// Config leaves them 0.
const (
	// DefaultReadHeaderTimeout is how long a client may take to send a
	// request's headers.
	DefaultReadHeaderTimeout = 5 * time.Second
	// DefaultReadTimeout is how long a client may take to send a whole
	// request (a 1 MiB body at 35 KB/s).
	DefaultReadTimeout = 30 * time.Second
	// DefaultIdleTimeout is how long a keep-alive connection may wait for
	// its next request.
	DefaultIdleTimeout = 30 * time.Second
	// DefaultMaxConnections is how many connections the server holds at
	// once; over it, an idle one is closed to make room, or the new one is
	// answered 503.
	DefaultMaxConnections = 1024
	WriteTimeout          = 2 * time.Minute // analysis queries may take a while
	MaxHeaderBytes        = 64 << 10
	DefaultReadyTimeout   = 2 * time.Second
)

// Config is what the server needs.
type Config struct {
	// Addr is the TCP address to listen on, e.g. "127.0.0.1:8080"; port 0
	// picks a free port (see Server.Addr).
	Addr string
	// Store is pinged by /readyz.
	Store netgraph.Store
	// GraphQL serves /graphql.
	GraphQL http.Handler
	// Engine, if set, is the engine behind GraphQL: /report takes its cached
	// analyses when the report's options ask for the figures it computes.
	Engine *engine.Engine
	// Logger receives one line per request and the server's own errors.
	Logger zerolog.Logger
	// ReadyTimeout bounds the store ping behind /readyz; 0 means
	// DefaultReadyTimeout.
	ReadyTimeout time.Duration
	// Access says who may use /graphql and how much; the zero value is an
	// open server for loopback addresses only.
	Access Access
	// MaxConnections caps the connections held at once; 0 means
	// DefaultMaxConnections.
	MaxConnections int
	// ReadHeaderTimeout, ReadTimeout and IdleTimeout bound how long a
	// client may take to send headers, a whole request, and its next
	// request on a kept-alive connection; 0 means their defaults.
	ReadHeaderTimeout, ReadTimeout, IdleTimeout time.Duration
	// Metrics, if set, measures the GraphQL requests and is served at
	// /metrics: on MetricsAddr if that is set, else on Addr to clients on
	// loopback only (see serveMetricsLocally).
	Metrics *metrics.Metrics
	// MetricsAddr is a TCP address of its own for /metrics, e.g.
	// "10.0.0.5:9090" on the interface a Prometheus scrapes; "" serves it on
	// Addr to loopback clients.
	MetricsAddr string
}

// orDefault returns d, or def if d is not positive.
func orDefault[T int | time.Duration](d, def T) T {
	if d <= 0 {
		return def
	}
	return d
}

// Server is netgraph's HTTP server.
type Server struct {
	cfg     Config
	limiter *rateLimiter // nil without a rate limit
	// heavy is the one slot for whole-graph exports and reports.
	heavy  chan struct{}
	ln     net.Listener
	server *http.Server
	done   chan error // Serve's result

	// The /metrics listener, with Config.MetricsAddr.
	metricsLn     net.Listener
	metricsServer *http.Server
	metricsDone   chan error
}

// New returns a server for cfg; Open starts it.
func New(cfg Config) *Server {
	if cfg.ReadyTimeout <= 0 {
		cfg.ReadyTimeout = DefaultReadyTimeout
	}
	if cfg.Access.RequestTimeout <= 0 {
		cfg.Access.RequestTimeout = DefaultRequestTimeout
	}
	s := &Server{cfg: cfg, heavy: make(chan struct{}, 1)}
	if cfg.Access.RateLimit > 0 {
		s.limiter = newRateLimiter(cfg.Access.RateLimit, max(cfg.Access.RateBurst, 1), time.Now)
	}
	s.server = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: orDefault(cfg.ReadHeaderTimeout, DefaultReadHeaderTimeout),
		ReadTimeout:       orDefault(cfg.ReadTimeout, DefaultReadTimeout),
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       orDefault(cfg.IdleTimeout, DefaultIdleTimeout),
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          log.New(httpErrorLog{cfg.Logger}, "", 0),
	}
	if cfg.Metrics != nil && cfg.MetricsAddr != "" {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", cfg.Metrics.Handler())
		s.metricsServer = &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: s.server.ReadHeaderTimeout,
			ReadTimeout:       s.server.ReadTimeout,
			WriteTimeout:      s.server.WriteTimeout,
			IdleTimeout:       s.server.IdleTimeout,
			MaxHeaderBytes:    MaxHeaderBytes,
			ErrorLog:          s.server.ErrorLog,
		}
	}
	return s
}

// Handler returns the routes wrapped in the middleware. Every request passes,
// outermost first:
//
//  1. withRequestID: an id for the request, which every later step logs;
//  2. withLogging: one line per request, with the status whatever step
//     answered (so refused requests are logged too);
//  3. withRecovery: a panic becomes a 500;
//  4. withTimeout: the request's context ends after Access.RequestTimeout;
//  5. withCORS: with Access.CORSOrigins, preflights from those origins are
//     answered here, before any credentials are asked for (browsers send
//     none with a preflight), and their requests get
//     Access-Control-Allow-Origin; other origins get no CORS headers.
//
// /metrics (with Config.Metrics and no MetricsAddr) answers loopback
// clients only.
// The health checks and the front end's files are open to all: probes and
// the browser have no credentials (the pages send them with their GraphQL
// requests).
// /graphql passes three more steps before the GraphQL handler, cheapest
// refusal first and nothing read from the store until all have passed:
//
//  6. withCaller: authenticate (401), or, on an open server, an anonymous
//     admin;
//  7. withRateLimit: a token bucket per caller (429);
//  8. requireJSONPost: a POST must be application/json (415).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/graphql", s.withCaller(s.withRateLimit(requireJSONPost(s.cfg.GraphQL))))
	// The whole graph as `netgraph export` and `netgraph report` write
	// it, for the commands' --url and the dashboard's "open in Gephi":
	// authenticated and rate-limited like /graphql, roles checked by each.
	mux.Handle("GET /export", s.withCaller(s.withRateLimit(http.HandlerFunc(s.export))))
	mux.Handle("GET /report", s.withCaller(s.withRateLimit(http.HandlerFunc(s.report))))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	if s.cfg.Metrics != nil && s.cfg.MetricsAddr == "" {
		mux.Handle("GET /metrics", serveMetricsLocally(s.cfg.Metrics.Handler()))
	}
	// The front end (package web): the dashboard, GraphiQL and their assets.
	mux.Handle("GET /{$}", web.Handler())
	mux.Handle("GET /graphiql", web.Handler())
	mux.Handle("GET "+web.AssetPrefix+"{file}", web.Handler())
	return withRequestID(s.withLogging(s.withRecovery(withTimeout(s.cfg.Access.RequestTimeout, withCORS(s.cfg.Access.CORSOrigins, mux)))))
}

// Open listens on the configured address and serves in the background. It
// refuses an open server on an address other machines can reach (see
// CheckExposure), and warns loudly about one on loopback.
func (s *Server) Open() error {
	if err := s.cfg.Access.Validate(); err != nil {
		return err
	}
	if err := CheckExposure(s.cfg.Addr, s.cfg.Access); err != nil {
		return err
	}
	if s.cfg.Access.Authenticator == nil {
		s.cfg.Logger.Warn().Str("addr", s.cfg.Addr).Bool("insecure_open", s.cfg.Access.InsecureOpen).
			Msg("OPEN ACCESS: no API keys or JWT configured; every request to /graphql acts as an anonymous admin")
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	if s.metricsServer != nil {
		mln, err := net.Listen("tcp", s.cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("listen on %s for /metrics: %w", s.cfg.MetricsAddr, err)
		}
		s.metricsLn = mln
		s.metricsDone = make(chan error, 1)
		go func() { s.metricsDone <- s.metricsServer.Serve(mln) }()
	}
	limited := newConnLimiter(ln, orDefault(s.cfg.MaxConnections, DefaultMaxConnections))
	s.server.ConnState = limited.track
	s.ln = limited
	s.done = make(chan error, 1)
	go func() { s.done <- s.server.Serve(limited) }()
	return nil
}

// MetricsURL returns the URL of /metrics once open: on the metrics
// address if there is one, else on the main one; "" without metrics.
func (s *Server) MetricsURL() string {
	switch {
	case s.cfg.Metrics == nil:
		return ""
	case s.metricsLn != nil:
		return "http://" + s.metricsLn.Addr().String() + "/metrics"
	case s.ln != nil:
		return s.URL() + "/metrics"
	}
	return ""
}

// Addr returns the address the server listens on, once open.
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// URL returns the server's base URL, once open, e.g. "http://127.0.0.1:8080".
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Shutdown stops accepting requests and waits for the ones in flight until
// ctx ends; then it closes the remaining connections.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.ln == nil {
		return nil
	}
	err := s.server.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		err = errors.Join(fmt.Errorf("requests still running at shutdown: %w", err), s.server.Close())
	}
	if serr := <-s.done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	s.ln = nil
	if s.metricsLn != nil {
		// Scrapes are short: close at once rather than wait.
		err = errors.Join(err, s.metricsServer.Close())
		if serr := <-s.metricsDone; !errors.Is(serr, http.ErrServerClosed) {
			err = errors.Join(err, serr)
		}
		s.metricsLn = nil
	}
	return err
}

// httpErrorLog passes net/http's own complaints (bad requests, broken
// connections) to the logger as warnings.
type httpErrorLog struct{ logger zerolog.Logger }

func (l httpErrorLog) Write(p []byte) (int, error) {
	l.logger.Warn().Str("component", "net/http").Msg(strings.TrimSpace(string(p)))
	return len(p), nil
}

// healthz reports that the process is alive.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

// readyz reports whether the store answers within the ready timeout.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.ReadyTimeout)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.cfg.Store.Ping(ctx); err != nil {
		s.cfg.Logger.Warn().Err(err).Str("request_id", requestID(r.Context())).Msg("store not ready")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "store unavailable")
		return
	}
	fmt.Fprintln(w, "ready")
}
