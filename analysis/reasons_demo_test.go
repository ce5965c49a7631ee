package analysis_test

import (
	"context"
	"slices"
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
	store := seededDemo(t)
	eng := engine.New(store, engine.Options{Seed: 1})
	scopes := demoNetworkScopes(t, store)
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
		a, err := eng.AnalyseFor(ctx, scope, engine.Need{Metrics: analysis.AllMetrics, Roles: true, Introductions: true})
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

// seededDemo is a store holding the demo network.
// demoNetworkScopes returns the whole graph's scope and each of store's
// networks'.
func demoNetworkScopes(t *testing.T, store netgraph.Store) []engine.Scope {
	t.Helper()
	scopes := []engine.Scope{{}}
	nets, err := store.Networks(context.Background(), netgraph.NetworkFilter{}, netgraph.Page{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nets.Items {
		scopes = append(scopes, engine.Scope{NetworkID: n.ID})
	}
	return scopes
}

func seededDemo(t *testing.T) netgraph.Store {
	t.Helper()
	store := embeddedtest.MustOpenTemp(t)
	if _, err := demo.Seed(context.Background(), store); err != nil {
		t.Fatal(err)
	}
	return store
}

// TestDemoCommunityNames checks the names of the demo's communities: every
// community has one, no two share one, the demo's communities (which
// cluster within organisations) are named by what most of their members
// share rather than by number, each name is made of attributes held by at
// least half its members, connectors' reasons name the communities their
// ties reach, and a second engine with the same seed gives the same names.
func TestDemoCommunityNames(t *testing.T) {
	ctx := context.Background()
	store := seededDemo(t)
	need := engine.Need{Metrics: analysis.MetricCommunity | analysis.MetricBetweenness, Roles: true}
	names := func() []string {
		a, err := engine.New(store, engine.Options{Seed: 1}).AnalyseFor(ctx, engine.Scope{}, need)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range a.Communities {
			out = append(out, c.Name)
		}
		named, seen := 0, map[string]bool{}
		for _, c := range a.Communities {
			if c.Name == "" || seen[strings.ToLower(c.Name)] {
				t.Errorf("community %d of %d: name %q is blank or taken", c.ID, c.Size, c.Name)
			}
			seen[strings.ToLower(c.Name)] = true
			if c.Name == analysis.CommunityNumber(c.ID) {
				continue
			}
			named++
			if len(c.Shared) == 0 {
				t.Errorf("community %d %q: no shared attributes", c.ID, c.Name)
			}
			for _, s := range c.Shared {
				if !strings.Contains(strings.ToLower(c.Name), strings.ToLower(s.Value)) {
					t.Errorf("community %d %q does not say %q", c.ID, c.Name, s.Value)
				}
				if len(c.Shared) > 1 && 2*s.Members < c.Size {
					t.Errorf("community %d %q: %q held by %d of %d", c.ID, c.Name, s.Value, s.Members, c.Size)
				}
			}
		}
		t.Logf("%d of %d communities named; largest: %q", named, len(a.Communities), out[:min(len(out), 8)])
		if big := a.Communities[0]; big.Name == analysis.CommunityNumber(0) || big.Shared[0].Kind != analysis.AttributeOrganisation &&
			!slices.ContainsFunc(big.Shared, func(s analysis.SharedAttribute) bool { return s.Kind == analysis.AttributeRegion }) {
			t.Errorf("the largest community (%d people) is %q, made of %+v; the demo clusters by organisation and region", big.Size, big.Name, big.Shared)
		}
		if 10*named < 9*len(a.Communities) {
			t.Errorf("only %d of %d communities named", named, len(a.Communities))
		}
		reached := 0
		for _, c := range a.Result.Connectors {
			for _, r := range c.Reasons {
				if strings.HasPrefix(r, "ties reach ") && !strings.Contains(r, "organisations") {
					reached++
					for _, id := range c.Evidence.Communities[:min(len(c.Evidence.Communities), 3)] {
						if name := a.CommunityName(id); !strings.Contains(r, name) {
							t.Errorf("connector %s: %q does not name community %d, %q", a.Snapshot.ID(c.Person), r, id, name)
						}
					}
				}
			}
		}
		if reached == 0 {
			t.Errorf("no connector's reasons say which communities their ties reach")
		}
		return out
	}
	first, second := names(), names()
	if !slices.Equal(first, second) {
		t.Errorf("the same seed gave other names:\n%q\n%q", first, second)
	}
}
