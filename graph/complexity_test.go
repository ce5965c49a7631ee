package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/graph/generated"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestUnpagedListsCostTheirLength checks that an unpaged list longer than
// the 20 items its price assumes is charged its real length: an
// organisation of 30 people, each with three fields, costs 93 rather than
// 63, so a limit of 80 refuses it, on its path, before the people are
// resolved; the other fields of the operation keep their data.
func TestUnpagedListsCostTheirLength(t *testing.T) {
	store := embeddedtest.MustOpenTemp(t)
	admin := newClient(t, store)
	big, small := admin.createOrganisation("Big Trust"), admin.createOrganisation("Small Trust")
	network := admin.createNetwork("Everyone")
	for i := range 30 {
		p := admin.createPerson(fmt.Sprintf("Person %d", i))
		admin.affiliate(p, big, "")
		admin.do(`mutation($p: ID!, $n: ID!) { addMembership(personId: $p, networkId: $n) { role } }`,
			map[string]any{"p": p, "n": network}, nil)
		if i < 10 {
			admin.affiliate(p, small, "")
		}
	}
	c := newClientConfig(t, graph.Config{Store: store, MaxComplexity: 80}, &syncBuffer{})
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		refused     string // the path refused, "" for none
	}{
		{"SmallOrganisation", `query($o: ID!) { dataVersion organisation(id: $o) { people { id name title } } }`,
			map[string]any{"o": small}, ""},
		{"BigOrganisation", `query($o: ID!) { dataVersion organisation(id: $o) { people { id name title } } }`,
			map[string]any{"o": big}, "organisation.people"},
		{"BigOrganisationsAffiliations", `query($o: ID!) { dataVersion organisation(id: $o) { affiliations { role person { name } } } }`,
			map[string]any{"o": big}, "organisation.affiliations"},
		{"BigNetwork", `query($n: ID!) { dataVersion network(id: $n) { members { role person { name } } } }`,
			map[string]any{"n": network}, "network.members"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, resp := c.with(t).post(context.Background(), tc.query, tc.vars)
			if tc.refused == "" {
				if len(resp.Errors) > 0 {
					t.Fatalf("errors %+v", resp.Errors)
				}
				return
			}
			if len(resp.Errors) != 1 || resp.Errors[0].code() != "QUERY_TOO_COMPLEX" || fmt.Sprint(resp.Errors[0].Path) != "["+strings.ReplaceAll(tc.refused, ".", " ")+"]" {
				t.Fatalf("errors %+v; want QUERY_TOO_COMPLEX at %s", resp.Errors, tc.refused)
			}
			if !strings.Contains(string(resp.Data), `"dataVersion"`) {
				t.Errorf("data %s", resp.Data)
			}
		})
	}

	t.Run("IsolatedMembers", func(t *testing.T) {
		// 30 people without ties: isolated members of the network.
		c := newClientConfig(t, graph.Config{Store: store, MaxComplexity: 180}, &syncBuffer{})
		_, resp := c.post(context.Background(), `query($n: ID!) { dataVersion isolatedMembers(scope: {networkId: $n}) { id name title } }`,
			map[string]any{"n": network})
		if len(resp.Errors) != 1 || resp.Errors[0].code() != "QUERY_TOO_COMPLEX" {
			t.Fatalf("errors %+v, data %s", resp.Errors, resp.Data)
		}
	})
}

// TestUnpagedListsCharged checks that every list of objects in the schema
// is paged (it has a first or top argument), a page's edges or nodes, or charged
// by its length.
func TestUnpagedListsCharged(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(def.Name, "__") || (def.Kind != "OBJECT") {
			continue
		}
		for _, f := range def.Fields {
			if f.Type.Elem == nil || schema.Types[f.Type.Name()].Kind == "SCALAR" || schema.Types[f.Type.Name()].Kind == "ENUM" ||
				f.Arguments.ForName("first") != nil || f.Arguments.ForName("top") != nil ||
				f.Name == "edges" || f.Name == "nodes" { // the items of a page

				continue
			}
			if !graph.UnpagedListCharged(def.Name, f.Name) {
				t.Errorf("%s.%s is a list without a first argument that chargeLists does not charge", def.Name, f.Name)
			}
		}
	}
}

// TestIntrospectionCosted checks that introspection is priced by what it
// returns: twenty copies of every type's fields' arguments cost more than the
// limit, where gqlgen prices them at nothing.
func TestIntrospectionCosted(t *testing.T) {
	c := mustOpenClient(t)
	q := aliases(20, "__schema { types { fields { args { name type { name } } } } }")
	_, resp := c.post(context.Background(), q, nil)
	if len(resp.Errors) != 1 || resp.Errors[0].code() != "QUERY_TOO_COMPLEX" {
		t.Fatalf("errors %+v (%d bytes of data)", resp.Errors, len(resp.Data))
	}
	one := aliases(1, "__schema { types { fields { args { name type { name } } } } }")
	if _, resp := c.post(context.Background(), one, nil); len(resp.Errors) > 0 {
		t.Fatalf("one copy: %+v", resp.Errors)
	}
}

// TestIntrospectionRole checks that with IntrospectionRole set, a viewer
// may not introspect (nor through a fragment) and an analyst may; anyone
// may ask for __typename.
func TestIntrospectionRole(t *testing.T) {
	c := newClientConfig(t, graph.Config{Store: embeddedtest.MustOpenTemp(t), IntrospectionRole: netgraph.RoleAnalyst}, &syncBuffer{})
	viewer, analyst := c.asRole(netgraph.RoleViewer), c.asRole(netgraph.RoleAnalyst)
	for _, q := range []string{`{ __schema { queryType { name } } }`, `{ __type(name: "Person") { name } }`,
		`{ ...F } fragment F on Query { __schema { queryType { name } } }`} {
		if _, resp := viewer.with(t).post(context.Background(), q, nil); len(resp.Errors) != 1 || resp.Errors[0].code() != "FORBIDDEN" || resp.Data != nil {
			t.Errorf("viewer %s: errors %+v, data %s", q, resp.Errors, resp.Data)
		}
		analyst.with(t).data(q, nil)
	}
	viewer.with(t).data(`{ __typename dataVersion }`, nil)
}
