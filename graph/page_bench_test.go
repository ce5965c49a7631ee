package graph_test

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkPeoplePage measures what a dashboard's most common request costs
// in-process, through the real handler on the demo data: a page of 50 people
// with their organisations and their ties (with the people at the other end).
// It pages through everyone and reports the p50 and p99 latency of a page.
//
//	go test ./graph -run '^$' -bench PeoplePage
func BenchmarkPeoplePage(b *testing.B) {
	c, _, _, _ := demoClient(b)
	const query = `query Page($after: String) {
	  people(first: 50, after: $after) {
	    pageInfo { hasNextPage endCursor }
	    edges { node { id name title
	      organisations { id name sector }
	      ties(first: 20) { totalCount edges { node { kind strength since to { id name } from { id name } } } }
	    } }
	  }
	}`
	var page struct {
		People struct {
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
	}
	var after any
	latencies := make([]time.Duration, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		c.do(query, map[string]any{"after": after}, &page)
		latencies = append(latencies, time.Since(start))
		after = page.People.PageInfo.EndCursor
		if !page.People.PageInfo.HasNextPage {
			after = nil
		}
	}
	slices.Sort(latencies)
	at := func(q float64) float64 {
		return float64(latencies[int(q*float64(len(latencies)-1))].Microseconds())
	}
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}
