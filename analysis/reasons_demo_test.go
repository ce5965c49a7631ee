package analysis_test

import (
	"context"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
	"github.com/netgraph/netgraph/demo"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestDemoReasonClaimsMatchEvidence checks every reason given for a
// connector, sponsor or holder of the SPONSOR role in the demo — the whole
// graph, each network and each organisation — against the evidence (see
// CheckReasonClaims), and that no organisation of the demo has more than a
// tenth of its people as connectors or as sponsors.
func TestDemoReasonClaimsMatchEvidence(t *testing.T) {
	ctx := context.Background()
	store := embeddedtest.MustOpenTemp(t)
	if _, err := demo.Seed(ctx, store); err != nil {
		t.Fatal(err)
	}
	eng := engine.New(store, engine.Options{Seed: 1})
	scopes := []engine.Scope{{}}
	nets, err := store.Networks(ctx, netgraph.NetworkFilter{}, netgraph.Page{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nets.Items {
		scopes = append(scopes, engine.Scope{NetworkID: n.ID})
	}
	orgs, err := store.Organisations(ctx, netgraph.OrganisationFilter{}, netgraph.Page{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs.Items {
		scopes = append(scopes, engine.Scope{OrganisationID: o.ID})
	}
	if len(scopes) < 40 {
		t.Fatalf("%d scopes; the demo has 6 networks and 40 organisations", len(scopes))
	}
	checked, holders, bottoms := 0, 0, 0
	for _, scope := range scopes {
		a, err := eng.AnalyseFor(ctx, scope, engine.Need{Metrics: analysis.AllMetrics, Roles: true})
		if err != nil {
			t.Fatalf("scope %+v: %v", scope, err)
		}
		n := a.Snapshot.N()
		checked += analysis.CheckReasonClaims(t, a.Snapshot, a.Result)
		holders += len(a.Result.SponsorRoleHolders)
		for _, c := range a.Result.SponsorRoleHolders {
			for _, r := range c.Reasons {
				if strings.Contains(r, "in the bottom") {
					bottoms++
				}
			}
		}
		if 10*len(a.Result.Connectors) > n || 10*len(a.Result.Sponsors) > n {
			t.Errorf("scope %+v of %d people: %d connectors, %d sponsors", scope, n, len(a.Result.Connectors), len(a.Result.Sponsors))
		}
	}
	t.Logf("%d scopes, %d standings checked, %d SPONSOR role holders (%d in the bottom of a percentile)", len(scopes), checked, holders, bottoms)
	if checked < 100 || holders == 0 || bottoms == 0 {
		t.Errorf("%d standings checked, %d role holders, %d in a bottom percentile: the demo should exercise every kind of claim", checked, holders, bottoms)
	}
}
