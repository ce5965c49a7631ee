package graph

import (
	"encoding/json"
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
