package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/demo"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/metrics"
	"github.com/netgraph/netgraph/server"
)

func init() {
	register(command{name: "serve", summary: "serve the GraphQL API and its IDE over HTTP", run: runServe})
}

// runServe runs `netgraph serve` until ctx is cancelled (SIGINT or SIGTERM),
// then shuts down gracefully.
func runServe(ctx context.Context, env Env, args []string) error {
	m := newServeMain(env)
	if err := m.ParseFlags(args); err != nil {
		return err
	}
	if err := m.Run(ctx); err != nil {
		if cerr := m.Close(); cerr != nil {
			m.Logger.Error().Err(cerr).Msg("close after failed start")
		}
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return nil // interrupted while starting: not a failure
		}
		return err
	}
	<-ctx.Done()
	m.Logger.Info().Msg("shutting down")
	if err := m.Close(); err != nil {
		return err
	}
	m.Logger.Info().Msg("stopped")
	return nil
}

// serveMain is the `netgraph serve` program: its configuration and the
// pieces it wires together. Tests drive it through ParseFlags, Run and Close.
type serveMain struct {
	// Configuration, from flags and the environment.
	Addr            string
	MetricsAddr     string
	StoreFlags      storeFlags
	Security        securityFlags
	GraphQL         graphqlFlags
	Demo            bool
	LogFormat       string
	LogLevel        string
	ShutdownTimeout time.Duration

	Env     Env
	Logger  zerolog.Logger
	Store   netgraph.Store
	Metrics *metrics.Metrics
	Server  *server.Server
}

func newServeMain(env Env) *serveMain {
	return &serveMain{Env: env, Logger: zerolog.Nop()}
}

// ParseFlags reads the configuration from args and the environment.
func (m *serveMain) ParseFlags(args []string) error {
	fs := newFlagSet(m.Env, "serve", "Serves the GraphQL API at /graphql, the dashboard at /, GraphiQL at /graphiql,\nhealth checks at /healthz (alive) and /readyz (the store answers), and\nPrometheus metrics at /metrics (see --metrics-addr). Logs go to stderr.")
	fs.StringVar(&m.Addr, "addr", "127.0.0.1:8080", "TCP address to listen on")
	fs.StringVar(&m.MetricsAddr, "metrics-addr", "", "TCP address of its own for Prometheus /metrics; without it /metrics is on --addr, for clients on this machine only")
	m.StoreFlags.register(fs)
	m.Security.register(fs)
	m.GraphQL.register(fs)
	fs.BoolVar(&m.Demo, "demo", false, "seed demo data into the store if it has no people yet")
	fs.StringVar(&m.LogFormat, "log-format", "auto", "log format: auto (console on a terminal, JSON otherwise), json or console")
	fs.StringVar(&m.LogLevel, "log-level", "info", "log level: trace, debug, info, warn or error")
	fs.DurationVar(&m.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "how long to let requests finish on shutdown")
	if err := parseFlags(fs, args, m.Env.Getenv); err != nil {
		return err
	}
	if err := m.StoreFlags.resolve(fs, m.Env.Getenv); err != nil {
		return err
	}
	logger, err := newLogger(m.Env.Stderr, m.LogFormat, m.LogLevel)
	if err != nil {
		return err
	}
	m.Logger = logger
	return nil
}

// Run opens the store, seeds the demo if asked, and starts serving. It
// returns once the server is listening; Close stops it.
func (m *serveMain) Run(ctx context.Context) error {
	access, err := m.Security.access(ctx, m.Env.Getenv, m.Addr, m.Logger)
	if err != nil {
		return err
	}
	store, desc, err := m.StoreFlags.openStore(ctx, m.Logger)
	if err != nil {
		return err
	}
	m.Store = store

	if m.Demo {
		if err := m.seedDemo(ctx); err != nil {
			return err
		}
	}

	// Everything the service does with the store is timed; the demo's
	// seeding above is not.
	m.Metrics = metrics.New()
	store = m.Metrics.Store(store)
	// One analysis engine for the server, so that requests share its cache.
	opts := m.GraphQL.engineOptions(m.Logger)
	opts.Observer = m.Metrics
	eng := engine.New(store, opts)
	m.Server = server.New(server.Config{
		Addr:        m.Addr,
		Store:       store,
		GraphQL:     graph.NewHandler(m.GraphQL.config(graph.Config{Store: store, Engine: eng, Logger: m.Logger})),
		Engine:      eng,
		Logger:      m.Logger,
		Access:      access,
		Metrics:     m.Metrics,
		MetricsAddr: m.MetricsAddr,

		MaxConnections:    m.Security.MaxConnections,
		ReadHeaderTimeout: m.Security.ReadHeaderTimeout,
		ReadTimeout:       m.Security.ReadTimeout,
		IdleTimeout:       m.Security.IdleTimeout,
	})
	if err := m.Server.Open(); err != nil {
		m.Server = nil
		return err
	}
	m.Logger.Info().Str("addr", m.Server.Addr().String()).Str("url", m.Server.URL()).Str("store", desc).
		Str("metrics", m.Server.MetricsURL()).Msg("serving")
	return nil
}

// seedDemo fills an empty store with the demo network; a store that already
// has people is left alone.
func (m *serveMain) seedDemo(ctx context.Context) error {
	ctx = netgraph.WithCaller(ctx, netgraph.Caller{Subject: "demo", Role: netgraph.RoleAdmin})
	people, err := m.Store.People(ctx, netgraph.PersonFilter{}, netgraph.Page{First: 1})
	if err != nil {
		return fmt.Errorf("check for existing people: %w", err)
	}
	if people.TotalCount > 0 {
		m.Logger.Info().Int("people", people.TotalCount).Msg("store already has people; demo data skipped")
		return nil
	}
	start := time.Now()
	sum, err := demo.Seed(ctx, m.Store)
	if err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	m.Logger.Info().
		Int("organisations", sum.Organisations).Int("networks", sum.Networks).Int("people", sum.People).
		Int("affiliations", sum.Affiliations).Int("memberships", sum.Memberships).Int("ties", sum.Ties).
		Int("partnerships", sum.Partnerships).Dur("duration", time.Since(start)).
		Msg("demo data seeded")
	return nil
}

// Close stops the server, letting requests in flight finish within the
// shutdown timeout, then closes the store.
func (m *serveMain) Close() error {
	var errs []error
	if m.Server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), m.ShutdownTimeout)
		defer cancel()
		if err := m.Server.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("shut down server: %w", err))
		}
		m.Server = nil
	}
	if m.Store != nil {
		if err := m.Store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close store: %w", err))
		}
		m.Store = nil
	}
	return errors.Join(errs...)
}
