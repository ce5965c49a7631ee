package graph

import (
	"context"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/netgraph/netgraph/graph/generated"
)

// argumentField returns the argument path, in the field being resolved in
// ctx, of the domain field a domain error names: the domain names its own
// fields ("name", "personId", "scope.networkId"), and this is the one place
// that puts them under the GraphQL arguments they came in. The first part of
// the domain field is kept when it is an argument itself (personId, first,
// scope); otherwise it goes under the field's one input-object argument
// ("name" of createPerson(input:) becomes "input.name", "operation" of
// auditLog(filter:) becomes "filter.operation"). Fields that take what the
// domain calls by another name say so in renamedArguments.
func argumentField(ctx context.Context, field string) string {
	fc := graphql.GetFieldContext(ctx)
	if field == "" || fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil {
		return field
	}
	def := fc.Field.Definition
	head, rest := field, ""
	if i := strings.IndexAny(field, ".["); i >= 0 {
		head, rest = field[:i], field[i:]
	}
	if arg, ok := renamedArguments[def.Name][head]; ok {
		return arg + rest
	}
	if def.Arguments.ForName(head) != nil {
		return field
	}
	var input string
	for _, a := range def.Arguments {
		if t := schemaDef().Types[a.Type.Name()]; t != nil && t.Kind == ast.InputObject {
			if input != "" {
				return field // two input objects: which one is not known
			}
			input = a.Name
		}
	}
	if input == "" {
		return field
	}
	return input + "." + field
}

// renamedArguments maps, per field, a domain field to the argument that
// carries it under another name.
var renamedArguments = map[string]map[string]string{
	// recordIntroduction(a, b) records the tie from a to b.
	"recordIntroduction": {"from": "a", "to": "b"},
}

// schemaDef is the parsed schema, for the kinds of argument types.
var schemaDef = sync.OnceValue(func() *ast.Schema {
	return generated.NewExecutableSchema(generated.Config{}).Schema()
})
