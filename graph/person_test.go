package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/netgraph/netgraph"
)

// personPage is one page of Query.people as the tests read it.
type personPage struct {
	People struct {
		Edges []struct {
			Cursor string
			Node   struct{ ID, Name string }
		}
		PageInfo struct {
			HasNextPage bool
			EndCursor   *string
		}
		TotalCount int
	}
}

const peoplePageQuery = `query($first: Int, $after: String, $filter: PersonFilter) {
  people(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`

func TestCreatePerson(t *testing.T) {
	c := mustOpenClient(t)
	var out struct {
		CreatePerson struct {
			ID, Name, Email, Profession, Region string
			Interests                           []string
			Consent                             bool
			CreatedAt                           string
		}
	}
	c.do(`mutation($input: CreatePersonInput!) {
	  createPerson(input: $input) { id name email profession region interests consent createdAt }
	}`, map[string]any{"input": map[string]any{
		"externalId": "hr-17", "name": "  Ada Lovelace ", "email": "Ada@Example.org", "title": "Analyst",
		"profession": "Librarian", "region": "North", "interests": []string{"data", "Data", "maps"}, "consent": false,
	}}, &out)
	p := out.CreatePerson
	if p.ID == "" || p.Name != "Ada Lovelace" || p.Email != "ada@example.org" || p.Consent ||
		!slices.Equal(p.Interests, []string{"data", "maps"}) || p.CreatedAt == "" {
		t.Fatalf("created %+v", p)
	}

	var got struct{ Person struct{ ID, Name string } }
	c.do(`query($id: ID!) { person(id: $id) { id name } }`, map[string]any{"id": p.ID}, &got)
	if got.Person.ID != p.ID || got.Person.Name != "Ada Lovelace" {
		t.Errorf("person(id) = %+v", got.Person)
	}

	t.Run("ExternalIDIsIdempotent", func(t *testing.T) {
		c := c.with(t)
		var again struct{ CreatePerson struct{ ID string } }
		c.do(`mutation { createPerson(input: {externalId: "hr-17", name: "Someone Else"}) { id } }`, nil, &again)
		if again.CreatePerson.ID != p.ID {
			t.Errorf("second create with the same externalId made %s, want %s", again.CreatePerson.ID, p.ID)
		}
	})

	t.Run("Update", func(t *testing.T) {
		c := c.with(t)
		var upd struct {
			UpdatePerson struct{ Name, Region, Email string }
		}
		c.do(`mutation($id: ID!) { updatePerson(id: $id, input: {region: "South"}) { name region email } }`,
			map[string]any{"id": p.ID}, &upd)
		if upd.UpdatePerson.Name != "Ada Lovelace" || upd.UpdatePerson.Region != "South" ||
			upd.UpdatePerson.Email != "ada@example.org" {
			t.Errorf("updated %+v; only region should change", upd.UpdatePerson)
		}
	})

	t.Run("UnknownIDIsNull", func(t *testing.T) {
		c := c.with(t)
		status, resp := c.post(t.Context(), `{ person(id: "per_NOSUCH") { id } organisation(id: "x") { id } network(id: "x") { id } }`, nil)
		if status != 200 || len(resp.Errors) != 0 || string(resp.Data) != `{"person":null,"organisation":null,"network":null}` {
			t.Errorf("HTTP %d, data %s, errors %+v", status, resp.Data, resp.Errors)
		}
	})
}

func TestPeoplePagination(t *testing.T) {
	c := mustOpenClient(t)
	want := names("Person", 7)
	for _, n := range want {
		c.createPerson(n)
	}

	t.Run("PagesInCreationOrder", func(t *testing.T) {
		c := c.with(t)
		var seen []string
		var after any
		for page := 0; ; page++ {
			if page > 5 {
				t.Fatal("paging does not end")
			}
			var out personPage
			c.do(peoplePageQuery, map[string]any{"first": 3, "after": after}, &out)
			if out.People.TotalCount != 7 {
				t.Errorf("page %d: totalCount = %d, want 7", page, out.People.TotalCount)
			}
			for _, e := range out.People.Edges {
				seen = append(seen, e.Node.Name)
			}
			info := out.People.PageInfo
			if n := len(out.People.Edges); n > 0 && (info.EndCursor == nil || *info.EndCursor != out.People.Edges[n-1].Cursor) {
				t.Errorf("page %d: endCursor %v is not the last edge's cursor", page, info.EndCursor)
			}
			if !info.HasNextPage {
				break
			}
			after = *info.EndCursor
		}
		if !slices.Equal(seen, want) {
			t.Errorf("paged through %v, want %v (each once, in creation order)", seen, want)
		}
	})

	t.Run("StableAcrossRequests", func(t *testing.T) {
		c := c.with(t)
		var a, b personPage
		c.do(peoplePageQuery, map[string]any{"first": 4}, &a)
		c.do(peoplePageQuery, map[string]any{"first": 4}, &b)
		for i := range a.People.Edges {
			if a.People.Edges[i] != b.People.Edges[i] {
				t.Fatalf("edge %d differs between identical requests: %+v vs %+v", i, a.People.Edges[i], b.People.Edges[i])
			}
		}
	})

	t.Run("FilterByNameIgnoresCase", func(t *testing.T) {
		c := c.with(t)
		var out personPage
		c.do(peoplePageQuery, map[string]any{"filter": map[string]any{"nameContains": "son 0"}}, &out)
		if out.People.TotalCount != 7 {
			t.Errorf("nameContains \"son 0\": totalCount %d, want 7", out.People.TotalCount)
		}
		c.do(peoplePageQuery, map[string]any{"filter": map[string]any{"nameContains": "PERSON 03"}}, &out)
		if out.People.TotalCount != 1 || out.People.Edges[0].Node.Name != "Person 03" {
			t.Errorf("nameContains \"PERSON 03\": %+v", out.People)
		}
	})

	t.Run("EmptyPage", func(t *testing.T) {
		c := c.with(t)
		var out personPage
		c.do(peoplePageQuery, map[string]any{"filter": map[string]any{"nameContains": "nobody"}}, &out)
		if len(out.People.Edges) != 0 || out.People.TotalCount != 0 || out.People.PageInfo.HasNextPage ||
			out.People.PageInfo.EndCursor != nil {
			t.Errorf("empty page = %+v", out.People)
		}
	})
}

func TestPersonRelations(t *testing.T) {
	c := mustOpenClient(t)
	ann, bob, cat := c.createPerson("Ann"), c.createPerson("Bob"), c.createPerson("Cat")
	org := c.createOrganisation("North Trust")
	net := c.createNetwork("Library Learning")
	c.affiliate(ann, org, "Librarian")
	c.affiliate(bob, org, "Nurse")
	c.do(`mutation($p: ID!, $n: ID!) { addMembership(personId: $p, networkId: $n, role: LEAD) { role } }`,
		map[string]any{"p": ann, "n": net}, nil)
	c.connect(ann, bob, netgraph.TieCollaborates)
	c.connect(cat, ann, netgraph.TieAdvises)

	var out struct {
		Person struct {
			Organisations []struct{ Name string }
			Affiliations  []struct {
				Role         string
				Organisation struct{ ID string }
			}
			Networks    []struct{ Name string }
			Memberships []struct {
				Role    string
				Network struct{ Name string }
			}
			Ties struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Kind     string
						Strength float64
						From, To struct{ Name string }
					}
				}
			}
		}
		Organisation struct {
			People       []struct{ Name string }
			Affiliations []struct{ Person struct{ Name string } }
		}
		Network struct {
			Members []struct {
				Role   string
				Person struct{ Name string }
			}
		}
	}
	c.do(`query($ann: ID!, $org: ID!, $net: ID!) {
	  person(id: $ann) {
	    organisations { name }
	    affiliations { role organisation { id } }
	    networks { name }
	    memberships { role network { name } }
	    ties { totalCount edges { node { kind strength from { name } to { name } } } }
	  }
	  organisation(id: $org) { people { name } affiliations { person { name } } }
	  network(id: $net) { members { role person { name } } }
	}`, map[string]any{"ann": ann, "org": org, "net": net}, &out)

	p := out.Person
	if len(p.Organisations) != 1 || p.Organisations[0].Name != "North Trust" ||
		len(p.Affiliations) != 1 || p.Affiliations[0].Role != "Librarian" || p.Affiliations[0].Organisation.ID != org {
		t.Errorf("organisations %+v, affiliations %+v", p.Organisations, p.Affiliations)
	}
	if len(p.Networks) != 1 || len(p.Memberships) != 1 || p.Memberships[0].Role != "LEAD" ||
		p.Memberships[0].Network.Name != "Library Learning" {
		t.Errorf("networks %+v, memberships %+v", p.Networks, p.Memberships)
	}
	if p.Ties.TotalCount != 2 {
		t.Fatalf("ties = %+v, want 2", p.Ties)
	}
	kinds := map[string]string{}
	for _, e := range p.Ties.Edges {
		kinds[e.Node.Kind] = e.Node.From.Name + "->" + e.Node.To.Name
		if e.Node.Strength != netgraph.DefaultStrength {
			t.Errorf("strength %g, want the default %g", e.Node.Strength, netgraph.DefaultStrength)
		}
	}
	if kinds["COLLABORATES"] != "Ann->Bob" || kinds["ADVISES"] != "Cat->Ann" {
		t.Errorf("ties keep their recorded direction: got %v", kinds)
	}
	var people []string
	for _, q := range out.Organisation.People {
		people = append(people, q.Name)
	}
	slices.Sort(people)
	if !slices.Equal(people, []string{"Ann", "Bob"}) || len(out.Organisation.Affiliations) != 2 {
		t.Errorf("organisation people %v, affiliations %+v", people, out.Organisation.Affiliations)
	}
	if len(out.Network.Members) != 1 || out.Network.Members[0].Person.Name != "Ann" || out.Network.Members[0].Role != "LEAD" {
		t.Errorf("network members %+v", out.Network.Members)
	}
}

func TestTiePagination(t *testing.T) {
	c := mustOpenClient(t)
	hub := c.createPerson("Hub")
	for _, n := range names("Spoke", 5) {
		id := c.createPerson(n)
		c.connect(hub, id, netgraph.TieKnows)
		c.connect(id, hub, netgraph.TieAdvises)
	}
	type tiePage struct {
		Person struct {
			Ties struct {
				Edges []struct {
					Cursor string
					Node   struct {
						Kind string
						From struct{ ID string }
						To   struct{ ID string }
					}
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
				TotalCount int
			}
		}
	}
	seen := map[string]bool{}
	var after any
	for page := 0; ; page++ {
		if page > 10 {
			t.Fatal("paging does not end")
		}
		var out tiePage
		c.do(`query($id: ID!, $after: String) {
		  person(id: $id) { ties(first: 3, after: $after) {
		    edges { cursor node { kind from { id } to { id } } } pageInfo { hasNextPage endCursor } totalCount } }
		}`, map[string]any{"id": hub, "after": after}, &out)
		ties := out.Person.Ties
		if ties.TotalCount != 10 {
			t.Errorf("totalCount = %d, want 10", ties.TotalCount)
		}
		for _, e := range ties.Edges {
			k := e.Node.From.ID + e.Node.To.ID + e.Node.Kind
			if seen[k] {
				t.Errorf("tie %s seen twice", k)
			}
			seen[k] = true
		}
		if !ties.PageInfo.HasNextPage {
			break
		}
		after = *ties.PageInfo.EndCursor
	}
	if len(seen) != 10 {
		t.Errorf("paged through %d ties, want 10", len(seen))
	}
}

func TestDeletePerson(t *testing.T) {
	c := mustOpenClient(t)
	ann, bob := c.createPerson("Ann"), c.createPerson("Bob")
	org := c.createOrganisation("North Trust")
	c.affiliate(ann, org, "")
	c.connect(ann, bob, netgraph.TieKnows)

	var del struct{ DeletePerson bool }
	c.do(`mutation($id: ID!) { deletePerson(id: $id) }`, map[string]any{"id": ann}, &del)
	if !del.DeletePerson {
		t.Fatal("deletePerson returned false")
	}

	var out struct {
		Ann *struct{ ID string }
		Bob struct {
			Ties struct{ TotalCount int }
		}
		Organisation struct{ People []struct{ ID string } }
	}
	c.do(`query($ann: ID!, $bob: ID!, $org: ID!) {
	  ann: person(id: $ann) { id }
	  bob: person(id: $bob) { ties { totalCount } }
	  organisation(id: $org) { people { id } }
	}`, map[string]any{"ann": ann, "bob": bob, "org": org}, &out)
	if out.Ann != nil {
		t.Errorf("person(%s) = %+v after deletion, want null", ann, out.Ann)
	}
	if out.Bob.Ties.TotalCount != 0 {
		t.Errorf("Bob still has %d ties after Ann's erasure", out.Bob.Ties.TotalCount)
	}
	if len(out.Organisation.People) != 0 {
		t.Errorf("organisation still lists %+v", out.Organisation.People)
	}

	e := c.fail(`mutation($id: ID!) { deletePerson(id: $id) }`, map[string]any{"id": ann})
	if e.code() != "NOT_FOUND" {
		t.Errorf("deleting again: %+v, want NOT_FOUND", e)
	}
}

// TestMutationsSeeEarlierWrites checks that the request's dataloader cache does
// not hide a mutation's writes from the fields after it.
func TestMutationsSeeEarlierWrites(t *testing.T) {
	c := mustOpenClient(t)
	ann, bob, cat := c.createPerson("Ann"), c.createPerson("Bob"), c.createPerson("Cat")
	var out struct {
		First, Second struct {
			From struct{ Ties struct{ TotalCount int } }
		}
	}
	c.do(`mutation($ann: ID!, $bob: ID!, $cat: ID!) {
	  first: connect(input: {from: $ann, to: $bob}) { from { ties { totalCount } } }
	  second: connect(input: {from: $ann, to: $cat}) { from { ties { totalCount } } }
	}`, map[string]any{"ann": ann, "bob": bob, "cat": cat}, &out)
	if out.First.From.Ties.TotalCount != 1 || out.Second.From.Ties.TotalCount != 2 {
		t.Errorf("tie counts after each connect = %d, %d; want 1, 2",
			out.First.From.Ties.TotalCount, out.Second.From.Ties.TotalCount)
	}
}

// TestTiesSeenFromAPerson: Ann collaborates with Bob (strength 6, recorded
// by Ann) and Bob advises Ann (strength 2, recorded by Bob), and Ann knows
// Cy (strength 1). Ann has three ties to two contacts; the analysis sees
// two links, the Bob link with its stronger strength 6: degree 2, strength
// 6 + 1 = 7. Each edge's contact is the other end from Ann, even where the
// tie's to is Ann herself.
func TestTiesSeenFromAPerson(t *testing.T) {
	c := mustOpenClient(t)
	ann, bob, cy := c.createPerson("Ann"), c.createPerson("Bob"), c.createPerson("Cy")
	tie := `mutation($from: ID!, $to: ID!, $kind: TieKind, $s: Float) { connect(input: {from: $from, to: $to, kind: $kind, strength: $s}) { kind } }`
	c.do(tie, map[string]any{"from": ann, "to": bob, "kind": netgraph.TieCollaborates, "s": 6}, nil)
	c.do(tie, map[string]any{"from": bob, "to": ann, "kind": netgraph.TieAdvises, "s": 2}, nil)
	c.do(tie, map[string]any{"from": ann, "to": cy, "kind": netgraph.TieKnows, "s": 1}, nil)

	var out struct {
		Person struct {
			Ties struct {
				TotalCount, Contacts int
				Edges                []struct {
					Contact struct{ Name string }
					Node    struct {
						Kind     string
						From, To struct{ Name string }
					}
				}
			}
			Metrics struct {
				Degree   int
				Strength float64
			}
		}
	}
	c.do(`query($id: ID!) { person(id: $id) {
	  ties { totalCount contacts edges { contact { name } node { kind from { name } to { name } } } }
	  metrics { degree strength } } }`, map[string]any{"id": ann}, &out)
	p := out.Person
	if p.Ties.TotalCount != 3 || p.Ties.Contacts != 2 {
		t.Errorf("totalCount %d, contacts %d; want 3 ties to 2 contacts", p.Ties.TotalCount, p.Ties.Contacts)
	}
	if p.Metrics.Degree != 2 || p.Metrics.Strength != 7 {
		t.Errorf("degree %d, strength %v; want 2 and 6 + 1 = 7", p.Metrics.Degree, p.Metrics.Strength)
	}
	if p.Metrics.Degree != p.Ties.Contacts {
		t.Errorf("degree %d in the whole graph differs from contacts %d", p.Metrics.Degree, p.Ties.Contacts)
	}
	var got []string
	for _, e := range p.Ties.Edges {
		got = append(got, e.Node.Kind+" "+e.Node.From.Name+"→"+e.Node.To.Name+": "+e.Contact.Name)
	}
	want := []string{"ADVISES Bob→Ann: Bob", "COLLABORATES Ann→Bob: Bob", "KNOWS Ann→Cy: Cy"}
	if bob > cy { // ordered by the other person's id, then kind
		want = []string{"KNOWS Ann→Cy: Cy", "ADVISES Bob→Ann: Bob", "COLLABORATES Ann→Bob: Bob"}
	}
	if !slices.Equal(got, want) {
		t.Errorf("ties seen from Ann:\n%q\nwant\n%q", got, want)
	}
}

// TestMutationsTakeExternalIDs: an id argument "ext:ID" names the person,
// organisation or network by its external id, in inputs and arguments
// alike; an unknown one is NOT_FOUND naming the argument.
func TestMutationsTakeExternalIDs(t *testing.T) {
	c := mustOpenClient(t)
	var ann, bob struct{ CreatePerson struct{ ID string } }
	c.do(`mutation { createPerson(input: {name: "Ann", externalId: "crm-1"}) { id } }`, nil, &ann)
	c.do(`mutation { createPerson(input: {name: "Bob", externalId: "crm-2"}) { id } }`, nil, &bob)
	c.do(`mutation { createOrganisation(input: {name: "North Trust", externalId: "ods-9"}) { id } }`, nil, nil)
	c.do(`mutation { createNetwork(input: {name: "Falls", type: LEARNING, externalId: "net-3"}) { id } }`, nil, nil)

	var tie struct {
		Connect struct{ From, To struct{ ID string } }
	}
	c.do(`mutation { connect(input: {from: "ext:crm-1", to: "ext:crm-2", kind: ADVISES}) { from { id } to { id } } }`, nil, &tie)
	if tie.Connect.From.ID != ann.CreatePerson.ID || tie.Connect.To.ID != bob.CreatePerson.ID {
		t.Errorf("connect by external ids tied %+v; want Ann %s to Bob %s", tie.Connect, ann.CreatePerson.ID, bob.CreatePerson.ID)
	}
	c.do(`mutation { addAffiliation(personId: "ext:crm-1", organisationId: "ext:ods-9") { role } }`, nil, nil)
	c.do(`mutation { addMembership(personId: "ext:crm-2", networkId: "ext:net-3") { role } }`, nil, nil)
	var out struct {
		Person struct {
			Organisations []struct{ Name string }
			Ties          struct{ TotalCount int }
		}
	}
	c.do(`query($id: ID!) { person(id: $id) { organisations { name } ties { totalCount } } }`, map[string]any{"id": ann.CreatePerson.ID}, &out)
	if len(out.Person.Organisations) != 1 || out.Person.Organisations[0].Name != "North Trust" || out.Person.Ties.TotalCount != 1 {
		t.Errorf("Ann after the mutations by external id: %+v", out.Person)
	}
	var gone struct{ Disconnect bool }
	c.do(`mutation { disconnect(from: "ext:crm-2", to: "ext:crm-1", kind: ADVISES) }`, nil, &gone)
	if !gone.Disconnect {
		t.Error("disconnect by external ids: false")
	}

	for _, tc := range []struct{ query, field string }{
		{`mutation { connect(input: {from: "ext:crm-1", to: "ext:nobody"}) { kind } }`, "input.to"},
		{`mutation { addMembership(personId: "ext:crm-1", networkId: "ext:crm-1") { role } }`, "networkId"},
		{`mutation { updatePerson(id: "ext:crm-7", input: {name: "X"}) { id } }`, "id"},
	} {
		_, resp := c.post(context.Background(), tc.query, nil)
		if len(resp.Errors) != 1 || resp.Errors[0].code() != "NOT_FOUND" || resp.Errors[0].field() != tc.field {
			t.Errorf("%s: errors %+v; want NOT_FOUND on field %s", tc.query, resp.Errors, tc.field)
		}
	}
}

// TestLookupsTakeExternalIDs: person, organisation and network take "ext:ID"
// as the mutations do; an unknown external id is null, as an unknown id is.
func TestLookupsTakeExternalIDs(t *testing.T) {
	c := mustOpenClient(t)
	var ann struct{ CreatePerson struct{ ID string } }
	c.do(`mutation { createPerson(input: {name: "Ann", externalId: "crm-1"}) { id } }`, nil, &ann)
	c.do(`mutation { createOrganisation(input: {name: "North Trust", externalId: "ods-9"}) { id } }`, nil, nil)
	c.do(`mutation { createNetwork(input: {name: "Falls", type: LEARNING, externalId: "net-3"}) { id } }`, nil, nil)

	var out struct {
		Person       *struct{ ID, Name string }
		Organisation *struct{ Name string }
		Network      *struct{ Name string }
		Nobody       *struct{ ID string }
	}
	c.do(`{ person(id: "ext:crm-1") { id name } organisation(id: "ext:ods-9") { name }
		network(id: "ext:net-3") { name } nobody: person(id: "ext:crm-404") { id } }`, nil, &out)
	if out.Person == nil || out.Person.ID != ann.CreatePerson.ID || out.Person.Name != "Ann" {
		t.Errorf("person(ext:crm-1) = %+v; want Ann %s", out.Person, ann.CreatePerson.ID)
	}
	if out.Organisation == nil || out.Organisation.Name != "North Trust" {
		t.Errorf("organisation(ext:ods-9) = %+v; want North Trust", out.Organisation)
	}
	if out.Network == nil || out.Network.Name != "Falls" {
		t.Errorf("network(ext:net-3) = %+v; want Falls", out.Network)
	}
	if out.Nobody != nil {
		t.Errorf("person(ext:crm-404) = %+v; want null", out.Nobody)
	}
}
