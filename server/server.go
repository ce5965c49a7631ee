// Package server is netgraph's HTTP server: it routes /graphql to the GraphQL
// handler, serves the in-browser IDE at / and the health checks at /healthz
// and /readyz, and runs every request through one middleware chain (request
// id, caller identity, panic recovery, one access log line).
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
	"github.com/netgraph/netgraph/server/ide"
)

// Timeouts and limits of the HTTP server.
const (
	ReadHeaderTimeout   = 10 * time.Second
	ReadTimeout         = 30 * time.Second
	WriteTimeout        = 2 * time.Minute // analysis queries may take a while
	IdleTimeout         = 2 * time.Minute
	MaxHeaderBytes      = 64 << 10
	DefaultReadyTimeout = 2 * time.Second
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
	// Logger receives one line per request and the server's own errors.
	Logger zerolog.Logger
	// ReadyTimeout bounds the store ping behind /readyz; 0 means
	// DefaultReadyTimeout.
	ReadyTimeout time.Duration
}

// Server is netgraph's HTTP server.
type Server struct {
	cfg    Config
	ln     net.Listener
	server *http.Server
	done   chan error // Serve's result
}

// New returns a server for cfg; Open starts it.
func New(cfg Config) *Server {
	if cfg.ReadyTimeout <= 0 {
		cfg.ReadyTimeout = DefaultReadyTimeout
	}
	s := &Server{cfg: cfg}
	s.server = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          log.New(httpErrorLog{cfg.Logger}, "", 0),
	}
	return s
}

// Handler returns the routes wrapped in the middleware chain.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/graphql", s.cfg.GraphQL)
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /{$}", ide.Handler())
	mux.Handle("GET /ide/{file}", http.StripPrefix("/ide", ide.Handler()))
	return s.chain(mux)
}

// chain wraps h in the middleware, outermost first: the request id comes
// first so every later step can use it; logging sees the status recovery
// writes; the caller is set closest to the handler.
func (s *Server) chain(h http.Handler) http.Handler {
	return withRequestID(s.withLogging(s.withRecovery(withCaller(h))))
}

// Open listens on the configured address and serves in the background.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.ln = ln
	s.done = make(chan error, 1)
	go func() { s.done <- s.server.Serve(ln) }()
	return nil
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
