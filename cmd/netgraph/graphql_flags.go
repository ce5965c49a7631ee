package main

import (
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph"
)

// graphqlFlags are serve's limits on GraphQL operations and analyses.
type graphqlFlags struct {
	MaxDepth          int
	MaxComplexity     int
	AnalysisTimeout   time.Duration
	IntrospectionRole netgraph.Role
}

// register defines the GraphQL flags on fs. Each refuses a value that is not
// positive when it is parsed, from the command line or the environment.
func (g *graphqlFlags) register(fs *flag.FlagSet) {
	g.MaxDepth, g.MaxComplexity, g.AnalysisTimeout = graph.DefaultMaxDepth, graph.DefaultMaxComplexity, engine.DefaultTimeout
	fs.Var((*positiveInt)(&g.MaxDepth), "max-query-depth", "the most `levels` the fields of a GraphQL operation may nest; deeper operations are refused (QUERY_TOO_DEEP) before they run")
	fs.Var((*positiveInt)(&g.MaxComplexity), "max-query-complexity", "the highest `cost` a GraphQL operation may have (a field 1, a list its length times its items, an analysis field 100 more); costlier operations are refused (QUERY_TOO_COMPLEX) before they run")
	fs.Var((*positiveDuration)(&g.AnalysisTimeout), "analysis-timeout", "the longest `duration` one analysis of a scope may take before it fails")
	g.IntrospectionRole = netgraph.RoleViewer
	fs.Var((*roleFlag)(&g.IntrospectionRole), "introspection-role", "the least `role` that may introspect the schema (__schema, __type): viewer, analyst, facilitator or admin")
}

// engineOptions are the analysis engine's options for the flags. The
// service serves the last analysis while a newer one is computed, so that a
// dashboard never waits on a recomputation after a write.
func (g *graphqlFlags) engineOptions(logger zerolog.Logger) engine.Options {
	return engine.Options{Logger: logger, Timeout: g.AnalysisTimeout, ServeStale: true}
}

// config returns cfg with the flags' limits.
func (g *graphqlFlags) config(cfg graph.Config) graph.Config {
	cfg.MaxDepth, cfg.MaxComplexity, cfg.IntrospectionRole = g.MaxDepth, g.MaxComplexity, g.IntrospectionRole
	return cfg
}

// positiveInt is an int flag that must be at least 1.
type positiveInt int

func (p *positiveInt) String() string { return strconv.Itoa(int(*p)) }

func (p *positiveInt) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return fmt.Errorf("want a whole number of at least 1")
	}
	*p = positiveInt(n)
	return nil
}

// roleFlag is a flag naming an access role.
type roleFlag netgraph.Role

func (r *roleFlag) String() string { return string(*r) }

func (r *roleFlag) Set(s string) error {
	if !netgraph.Role(s).Valid() {
		return fmt.Errorf("want viewer, analyst, facilitator or admin")
	}
	*r = roleFlag(s)
	return nil
}

// positiveDuration is a duration flag that must be positive.
type positiveDuration time.Duration

func (p *positiveDuration) String() string { return time.Duration(*p).String() }

func (p *positiveDuration) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return fmt.Errorf("want a positive duration such as 90s or 5m")
	}
	*p = positiveDuration(d)
	return nil
}
