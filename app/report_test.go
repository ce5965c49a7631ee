package app_test

import (
	"context"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/netgraph/netgraph/app"
	"github.com/netgraph/netgraph/demo"
	"github.com/netgraph/netgraph/engine"
)

// computations counts the analyses an engine computes and the lookups it
// serves.
type computations struct{ computed, looked atomic.Int32 }

func (c *computations) Looked(engine.Scope, engine.Lookup)          { c.looked.Add(1) }
func (c *computations) Computed(engine.Scope, time.Duration, error) { c.computed.Add(1) }

// TestReportTakesTheServicesAnalysis: a report whose options ask for the
// figures the service's engine computes is made from that engine's cached
// analysis, cut to the report's length, and is the report a fresh analysis
// gives; one that asks for other figures (another seed) is computed afresh.
func TestReportTakesTheServicesAnalysis(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := demo.Seed(ctx, s); err != nil {
		t.Fatal(err)
	}
	var seen computations
	service := engine.New(s, engine.Options{Observer: &seen})
	if _, err := service.Analyse(ctx, engine.Scope{}); err != nil {
		t.Fatal(err)
	}
	computed, looked := seen.computed.Load(), seen.looked.Load()

	fresh, err := app.Report(ctx, s, app.ReportOptions{Top: 5, SampleAbove: engine.DefaultSampleAbove})
	if err != nil {
		t.Fatal(err)
	}
	cached, err := app.Report(ctx, s, app.ReportOptions{Top: 5, SampleAbove: engine.DefaultSampleAbove, Cached: service})
	if err != nil {
		t.Fatal(err)
	}
	if n := seen.computed.Load(); n != computed || seen.looked.Load() != looked+1 {
		t.Errorf("the service's engine computed %d more analyses and served %d lookups for a report of the figures it holds; want none and 1",
			n-computed, seen.looked.Load()-looked)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"connectors", cached.Result.Connectors, fresh.Result.Connectors},
		{"sponsors", cached.Result.Sponsors, fresh.Result.Sponsors},
		{"introductions", cached.Result.Introductions, fresh.Result.Introductions},
		// As text, since a metric that is not defined for a person is NaN.
		{"people", fmt.Sprint(cached.Result.People), fmt.Sprint(fresh.Result.People)},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s of the report from the service's analysis differ from a fresh analysis's", c.name)
		}
	}
	if len(cached.Result.Connectors) > 5 || len(cached.Result.Introductions) != 5 {
		t.Errorf("report of top 5 from the cache: %d connectors, %d introductions", len(cached.Result.Connectors), len(cached.Result.Introductions))
	}

	if _, err := app.Report(ctx, s, app.ReportOptions{Top: 5, SampleAbove: engine.DefaultSampleAbove, Seed: 7, Cached: service}); err != nil {
		t.Fatal(err)
	}
	if seen.looked.Load() != looked+1 {
		t.Errorf("a report with another seed asked the service's engine (%d lookups; want the one before)", seen.looked.Load()-looked)
	}
}
