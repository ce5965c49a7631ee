package graph

import (
	"context"
	"crypto/sha256"
	"encoding/binary"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// Limits on one operation. The size of the document (tokens, fragments,
// fields once fragments are expanded, fields of one name in one selection
// set, depth) is checked on the parsed text before gqlparser validates it,
// since validation takes time with the square of repeated fields and the
// cube of chained fragments; the cost (see setComplexity) is checked after
// validation and before any resolver runs, so that a refused query reads
// nothing.
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
	// MaxTokens is the most lexical tokens (names, punctuation, values;
	// comments count too) a document may have. graphql-js' introspection
	// query has about 300; the demo dashboard's largest query about 400.
	MaxTokens = 15_000
	// MaxFragments is the most fragment definitions a document may have.
	MaxFragments = 64
	// MaxRepeats is how often one response name (a field's alias or name)
	// may be selected in one selection set, counting the selections that
	// fragments and fields of the same name merge into it: gqlparser
	// compares every pair of them.
	MaxRepeats = 16
	// introspectionMaxDepth is how deep fields may nest under __schema and
	// __type, whose type references nest deeper than data does (graphql-js'
	// introspection query reaches 13). Introspection reads no data.
	introspectionMaxDepth = 20
	// maxMergeVisits bounds the work of counting repeats, whatever the
	// complexity limit.
	maxMergeVisits = 1 << 20
	// deadlineCheckTokens is how many tokens are read between looks at the
	// request's deadline.
	deadlineCheckTokens = 1024
)

func init() {
	errcode.RegisterErrorType(CodeQueryTooLarge, errcode.KindProtocol)
	errcode.RegisterErrorType(CodeQueryTooDeep, errcode.KindProtocol)
	errcode.RegisterErrorType(CodeQueryTooComplex, errcode.KindProtocol)
	errcode.RegisterErrorType(CodeTimeout, errcode.KindProtocol)
	errcode.RegisterErrorType(CodeForbidden, errcode.KindProtocol)
}

// documentLimits is the gqlgen extension that measures a document before
// gqlgen parses and validates it (operation parameters are mutated first).
// It reads the text once as tokens, stopping at MaxTokens and at the
// request's deadline, which also gives the document's cache key (see
// queryCache); a document the cache holds has passed before. Otherwise it
// parses the text and measures it, each fragment once however often it is
// spread, so it takes time in proportion to the text: a query that would
// expand to millions of fields through nested fragments is refused here.
type documentLimits struct {
	maxDepth  int
	maxFields int
	cache     *queryCache
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = documentLimits{}

func (documentLimits) ExtensionName() string { return "DocumentLimits" }

func (documentLimits) Validate(graphql.ExecutableSchema) error { return nil }

func (l documentLimits) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	key, err := documentKey(ctx, params.Query)
	if err != nil {
		return err
	}
	if st := stateFrom(ctx); st != nil {
		st.query, st.key = params.Query, key
	}
	if l.cache.has(key) {
		return nil
	}
	doc, perr := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, MaxTokens)
	if perr != nil {
		return nil // gqlgen reports it, with its code
	}
	if len(doc.Fragments) > MaxFragments {
		return limitError(CodeQueryTooLarge, "the document defines %d fragments, more than the limit of %d", len(doc.Fragments), MaxFragments)
	}
	for _, op := range doc.Operations {
		if err := l.measure(doc, op); err != nil {
			return err
		}
	}
	return l.validate(ctx, doc)
}

// validate validates doc as gqlgen would, but gives up when the request's
// deadline passes (the limits above bound how long validation can take, so
// the work left behind is bounded too). A valid document is handed to
// gqlgen through the cache (queryCache.Get), so that gqlgen neither parses
// nor validates it again; an invalid one gqlgen validates again to report
// its errors.
func (l documentLimits) validate(ctx context.Context, doc *ast.QueryDocument) *gqlerror.Error {
	if ctx.Err() != nil {
		return timeoutError()
	}
	done := make(chan gqlerror.List, 1)
	go func() { done <- validator.ValidateWithRules(l.cache.schema, doc, rules.NewDefaultRules()) }()
	select {
	case <-ctx.Done():
		return timeoutError()
	case errs := <-done:
		if st := stateFrom(ctx); st != nil && len(errs) == 0 {
			st.validated = doc
		}
		return nil
	}
}

// measure refuses an operation that nests too deep, that has more fields
// than the complexity limit allows once fragments are expanded (every field
// costs at least 1), or that selects one response name too often in one
// selection set.
func (l documentLimits) measure(doc *ast.QueryDocument, op *ast.OperationDefinition) *gqlerror.Error {
	m := measurer{doc: doc, shapes: map[string]*shape{}}
	s := m.selectionSet(op.SelectionSet)
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
	visits := 0
	if name, n := m.repeats([]ast.SelectionSet{op.SelectionSet}, &visits); n > MaxRepeats {
		return limitError(CodeQueryTooLarge, "the operation selects %q %d times in one selection set, more than the limit of %d", name, n, MaxRepeats)
	} else if visits > maxMergeVisits {
		return limitError(CodeQueryTooComplex, "the operation has too many fields once fragments are expanded")
	}
	return nil
}

// documentKey reads query as tokens and returns a digest of them, without
// comments or the white space between them, so that texts differing only
// there share one cache entry. It refuses more than MaxTokens tokens, and
// stops when the request's deadline passes.
func documentKey(ctx context.Context, query string) (string, *gqlerror.Error) {
	lx := lexer.New(&ast.Source{Input: query})
	h := sha256.New()
	var buf [binary.MaxVarintLen64]byte
	for n := 0; ; n++ {
		if n%deadlineCheckTokens == 0 && ctx.Err() != nil {
			return "", timeoutError()
		}
		if n > MaxTokens {
			return "", limitError(CodeQueryTooLarge, "the document has more than %d tokens", MaxTokens)
		}
		tok, err := lx.ReadToken()
		if err != nil {
			return "", nil // not GraphQL: gqlgen's parser says why
		}
		if tok.Kind == lexer.EOF {
			break
		}
		if tok.Kind == lexer.Comment {
			n--
			continue
		}
		h.Write([]byte{byte(tok.Kind)})
		h.Write(buf[:binary.PutUvarint(buf[:], uint64(len(tok.Value)))])
		h.Write([]byte(tok.Value))
	}
	return string(h.Sum(nil)), nil
}

// limitError is an operation refused for its size.
func limitError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, code)
	return err
}

// timeoutError is an operation whose request ran past its deadline before
// it could start.
func timeoutError() *gqlerror.Error {
	return limitError(CodeTimeout, "the request ran past its deadline; try again, or ask for less")
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

// measurer measures the selection sets of a parsed (not yet validated)
// document, each fragment once. Fragments are found by name; validation
// refuses unknown ones and cycles, which count as empty here.
type measurer struct {
	doc    *ast.QueryDocument
	shapes map[string]*shape // nil while a fragment is being measured
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
			sub = m.fragment(sel.Name)
		}
		s.depth = max(s.depth, sub.depth)
		s.introspectionDepth = max(s.introspectionDepth, sub.introspectionDepth)
		s.fields = min(s.fields+sub.fields, maxCount)
	}
	return s
}

// fragment measures the named fragment, once per operation.
func (m *measurer) fragment(name string) shape {
	if s, ok := m.shapes[name]; ok {
		if s == nil {
			return shape{}
		}
		return *s
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil {
		return shape{}
	}
	m.shapes[name] = nil
	s := m.selectionSet(def.SelectionSet)
	m.shapes[name] = &s
	return s
}

// repeats merges sets as gqlparser's OverlappingFieldsCanBeMerged rule does
// (fields of one response name, with inline fragments and fragment spreads
// flattened into them) and returns the response name selected most often in
// any merged selection set and how often. It counts its work in *visits and
// stops past maxMergeVisits.
func (m *measurer) repeats(sets []ast.SelectionSet, visits *int) (string, int) {
	var order []string
	groups := map[string][]ast.SelectionSet{}
	counts := map[string]int{}
	var collect func(set ast.SelectionSet, seen map[string]bool)
	collect = func(set ast.SelectionSet, seen map[string]bool) {
		for _, sel := range set {
			if *visits++; *visits > maxMergeVisits {
				return
			}
			switch sel := sel.(type) {
			case *ast.Field:
				name := sel.Alias
				if name == "" {
					name = sel.Name
				}
				if counts[name] == 0 {
					order = append(order, name)
				}
				counts[name]++
				if len(sel.SelectionSet) > 0 {
					groups[name] = append(groups[name], sel.SelectionSet)
				}
			case *ast.InlineFragment:
				collect(sel.SelectionSet, seen)
			case *ast.FragmentSpread:
				def := m.doc.Fragments.ForName(sel.Name)
				if def == nil || seen[sel.Name] {
					continue
				}
				seen[sel.Name] = true
				collect(def.SelectionSet, seen)
				delete(seen, sel.Name)
			}
		}
	}
	for _, set := range sets {
		collect(set, map[string]bool{})
	}
	worst, most := "", 0
	for _, name := range order {
		if counts[name] > most {
			worst, most = name, counts[name]
		}
	}
	if most > MaxRepeats || *visits > maxMergeVisits {
		return worst, most
	}
	for _, name := range order {
		if sub := groups[name]; len(sub) > 0 {
			if w, n := m.repeats(sub, visits); n > MaxRepeats || *visits > maxMergeVisits {
				return w, n
			}
		}
	}
	return worst, most
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
