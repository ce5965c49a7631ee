package model

import "github.com/netgraph/netgraph/engine"

// ScopeGraph is what Query.scopeGraph returns: the analysis of the scope,
// whose people and ties its fields page through (graph/scopegraph.go).
type ScopeGraph struct {
	Analysis   *engine.Analysis
	Provenance *Provenance
}
