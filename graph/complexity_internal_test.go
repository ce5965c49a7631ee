package graph

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/netgraph/netgraph/graph/generated"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestIntrospectionCostIsWhatItReturns checks introspectionCost against the
// fields of the response it prices: one for every key of every object.
func TestIntrospectionCostIsWhatItReturns(t *testing.T) {
	const q = `{ __schema { queryType { name } mutationType { name } subscriptionType { name }
	  types { ...T fields(includeDeprecated: true) { name args { name defaultValue type { ...R } } type { ...R } }
	          inputFields { name type { ...R } } enumValues(includeDeprecated: true) { name } interfaces { name } possibleTypes { name } }
	  directives { name locations isRepeatable args { name type { ...R } } } }
	  t: __type(name: "Person") { name fields { name } } }
	fragment T on __Type { kind name }
	fragment R on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`
	h := NewHandler(Config{Store: embeddedtest.MustOpenTemp(t)})
	var resp struct{ Data json.RawMessage }
	if err := json.Unmarshal([]byte(postAsAdmin(t, h, q)), &resp); err != nil {
		t.Fatal(err)
	}
	var data any
	if err := json.Unmarshal(resp.Data, &data); err != nil {
		t.Fatal(err)
	}
	keys := 0
	var count func(any)
	count = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			keys += len(v)
			for _, x := range v {
				count(x)
			}
		case []any:
			for _, x := range v {
				count(x)
			}
		}
	}
	count(data)

	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatal(err)
	}
	if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := introspectionCost(schema, doc.Operations[0], nil, 1<<30); got != keys {
		t.Errorf("introspectionCost %d, the response has %d fields", got, keys)
	}
}

// TestPageCountsCostOne checks the worked prices of a page (setComplexity):
// totalCount and pageInfo are answered once a page, so they add nothing to
// the page's own 1, and the page size multiplies only what is asked of each
// item.
func TestPageCountsCostOne(t *testing.T) {
	c := generated.Config{}
	setComplexity(&c.Complexity)
	es := generated.NewExecutableSchema(c)
	for _, tc := range []struct {
		query string
		want  int
	}{
		// person 1 + ties 1.
		{`{ person(id: "p") { ties { totalCount } } }`, 2},
		{`{ person(id: "p") { ties(first: 500) { totalCount contacts pageInfo { hasNextPage endCursor } } } }`, 2},
		// person 1 + ties (1 + 10 × (edges 1 + node 1 + kind 1)).
		{`{ person(id: "p") { ties(first: 10) { totalCount pageInfo { hasNextPage } edges { node { kind } } } } }`, 32},
		// people 1 + 50 (the default page) × (edges 1 + node 1 + name 1).
		{`{ people { totalCount edges { node { name } } } }`, 151},
		{`{ people { totalCount } organisations { totalCount } networks { totalCount } auditLog { totalCount } }`, 4},
	} {
		doc, err := parser.ParseQuery(&ast.Source{Input: tc.query})
		if err != nil {
			t.Fatal(err)
		}
		if errs := validator.ValidateWithRules(es.Schema(), doc, nil); len(errs) > 0 {
			t.Fatalf("%s: %v", tc.query, errs)
		}
		if got := price(context.Background(), es, doc.Operations[0], nil); got != tc.want {
			t.Errorf("%s costs %d; want %d", tc.query, got, tc.want)
		}
	}

	for field := range oncePerPage {
		object, name, _ := strings.Cut(field, ".")
		if def := es.Schema().Types[object]; def == nil || def.Fields.ForName(name) == nil {
			t.Errorf("oncePerPage names %s, which the schema lacks", field)
		}
	}
	// Every connection of the schema is priced so.
	for name, def := range es.Schema().Types {
		for _, f := range def.Fields {
			if _, ok := oncePerPage[name+"."+f.Name]; !ok && strings.HasSuffix(name, "Connection") && (f.Name == "totalCount" || f.Name == "pageInfo") {
				t.Errorf("%s.%s is not in oncePerPage", name, f.Name)
			}
		}
	}
}
