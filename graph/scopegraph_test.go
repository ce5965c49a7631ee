package graph_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/netgraph/netgraph"
)

// graphPage is one response of Query.scopeGraph.
type graphPage struct {
	ScopeGraph struct {
		People struct {
			Nodes []struct {
				ID, Name, Region string
				OrganisationIds  []string
				MembershipRoles  []string
				Roles            []string
				Community        int
				Degree           int
				Betweenness      float64
				Pagerank         float64
			}
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
		Ties struct {
			Nodes []struct {
				From, To string
				Kinds    []string
				Strength float64
			}
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
}

const scopeGraphQuery = `query($scope: ScopeInput, $first: Int, $people: String, $ties: String) {
  scopeGraph(scope: $scope) {
    people(first: $first, after: $people) {
      nodes { id name region organisationIds membershipRoles roles community degree betweenness pagerank }
      totalCount pageInfo { hasNextPage endCursor }
    }
    ties(first: $first, after: $ties) {
      nodes { from to kinds strength }
      totalCount pageInfo { hasNextPage endCursor }
    }
  }
}`

// TestScopeGraph pages through a small graph two items at a time and checks
// that every person and every tied pair comes once, with the figures
// Person.metrics gives and the kinds of all of a pair's ties.
func TestScopeGraph(t *testing.T) {
	c := mustOpenClient(t)
	p := map[string]string{}
	for _, name := range []string{"Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus"} {
		p[name] = c.createPerson(name)
	}
	org := c.createOrganisation("North Trust")
	c.affiliate(p["Ann"], org, "Nurse")
	net := c.createNetwork("Falls")
	c.do(`mutation($p: ID!, $n: ID!) { addMembership(personId: $p, networkId: $n, role: SPONSOR) { role } }`,
		map[string]any{"p": p["Ann"], "n": net}, nil)
	c.connect(p["Ann"], p["Bob"], netgraph.TieKnows)
	c.do(`mutation($a: ID!, $b: ID!) { connect(input: {from: $b, to: $a, kind: COLLABORATES, strength: 6}) { kind } }`,
		map[string]any{"a": p["Ann"], "b": p["Bob"]}, nil)
	for _, pair := range [][2]string{{"Bob", "Cat"}, {"Cat", "Dan"}, {"Dan", "Eve"}, {"Ann", "Cat"}, {"Gus", "Eve"}} {
		c.connect(p[pair[0]], p[pair[1]], netgraph.TieKnows)
	}

	type person = struct {
		name        string
		orgs, roles []string
		community   int
		degree      int
		betweenness float64
	}
	people := map[string]person{}
	pairs := map[[2]string][]string{}
	var strengthAnnBob float64
	var peopleAfter, tiesAfter any
	peopleDone, tiesDone := false, false
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("more pages than people and ties")
		}
		var page graphPage
		c.do(scopeGraphQuery, map[string]any{"first": 2, "people": peopleAfter, "ties": tiesAfter}, &page)
		g := page.ScopeGraph
		if g.People.TotalCount != 7 || g.Ties.TotalCount != 6 {
			t.Fatalf("totals %d people, %d ties; want 7 and 6 pairs", g.People.TotalCount, g.Ties.TotalCount)
		}
		for _, n := range g.People.Nodes {
			if peopleDone {
				break
			}
			if _, dup := people[n.ID]; dup {
				t.Errorf("%s listed twice", n.Name)
			}
			people[n.ID] = person{n.Name, n.OrganisationIds, n.MembershipRoles, n.Community, n.Degree, n.Betweenness}
		}
		for _, e := range g.Ties.Nodes {
			if tiesDone {
				break
			}
			key := [2]string{min(e.From, e.To), max(e.From, e.To)}
			if _, dup := pairs[key]; dup {
				t.Errorf("pair %v listed twice", key)
			}
			pairs[key] = e.Kinds
			if key == [2]string{min(p["Ann"], p["Bob"]), max(p["Ann"], p["Bob"])} {
				strengthAnnBob = e.Strength
			}
		}
		if len(g.People.Nodes) > 2 || len(g.Ties.Nodes) > 2 {
			t.Fatalf("a page of 2 holds %d people and %d ties", len(g.People.Nodes), len(g.Ties.Nodes))
		}
		// A list that has ended is asked for its last page again until the
		// other ends too; it is not counted again.
		peopleDone = peopleDone || !g.People.PageInfo.HasNextPage
		tiesDone = tiesDone || !g.Ties.PageInfo.HasNextPage
		if peopleDone && tiesDone {
			break
		}
		if g.People.PageInfo.HasNextPage {
			peopleAfter = *g.People.PageInfo.EndCursor
		}
		if g.Ties.PageInfo.HasNextPage {
			tiesAfter = *g.Ties.PageInfo.EndCursor
		}
	}
	if len(people) != 7 || len(pairs) != 6 {
		t.Fatalf("%d people and %d pairs over all pages, want 7 and 6", len(people), len(pairs))
	}
	ab := pairs[[2]string{min(p["Ann"], p["Bob"]), max(p["Ann"], p["Bob"])}]
	if !slices.Equal(ab, []string{"COLLABORATES", "KNOWS"}) || strengthAnnBob != 6 {
		t.Errorf("Ann–Bob kinds %v strength %v, want [COLLABORATES KNOWS] and the strongest, 6", ab, strengthAnnBob)
	}
	if ann := people[p["Ann"]]; !slices.Equal(ann.orgs, []string{org}) || !slices.Equal(ann.roles, []string{"SPONSOR"}) {
		t.Errorf("Ann: organisations %v, membership roles %v; want [%s] and [SPONSOR]", ann.orgs, ann.roles, org)
	}

	// The figures are Person.metrics'.
	for id, got := range people {
		var m struct {
			Person struct {
				Metrics struct {
					Degree      int
					Betweenness float64
					Community   int
				}
			}
		}
		c.do(`query($id: ID!) { person(id: $id) { metrics { degree betweenness community } } }`, map[string]any{"id": id}, &m)
		want := m.Person.Metrics
		if got.degree != want.Degree || got.betweenness != want.Betweenness || got.community != want.Community {
			t.Errorf("%s: degree %d betweenness %v community %d, Person.metrics says %+v", got.name, got.degree, got.betweenness, got.community, want)
		}
	}

	t.Run("NetworkScope", func(t *testing.T) {
		var page graphPage
		c.do(scopeGraphQuery, map[string]any{"scope": map[string]any{"networkId": net}}, &page)
		g := page.ScopeGraph
		if g.People.TotalCount != 1 || len(g.People.Nodes) != 1 || g.People.Nodes[0].Name != "Ann" || len(g.Ties.Nodes) != 0 {
			t.Errorf("network scope: %+v", g)
		}
	})
}

// TestScopeGraphCursors checks that a cursor from before a change is refused,
// so that a client never draws two versions mixed, and that page sizes are
// checked.
func TestScopeGraphCursors(t *testing.T) {
	c := mustOpenClient(t)
	a, b, d := c.createPerson("Ann"), c.createPerson("Bob"), c.createPerson("Cat")
	c.connect(a, b, netgraph.TieKnows)
	c.connect(b, d, netgraph.TieKnows)
	var page graphPage
	c.do(scopeGraphQuery, map[string]any{"first": 1}, &page)
	people, ties := *page.ScopeGraph.People.PageInfo.EndCursor, *page.ScopeGraph.Ties.PageInfo.EndCursor

	// The same version: the next page.
	c.do(scopeGraphQuery, map[string]any{"first": 1, "people": people, "ties": ties}, &page)
	if n := page.ScopeGraph.People.Nodes; len(n) != 1 || n[0].Name != "Bob" {
		t.Errorf("second page of people %+v, want Bob", n)
	}

	c.createPerson("Dan")
	for _, vars := range []map[string]any{{"people": people}, {"ties": ties}} {
		e := c.fail(scopeGraphQuery, vars)
		if e.code() != "BAD_USER_INPUT" || e.field() != "after" {
			t.Errorf("a cursor from before a change: %+v, want BAD_USER_INPUT on after", e)
		}
	}
	for _, first := range []int{0, -1, 5001} {
		_, resp := c.post(t.Context(), `query($first: Int) { scopeGraph { people(first: $first) { totalCount } } }`, map[string]any{"first": first})
		if len(resp.Errors) == 0 || resp.Errors[0].code() != "BAD_USER_INPUT" || resp.Errors[0].field() != "first" {
			t.Errorf("first: %d: %+v, want BAD_USER_INPUT on first", first, resp.Errors)
		}
	}
	for _, bad := range []string{"nope", people + "x"} {
		e := c.fail(`query($a: String) { scopeGraph { people(after: $a) { totalCount } } }`, map[string]any{"a": bad})
		if e.code() != "BAD_USER_INPUT" || e.field() != "after" {
			t.Errorf("cursor %q: %+v", bad, e)
		}
	}
}

// TestScopeGraphCost checks the price: one per person or tie asked for, so
// that 5000 people and 4800 ties fit under the default limit and 5000 of each
// do not.
func TestScopeGraphCost(t *testing.T) {
	c := mustOpenClient(t)
	c.createPerson("Ann")
	q := func(people, ties int) string {
		return fmt.Sprintf(`{ scopeGraph { people(first: %d) { nodes { id name community degree } pageInfo { endCursor } }
		  ties(first: %d) { nodes { from to strength } } } }`, people, ties)
	}
	c.do(q(5000, 4800), nil, nil)
	if e := c.fail(q(5000, 5000), nil); e.code() != "QUERY_TOO_COMPLEX" {
		t.Errorf("5000 people and 5000 ties: %+v, want QUERY_TOO_COMPLEX", e)
	}
}
