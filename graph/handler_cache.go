package graph

import (
	"container/list"
	"context"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// Query cache sizes.
const (
	// DefaultQueryCacheBytes bounds the parsed documents the query cache
	// holds, in estimated bytes of memory.
	DefaultQueryCacheBytes = 32 << 20
	// docBytesPerTextByte estimates a parsed and validated document's memory
	// from its text: measured at 12 to 24 for queries of aliases,
	// arguments and fragments (TestQueryCacheBytes).
	docBytesPerTextByte = 32
)

// queryCache keeps parsed and validated documents that passed every limit,
// by a key that leaves out comments and white space (documentKey), up to a
// number of bytes, dropping the least recently used first. gqlgen adds a
// document to it after validation and before the limits on its cost: the
// cache holds it for the request (requestState) and keeps it only once the
// last limit has passed (acceptDocument). A text that differs from the
// cached one only in comments or white space is parsed again, so that
// error locations are its own, but not validated again.
type queryCache struct {
	schema   *ast.Schema
	maxBytes int

	mu      sync.Mutex
	bytes   int
	entries map[string]*list.Element // of *cachedDocument
	lru     list.List                // most recently used first
}

type cachedDocument struct {
	key   string
	query string
	doc   *ast.QueryDocument
	bytes int
}

func newQueryCache(schema *ast.Schema, maxBytes int) *queryCache {
	return &queryCache{schema: schema, maxBytes: maxBytes, entries: map[string]*list.Element{}}
}

var _ graphql.Cache[*ast.QueryDocument] = (*queryCache)(nil)

// Get returns the document for query if one with its tokens passed before.
func (c *queryCache) Get(ctx context.Context, query string) (*ast.QueryDocument, bool) {
	st := stateFrom(ctx)
	if st == nil || st.query != query || st.key == "" {
		return nil, false
	}
	if st.validated != nil { // documentLimits has just validated it
		return st.validated, true
	}
	c.mu.Lock()
	el, ok := c.entries[st.key]
	var e *cachedDocument
	if ok {
		c.lru.MoveToFront(el)
		e = el.Value.(*cachedDocument)
	}
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	if e.query == query {
		return e.doc, true
	}
	// The same tokens, laid out differently: parse for this text's
	// positions, and let the walk that validation starts with link the
	// fields to the schema (no rule runs: the tokens passed them).
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return nil, false
	}
	validator.Walk(c.schema, doc, &validator.Events{})
	return doc, true
}

// Add holds doc, just validated, for the request until it passes the limits.
func (c *queryCache) Add(ctx context.Context, query string, doc *ast.QueryDocument) {
	if st := stateFrom(ctx); st != nil && st.query == query && st.key != "" {
		st.validated = doc
	}
}

// has reports whether a document with key is cached.
func (c *queryCache) has(key string) bool {
	if key == "" {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.entries[key]
	return ok
}

// keep caches the request's validated document, which passed every limit.
func (c *queryCache) keep(st *requestState) {
	if st.validated == nil {
		return
	}
	e := &cachedDocument{key: st.key, query: st.query, doc: st.validated, bytes: len(st.query) * docBytesPerTextByte}
	st.validated = nil
	if e.bytes > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[e.key]; ok {
		return
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.bytes += e.bytes
	for c.bytes > c.maxBytes {
		last := c.lru.Back()
		old := last.Value.(*cachedDocument)
		c.lru.Remove(last)
		delete(c.entries, old.key)
		c.bytes -= old.bytes
	}
}

// size returns the number of documents cached and their estimated bytes.
func (c *queryCache) size() (docs, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.bytes
}

// acceptDocument is the last of the limits: an operation that reaches it
// passed all of them, and its document may be cached.
type acceptDocument struct{ cache *queryCache }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = acceptDocument{}

func (acceptDocument) ExtensionName() string { return "AcceptDocument" }

func (acceptDocument) Validate(graphql.ExecutableSchema) error { return nil }

func (a acceptDocument) MutateOperationContext(ctx context.Context, _ *graphql.OperationContext) *gqlerror.Error {
	if st := stateFrom(ctx); st != nil {
		a.cache.keep(st)
	}
	return nil
}

// requestState is what the steps of one GraphQL request tell each other.
type requestState struct {
	query     string             // the query text documentLimits read
	key       string             // its cache key
	validated *ast.QueryDocument // its document, once validated and not yet cached

	// The operation's price so far and its limit (operationCost,
	// chargeLists); limit 0 before it is priced.
	cost      atomic.Int64
	limit     int64
	es        graphql.ExecutableSchema
	itemCosts sync.Map // *ast.Field → int
}

type requestStateKey struct{}

func withRequestState(ctx context.Context) context.Context {
	return context.WithValue(ctx, requestStateKey{}, &requestState{})
}

func stateFrom(ctx context.Context) *requestState {
	st, _ := ctx.Value(requestStateKey{}).(*requestState)
	return st
}
