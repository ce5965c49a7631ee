package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/metrics"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestOperationNamesCapped checks that a client inventing a new operation
// name with every request makes at most MaxOperationNames series, the rest
// counted as "other", and that names already admitted keep their own.
func TestOperationNamesCapped(t *testing.T) {
	m := metrics.New()
	m.ObserveRequest("query", "Dashboard", time.Millisecond, nil)
	for i := range 3 * metrics.MaxOperationNames {
		m.ObserveRequest("query", fmt.Sprintf("Spam%d", i), time.Millisecond, nil)
	}
	m.ObserveRequest("query", "Dashboard", time.Millisecond, nil)
	m.ObserveRequest("query", strings.Repeat("x", metrics.MaxOperationNameLength+1), time.Millisecond, nil)
	m.ObserveRequest("query", "", time.Millisecond, nil)

	mfs, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]uint64{}
	for _, mf := range mfs {
		if mf.GetName() != "netgraph_graphql_request_duration_seconds" {
			continue
		}
		for _, s := range mf.GetMetric() {
			for _, l := range s.GetLabel() {
				if l.GetName() == "operation" {
					counts[l.GetValue()] = s.GetHistogram().GetSampleCount()
				}
			}
		}
	}
	// Dashboard, 99 spam names, other, anonymous.
	if len(counts) != metrics.MaxOperationNames+2 {
		t.Errorf("%d operation series, want %d", len(counts), metrics.MaxOperationNames+2)
	}
	if counts["Dashboard"] != 2 {
		t.Errorf("Dashboard counted %d times, want 2", counts["Dashboard"])
	}
	if want := uint64(3*metrics.MaxOperationNames - (metrics.MaxOperationNames - 1) + 1); counts[metrics.OtherOperation] != want {
		t.Errorf("other counted %d times, want %d", counts[metrics.OtherOperation], want)
	}
	if counts[metrics.AnonymousOperation] != 1 {
		t.Errorf("anonymous counted %d times, want 1", counts[metrics.AnonymousOperation])
	}
}

// TestStoreTiming checks that the decorated store answers as the store
// does, times each call by method and counts failures by domain code.
func TestStoreTiming(t *testing.T) {
	m := metrics.New()
	store := m.Store(embeddedtest.MustOpenTemp(t))
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "test", Role: netgraph.RoleAdmin})
	p, err := store.CreatePerson(ctx, netgraph.PersonCreate{Name: "Ann Lee"})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := store.Person(ctx, p.ID); err != nil || got.Name != "Ann Lee" {
		t.Fatalf("Person = %v, %v", got, err)
	}
	if _, err := store.Person(ctx, "per_0000000000000000"); netgraph.ErrorCode(err) != netgraph.ENOTFOUND {
		t.Fatalf("unknown person: %v, want ENOTFOUND", err)
	}
	if _, err := store.CreatePerson(ctx, netgraph.PersonCreate{}); !errors.As(err, new(*netgraph.Error)) {
		t.Fatalf("nameless person: %v, want a domain error", err)
	}
	if n := testutil.CollectAndCount(m.Registry(), "netgraph_store_call_duration_seconds"); n != 2 {
		t.Errorf("%d store methods timed, want 2 (CreatePerson, Person)", n)
	}
	want := `
# HELP netgraph_store_errors_total Store calls that failed, by method and domain error code (not_found, invalid, conflict, forbidden, unavailable, internal, ...).
# TYPE netgraph_store_errors_total counter
netgraph_store_errors_total{code="invalid",method="CreatePerson"} 1
netgraph_store_errors_total{code="not_found",method="Person"} 1
`
	if err := testutil.GatherAndCompare(m.Registry(), strings.NewReader(want), "netgraph_store_errors_total"); err != nil {
		t.Error(err)
	}
}
