package graph_test

import (
	"slices"
	"testing"

	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestKeyPlayersAndBrokerage asks for whatIf, keyPlayers and brokerage on the
// small world, whose figures are worked out by hand: hub holds it together,
// and brokers between the trust's people and the library's.
func TestKeyPlayersAndBrokerage(t *testing.T) {
	c, _ := newAnalysisClient(t, embeddedtest.MustOpenTemp(t))
	w := newSmallWorld(c)
	type person struct{ ID string }
	ids := func(ps []person) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.ID
		}
		slices.Sort(out)
		return out
	}

	var res struct {
		WhatIf struct {
			Removed, CutOff       []person
			Remaining, Components int
			Fragmentation         float64
			DistanceFragmentation float64
			Provenance            struct{ DataVersion string }
		}
		KeyPlayers struct {
			Goal          string
			Set           []person
			Fragmentation float64
		}
		Reach struct {
			Set     []person
			Reached int
			Reach   float64
		}
		Brokerage []struct {
			Person   person
			Group    string
			Counts   map[string]int
			Z        map[string]*float64
			Reasons  []string
			Directed bool
		}
	}
	c.do(`query($hub: ID!) {
	  whatIf(remove: [$hub]) { removed { id } remaining components fragmentation distanceFragmentation cutOff { id } provenance { dataVersion } }
	  keyPlayers(k: 1) { goal set { id } fragmentation }
	  reach: keyPlayers(k: 1, goal: REACH, steps: 1) { set { id } reached reach }
	  brokerage(top: 2) { person { id } group counts { coordinator itinerant gatekeeper representative liaison total }
	                      z { coordinator itinerant gatekeeper representative liaison total } reasons directed }
	}`, map[string]any{"hub": w.hub}, &res)

	// Without hub: ann, bob, eve and fay alone, cat–dan together: 5
	// components of 6 people; F = 1 − 2/30; ann and bob are cut off from
	// cat–dan, the largest part left.
	wi := res.WhatIf
	if !slices.Equal(ids(wi.Removed), []string{w.hub}) || wi.Remaining != 6 || wi.Components != 5 {
		t.Errorf("whatIf: %+v", wi)
	}
	if want := 1 - 2.0/30; wi.Fragmentation != want || wi.DistanceFragmentation != want {
		t.Errorf("whatIf F %v, DF %v; want %v", wi.Fragmentation, wi.DistanceFragmentation, want)
	}
	if got, want := ids(wi.CutOff), ids([]person{{w.ann}, {w.bob}}); !slices.Equal(got, want) {
		t.Errorf("cut off %v; want ann and bob %v", got, want)
	}
	if wi.Provenance.DataVersion == "" {
		t.Error("whatIf has no provenance")
	}
	if k := res.KeyPlayers; k.Goal != "FRAGMENT" || !slices.Equal(ids(k.Set), []string{w.hub}) || k.Fragmentation != 1-2.0/30 {
		t.Errorf("keyPlayers: %+v", k)
	}
	// hub reaches ann, bob and cat in one step: 3 of the 6 others.
	if r := res.Reach; !slices.Equal(ids(r.Set), []string{w.hub}) || r.Reached != 3 || r.Reach != 0.5 {
		t.Errorf("keyPlayers REACH: %+v", r)
	}

	// hub (North Trust) brokers ann–bob both ways (coordinator) and ann, bob
	// to cat (representative) and back (gatekeeper); cat (City Library)
	// brokers hub–dan: a gatekeeper one way, a representative the other.
	if len(res.Brokerage) != 2 {
		t.Fatalf("brokerage: %d people; want 2", len(res.Brokerage))
	}
	hub, cat := res.Brokerage[0], res.Brokerage[1]
	want := map[string]int{"coordinator": 2, "itinerant": 0, "gatekeeper": 2, "representative": 2, "liaison": 0, "total": 6}
	if hub.Person.ID != w.hub || hub.Group != "North Trust" || !mapsEqual(hub.Counts, want) || hub.Directed {
		t.Errorf("hub: %+v", hub)
	}
	if want := []string{"brokers 2 contacts from North Trust out to others (ties read both ways)"}; !slices.Equal(hub.Reasons, want) {
		t.Errorf("hub reasons %q; want %q", hub.Reasons, want)
	}
	want = map[string]int{"coordinator": 0, "itinerant": 0, "gatekeeper": 1, "representative": 1, "liaison": 0, "total": 2}
	if cat.Person.ID != w.cat || cat.Group != "City Library" || !mapsEqual(cat.Counts, want) {
		t.Errorf("cat: %+v", cat)
	}
	if hub.Z["total"] == nil || hub.Z["liaison"] == nil {
		t.Errorf("hub z %v: total and liaison are defined", hub.Z)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestKeyPlayersBadInput(t *testing.T) {
	c, _ := newAnalysisClient(t, embeddedtest.MustOpenTemp(t))
	w := newSmallWorld(c)
	for _, tc := range []struct{ query, field string }{
		{`{ whatIf(remove: []) { components } }`, "remove"},
		{`{ whatIf(remove: ["per_nobody"]) { components } }`, "remove"},
		{`{ keyPlayers(k: 0) { fragmentation } }`, "k"},
		{`{ keyPlayers(k: 101) { fragmentation } }`, "k"},
		{`{ keyPlayers(k: 1, goal: REACH, steps: 0) { fragmentation } }`, "steps"},
		{`{ brokerage(top: 0) { group } }`, "top"},
	} {
		_, resp := c.post(t.Context(), tc.query, nil)
		if len(resp.Errors) != 1 || resp.Errors[0].code() != "BAD_USER_INPUT" || resp.Errors[0].field() != tc.field {
			t.Errorf("%s: errors %+v; want BAD_USER_INPUT on %s", tc.query, resp.Errors, tc.field)
		}
	}
	_ = w
}
