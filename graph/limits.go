package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits on one operation, checked after it is parsed and validated and
// before any resolver runs, so that a refused query reads nothing.
const (
	// DefaultMaxDepth is how deep fields may nest when Config.MaxDepth is 0:
	// people > edges > node > ties > edges > node > to > name is 8.
	DefaultMaxDepth = 12
	// DefaultMaxComplexity is the most an operation may cost (see
	// setComplexity) when Config.MaxComplexity is 0. A page of 50 people
	// with three of their metrics costs 851; the largest page, 500 people
	// with ten fields each, 6,001; an analysis field 100 or more, so 100 of
	// them under aliases (11,100 at the least) are refused.
	DefaultMaxComplexity = 10_000
	// introspectionMaxDepth is how deep fields may nest under __schema and
	// __type, whose type references nest deeper than data does (graphql-js'
	// introspection query reaches 13). Introspection reads no data.
	introspectionMaxDepth = 20
)

// Error codes (extensions.code) of operations refused for their size. Both
// are protocol errors to gqlgen, answered like parse and validation errors
// (see requestErrorWriter): HTTP 200 for application/json, 400 for clients
// that accept application/graphql-response+json, without data.
const (
	CodeQueryTooDeep    = "QUERY_TOO_DEEP"
	CodeQueryTooComplex = "QUERY_TOO_COMPLEX"
)

func init() {
	errcode.RegisterErrorType(CodeQueryTooDeep, errcode.KindProtocol)
	errcode.RegisterErrorType(CodeQueryTooComplex, errcode.KindProtocol)
}

// queryLimits refuses operations that nest too deep, or that have more
// fields than the complexity limit allows once fragments are expanded (every
// field costs at least 1). It measures each fragment once however often it
// is spread, so it takes time in proportion to the query's text: a query
// that would expand to millions of fields through nested fragments is
// refused here, before gqlgen's complexity calculation, which expands every
// spread, has to walk it.
type queryLimits struct {
	maxDepth  int
	maxFields int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = queryLimits{}

func (queryLimits) ExtensionName() string { return "QueryLimits" }

func (queryLimits) Validate(graphql.ExecutableSchema) error { return nil }

func (l queryLimits) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	m := measurer{fragments: map[string]*shape{}}
	s := m.selectionSet(oc.Operation.SelectionSet)
	switch {
	case s.depth > l.maxDepth:
		return limitError(CodeQueryTooDeep, "the operation nests fields %d deep, more than the limit of %d", s.depth, l.maxDepth)
	case s.introspectionDepth > max(l.maxDepth, introspectionMaxDepth):
		return limitError(CodeQueryTooDeep, "the operation nests introspection fields %d deep, more than the limit of %d",
			s.introspectionDepth, max(l.maxDepth, introspectionMaxDepth))
	case s.fields > l.maxFields:
		return limitError(CodeQueryTooComplex, "the operation has more than %d fields once fragments are expanded, which exceeds the complexity limit of %d",
			l.maxFields, l.maxFields)
	}
	return nil
}

// limitError is an operation refused for its size.
func limitError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, code)
	return err
}

// shape is the size of a selection set with its fragments expanded.
type shape struct {
	// depth is how deep data fields nest (a leaf field is 1).
	depth int
	// introspectionDepth is how deep __schema and __type nest, with what
	// they select.
	introspectionDepth int
	// fields counts the fields, each alias and each spread of a fragment
	// anew; it stops growing at maxCount.
	fields int
}

// maxCount is where field counts saturate: far beyond any limit, and far
// from overflow.
const maxCount = 1 << 40

// measurer measures selection sets, each fragment once.
type measurer struct {
	fragments map[string]*shape // nil while a fragment is being measured
}

func (m *measurer) selectionSet(set ast.SelectionSet) shape {
	var s shape
	for _, sel := range set {
		var sub shape
		switch sel := sel.(type) {
		case *ast.Field:
			sub = m.selectionSet(sel.SelectionSet)
			if sel.Name == "__schema" || sel.Name == "__type" {
				sub = shape{introspectionDepth: 1 + max(sub.depth, sub.introspectionDepth), fields: sub.fields}
			} else {
				sub.depth++
			}
			sub.fields = min(sub.fields+1, maxCount)
		case *ast.InlineFragment:
			sub = m.selectionSet(sel.SelectionSet)
		case *ast.FragmentSpread:
			sub = m.fragment(sel)
		}
		s.depth = max(s.depth, sub.depth)
		s.introspectionDepth = max(s.introspectionDepth, sub.introspectionDepth)
		s.fields = min(s.fields+sub.fields, maxCount)
	}
	return s
}

// fragment measures a spread fragment, once per operation. Validation has
// refused cycles; should one get here, it counts as empty.
func (m *measurer) fragment(spread *ast.FragmentSpread) shape {
	if s, ok := m.fragments[spread.Name]; ok {
		if s == nil {
			return shape{}
		}
		return *s
	}
	if spread.Definition == nil {
		return shape{}
	}
	m.fragments[spread.Name] = nil
	s := m.selectionSet(spread.Definition.SelectionSet)
	m.fragments[spread.Name] = &s
	return s
}

// complexityLimit is gqlgen's FixedComplexityLimit, which prices the
// operation with the schema's complexity functions (setComplexity), with
// the error code QUERY_TOO_COMPLEX.
type complexityLimit struct {
	*extension.ComplexityLimit
}

func newComplexityLimit(limit int) complexityLimit {
	return complexityLimit{extension.FixedComplexityLimit(limit)}
}

func (c complexityLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	err := c.ComplexityLimit.MutateOperationContext(ctx, oc)
	if err != nil {
		errcode.Set(err, CodeQueryTooComplex)
	}
	return err
}

// limitsOf returns the depth and complexity limits of cfg, with defaults
// for zero (or negative) values.
func limitsOf(cfg Config) (depth, complexity int) {
	depth, complexity = cfg.MaxDepth, cfg.MaxComplexity
	if depth <= 0 {
		depth = DefaultMaxDepth
	}
	if complexity <= 0 {
		complexity = DefaultMaxComplexity
	}
	return depth, complexity
}
