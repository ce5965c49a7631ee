package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph"
)

func TestGraphQLFlags(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		env, _, _ := testEnv(nil)
		m := newServeMain(env)
		if err := m.ParseFlags(nil); err != nil {
			t.Fatal(err)
		}
		cfg := m.GraphQL.config(graph.Config{})
		opts := m.GraphQL.engineOptions(zerolog.Nop())
		if cfg.MaxDepth != graph.DefaultMaxDepth || cfg.MaxComplexity != graph.DefaultMaxComplexity || opts.Timeout != engine.DefaultTimeout ||
			cfg.IntrospectionRole != netgraph.RoleViewer {
			t.Errorf("defaults: depth %d, complexity %d, analysis timeout %v", cfg.MaxDepth, cfg.MaxComplexity, opts.Timeout)
		}
	})
	t.Run("EnvironmentThenFlags", func(t *testing.T) {
		env, _, _ := testEnv(map[string]string{
			"NETGRAPH_MAX_QUERY_DEPTH": "8", "NETGRAPH_MAX_QUERY_COMPLEXITY": "900", "NETGRAPH_ANALYSIS_TIMEOUT": "30s",
		})
		m := newServeMain(env)
		if err := m.ParseFlags([]string{"--max-query-complexity", "20000", "--analysis-timeout=5m", "--introspection-role", "analyst"}); err != nil {
			t.Fatal(err)
		}
		if cfg := m.GraphQL.config(graph.Config{}); cfg.IntrospectionRole != netgraph.RoleAnalyst {
			t.Errorf("introspection role %q, want analyst", cfg.IntrospectionRole)
		}
		cfg := m.GraphQL.config(graph.Config{})
		if opts := m.GraphQL.engineOptions(zerolog.Nop()); cfg.MaxDepth != 8 || cfg.MaxComplexity != 20000 || opts.Timeout != 5*time.Minute {
			t.Errorf("depth %d, complexity %d, analysis timeout %v; want 8, 20000, 5m", cfg.MaxDepth, cfg.MaxComplexity, opts.Timeout)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		testServeUsageErrors(t, []serveUsageError{
			{"ZeroDepth", nil, []string{"--max-query-depth", "0"}, "max-query-depth"},
			{"NegativeComplexity", nil, []string{"--max-query-complexity=-5"}, "max-query-complexity"},
			{"ComplexityNotANumber", map[string]string{"NETGRAPH_MAX_QUERY_COMPLEXITY": "lots"}, nil, "NETGRAPH_MAX_QUERY_COMPLEXITY"},
			{"TimeoutWithoutUnit", nil, []string{"--analysis-timeout", "30"}, "analysis-timeout"},
			{"NegativeTimeout", map[string]string{"NETGRAPH_ANALYSIS_TIMEOUT": "-1s"}, nil, "NETGRAPH_ANALYSIS_TIMEOUT"},
			{"UnknownIntrospectionRole", nil, []string{"--introspection-role", "nobody"}, "introspection-role"},
		})
	})
	t.Run("Help", func(t *testing.T) {
		env, _, stderr := testEnv(nil)
		run(context.Background(), []string{"serve", "-h"}, env)
		for _, want := range []string{"--max-query-depth levels", "--max-query-complexity cost", "--analysis-timeout duration", `(default "12")`} {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("help does not mention %q:\n%s", want, stderr)
			}
		}
	})
}
