package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
	"github.com/netgraph/netgraph/store/neo4jstore/neo4jtest"
)

// The Go benchmarks of the four figures, on a small graph, for each store:
//
//	go test -run '^$' -bench . ./bench/stores                 # embedded only
//	NEO4J_URI=… go test -run '^$' -bench . ./bench/stores     # and neo4j (emptied)
//
// main.go prints the same figures side by side at full scale.

var benchSize = size{people: 2_000, ties: 10_000, orgs: 50, networks: 5}

// stores returns the stores to benchmark, each holding the generated graph.
func stores(b *testing.B) map[string]netgraph.Store {
	b.Helper()
	records, _ := generate(benchSize)
	out := map[string]netgraph.Store{"embedded": embeddedtest.MustOpen(b, filepath.Join(b.TempDir(), "bench.db"))}
	if neo := benchNeo4j(b); neo != nil {
		out["neo4j"] = neo
	}
	for name, s := range out {
		for i := 0; i < len(records); i += 5_000 {
			if err := s.Import(benchCtx(b), records[i:min(i+5_000, len(records))]); err != nil {
				b.Fatalf("%s: import: %v", name, err)
			}
		}
	}
	return out
}

// benchNeo4j is the emptied test Neo4j, or nil without NEO4J_URI.
func benchNeo4j(b *testing.B) netgraph.Store {
	if os.Getenv("NEO4J_URI") == "" {
		return nil
	}
	return neo4jtest.MustOpenEmpty(b)
}

func benchCtx(b *testing.B) context.Context {
	return netgraph.WithCaller(b.Context(), netgraph.Caller{Subject: "bench", Role: netgraph.RoleAdmin})
}

func BenchmarkPage(b *testing.B) {
	_, ids := generate(benchSize)
	for name, s := range stores(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			ctx := benchCtx(b)
			i := 0
			for b.Loop() {
				if err := page(ctx, s, ids[i%len(ids)]); err != nil {
					b.Fatal(err)
				}
				i += 97
			}
		})
	}
}

func BenchmarkSnapshot(b *testing.B) {
	for name, s := range stores(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			ctx := benchCtx(b)
			for b.Loop() {
				g := analysis.NewBuilder(true)
				if _, err := s.ReadGraph(ctx, func(r netgraph.Record) error {
					switch {
					case r.Person != nil:
						g.AddPerson(r.Person.ID)
					case r.Tie != nil:
						return g.AddTie(r.Tie.From, r.Tie.To, r.Tie.Strength)
					}
					return nil
				}); err != nil {
					b.Fatal(err)
				}
				g.Build()
			}
		})
	}
}

func BenchmarkWrite(b *testing.B) {
	_, ids := generate(benchSize)
	for name, s := range stores(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			ctx := benchCtx(b)
			i := 0
			for b.Loop() {
				title := fmt.Sprintf("Title %d", i)
				if _, err := s.UpdatePerson(ctx, ids[i%len(ids)], netgraph.PersonUpdate{Title: &title}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
