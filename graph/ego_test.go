package graph_test

import (
	"slices"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestEgo asks for hub's ego network in the small world, worked out by hand:
// hub is tied to ann and bob (North Trust, like hub) and cat (City
// Library), who are not tied to each other; cat is tied to dan (City
// Library).
func TestEgo(t *testing.T) {
	c, _ := newAnalysisClient(t, embeddedtest.MustOpenTemp(t))
	w := newSmallWorld(c)
	type ego struct {
		Person struct{ ID string }
		Radius int
		People []struct {
			Person   struct{ ID, Name string }
			Distance int
		}
		Ties []struct {
			From, To string
			Strength float64
		}
		Truncated                 bool
		Degree                    int
		Constraint, EffectiveSize *float64
		Brokerage                 struct {
			Group  string
			Counts map[string]int
		}
		Bridges []struct {
			Kind, ID, Name string
			Contacts       int
		}
		Provenance struct{ DataVersion string }
	}
	const fields = `person { id } radius people { person { id name } distance } ties { from to strength } truncated
	  degree constraint effectiveSize brokerage { group counts { coordinator itinerant gatekeeper representative liaison total } }
	  bridges { kind id name contacts } provenance { dataVersion }`
	var res struct{ One, Two ego }
	c.do(`query($hub: ID!) { one: ego(personId: $hub) { `+fields+` } two: ego(personId: $hub, radius: 2) { `+fields+` } }`,
		map[string]any{"hub": w.hub}, &res)

	one := res.One
	var people []string
	for _, p := range one.People {
		people = append(people, p.Person.Name)
	}
	slices.Sort(people[1:]) // contacts come in snapshot order
	if one.Person.ID != w.hub || one.Radius != 1 || one.Truncated || one.Degree != 3 || one.Provenance.DataVersion == "" ||
		!slices.Equal(people, []string{"Hub", "Ann", "Bob", "Cat"}) {
		t.Errorf("ego: %+v", one)
	}
	if one.People[0].Distance != 0 || one.People[3].Distance != 1 || len(one.Ties) != 3 {
		t.Errorf("people %+v, ties %+v", one.People, one.Ties)
	}
	for _, tie := range one.Ties {
		if tie.From != w.hub && tie.To != w.hub || tie.Strength <= 0 {
			t.Errorf("tie %+v does not join hub", tie)
		}
	}
	// Three contacts, none tied to another: constraint 3 × (1/3)² = 1/3,
	// effective size 3.
	if one.Constraint == nil || *one.Constraint < 1.0/3-1e-9 || *one.Constraint > 1.0/3+1e-9 ||
		one.EffectiveSize == nil || *one.EffectiveSize != 3 {
		t.Errorf("constraint %v, effective size %v; want 1/3 and 3", one.Constraint, one.EffectiveSize)
	}
	// Read both ways: ann–bob twice within the trust (coordinator), ann or
	// bob → hub → cat twice (representative), cat → hub → ann or bob twice
	// (gatekeeper).
	want := map[string]int{"coordinator": 2, "itinerant": 0, "gatekeeper": 2, "representative": 2, "liaison": 0, "total": 6}
	if b := one.Brokerage; b.Group != "North Trust" || len(b.Counts) != len(want) {
		t.Errorf("brokerage %+v", b)
	}
	for k, n := range want {
		if one.Brokerage.Counts[k] != n {
			t.Errorf("brokerage %s = %d; want %d", k, one.Brokerage.Counts[k], n)
		}
	}
	// ann and bob (North Trust) and cat (City Library) are not tied: hub
	// bridges both organisations.
	if len(one.Bridges) < 2 || one.Bridges[0] != (struct {
		Kind, ID, Name string
		Contacts       int
	}{"ORGANISATION", w.trust, "North Trust", 2}) || one.Bridges[1].Name != "City Library" || one.Bridges[1].Contacts != 1 {
		t.Errorf("bridges %+v", one.Bridges)
	}
	for _, b := range one.Bridges[2:] {
		if b.Kind != "COMMUNITY" || b.Name == "" {
			t.Errorf("bridge %+v", b)
		}
	}

	// Person.metrics carries the same brokerage.
	var hub struct {
		Person struct {
			Metrics struct {
				Brokerage struct {
					Person struct{ ID string }
					Group  string
					Counts map[string]int
				}
			}
		}
	}
	c.do(`query($hub: ID!) { person(id: $hub) { metrics { brokerage { person { id } group counts { total } } } } }`,
		map[string]any{"hub": w.hub}, &hub)
	if b := hub.Person.Metrics.Brokerage; b.Person.ID != w.hub || b.Group != "North Trust" || b.Counts["total"] != 6 {
		t.Errorf("Person.metrics.brokerage %+v; want North Trust, total 6", b)
	}

	// A viewer may read the metrics but not the brokerage.
	viewer := c.asRole(netgraph.RoleViewer)
	resp := viewer.fail(`query($hub: ID!) { person(id: $hub) { metrics { degree brokerage { group } } } }`, map[string]any{"hub": w.hub})
	if resp.code() != "FORBIDDEN" {
		t.Errorf("a viewer asking for Person.metrics.brokerage: %+v; want FORBIDDEN", resp)
	}

	// Two steps out: dan too, and cat–dan.
	two := res.Two
	if len(two.People) != 5 || two.People[4].Person.ID != w.dan || two.People[4].Distance != 2 || len(two.Ties) != 4 {
		t.Errorf("radius 2: %+v", two)
	}

	t.Run("ExternalID", func(t *testing.T) {
		var gus struct{ CreatePerson struct{ ID string } }
		c.do(`mutation { createPerson(input: {name: "Gus", externalId: "crm-7"}) { id } }`, nil, &gus)
		var res struct{ Ego ego }
		c.do(`{ ego(personId: "ext:crm-7") { `+fields+` } }`, nil, &res)
		// Gus has no ties: no constraint, nothing bridged.
		if e := res.Ego; e.Person.ID != gus.CreatePerson.ID || len(e.People) != 1 || e.Degree != 0 || e.Constraint != nil ||
			e.EffectiveSize != nil || len(e.Bridges) != 0 || len(e.Ties) != 0 {
			t.Errorf("ego of Gus: %+v", e)
		}
		if e := c.fail(`{ ego(personId: "ext:nobody") { degree } }`, nil); e.code() != "NOT_FOUND" || e.field() != "personId" {
			t.Errorf("unknown external id: %+v", e)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		if e := c.fail(`{ ego(personId: "per_NOSUCH") { degree } }`, nil); e.code() != "NOT_FOUND" || e.field() != "personId" {
			t.Errorf("unknown person: %+v", e)
		}
		for _, r := range []int{0, 3} {
			e := c.fail(`query($hub: ID!, $r: Int) { ego(personId: $hub, radius: $r) { degree } }`, map[string]any{"hub": w.hub, "r": r})
			if e.code() != "BAD_USER_INPUT" || e.field() != "radius" {
				t.Errorf("radius %d: %+v", r, e)
			}
		}
	})
}
