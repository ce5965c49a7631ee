// Package graph is netgraph's GraphQL API: the gqlgen executable schema
// generated from ../schema.graphqls and ../metrics.graphqls (which
// internal/metricenum writes from the metric registry), thin resolvers that
// parse arguments, call the use cases of package app, the domain Store or the
// analysis engine, and map what they return; per-request dataloaders; the one place where domain
// errors become GraphQL error codes and argument paths; and the HTTP handler
// the server mounts.
package graph

//go:generate go run ./internal/metricenum ../metrics.graphqls
//go:generate go tool gqlgen generate

import (
	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
)

// Config is what the GraphQL API depends on.
type Config struct {
	// Store is all of netgraph's data; resolvers talk only to it and to
	// Engine.
	Store netgraph.Store
	// Engine analyses Store (centrality, roles, communities, health,
	// introductions) and caches the analyses; it must read the same store.
	// Nil gets an engine with default options.
	Engine *engine.Engine
	// Logger receives internal errors and panics (error level, with the
	// request id). Nothing personal is logged at info level.
	Logger zerolog.Logger
	// MaxDepth is how deep the fields of an operation may nest; deeper ones
	// are refused with QUERY_TOO_DEEP before they run. 0 means
	// DefaultMaxDepth.
	MaxDepth int
	// MaxComplexity is the most an operation may cost (see complexity.go);
	// costlier ones are refused with QUERY_TOO_COMPLEX before they run. 0
	// means DefaultMaxComplexity.
	MaxComplexity int
	// IntrospectionRole is the least role that may introspect the schema
	// (__schema, __type); others get FORBIDDEN. "" lets every caller.
	IntrospectionRole netgraph.Role
}

// Resolver is the dependency root of the resolvers: every resolver is a method
// on (a type embedding) it. Add new dependencies (analysis, clocks) as fields
// here and in Config, and copy them across in newResolver.
type Resolver struct {
	store  netgraph.Store
	engine *engine.Engine
	logger zerolog.Logger
}

// newResolver builds the dependency root from the configuration.
func newResolver(cfg Config) *Resolver {
	eng := cfg.Engine
	if eng == nil {
		eng = engine.New(cfg.Store, engine.Options{Logger: cfg.Logger})
	}
	return &Resolver{store: cfg.Store, engine: eng, logger: cfg.Logger}
}

// done turns the error of a removal into the Boolean! a removal returns.
func done(err error) (bool, error) { return err == nil, err }

// value returns *p, or the zero value for nil: an omitted optional argument.
func value[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
