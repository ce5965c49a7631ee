package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/netgraph/netgraph/graph/generated"
)

// Request limits.
const (
	// MaxBodyBytes is the largest request body accepted.
	MaxBodyBytes = 1 << 20
)

// NewHandler returns the GraphQL endpoint. It serves queries over GET and POST
// and mutations over POST only; responses are application/json, or
// application/graphql-response+json when the client accepts it. Requests that
// are not JSON get HTTP 400, bodies over MaxBodyBytes 413 and other methods
// 405, each with a GraphQL-shaped error (BAD_REQUEST).
//
// The HTTP layer must set the Caller (netgraph.WithCaller) on every request:
// the schema's @hasRole refuses every field to a request without one
// (UNAUTHENTICATED). It may collect an OperationInfo per request (see
// WithOperationInfo).
func NewHandler(cfg Config) http.Handler {
	r := newResolver(cfg)
	srv, cache := newServer(r, cfg)
	return &graphqlHandler{resolver: r, server: srv, cache: cache}
}

// newServer wires the executable schema to gqlgen's server: transports,
// caches, extensions (the limits first, so that a refused operation costs
// no more than measuring it), error presenter and panic recovery.
func newServer(r *Resolver, cfg Config) (*handler.Server, *queryCache) {
	c := generated.Config{Resolvers: r, Directives: directives()}
	setComplexity(&c.Complexity)
	schema := generated.NewExecutableSchema(c)
	srv := handler.New(schema)

	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	cache := newQueryCache(schema.Schema(), DefaultQueryCacheBytes)
	srv.SetQueryCache(cache)
	srv.SetParserTokenLimit(MaxTokens)
	srv.Use(extension.Introspection{})
	srv.Use(operationRecorder{})
	srv.AroundResponses(capErrors)
	maxDepth, maxComplexity := limitsOf(cfg)
	srv.Use(documentLimits{maxDepth: maxDepth, maxFields: maxComplexity, cache: cache})
	srv.Use(operationCost{es: schema, limit: maxComplexity, introspectionRole: cfg.IntrospectionRole})
	srv.Use(acceptDocument{cache: cache}) // the last limit
	srv.AroundRootFields(freshLoadsForMutations)
	srv.AroundFields(chargeLists)
	srv.SetErrorPresenter(r.presentError)
	srv.SetRecoverFunc(r.recoverPanic)
	return srv, cache
}

// graphqlHandler gives each request its dataloaders and hands it to gqlgen.
type graphqlHandler struct {
	resolver *Resolver
	server   *handler.Server
	cache    *queryCache
}

func (h *graphqlHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Responses hold personal data: no browser or proxy may keep them (GET
	// responses are cacheable by default), nor read them as anything but
	// their declared type.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		WriteError(w, http.StatusMethodNotAllowed, CodeBadRequest, "GraphQL is served over GET (queries) and POST")
		return
	}
	rw := &requestErrorWriter{ResponseWriter: w}
	if r.Method == http.MethodGet {
		params := r.URL.Query()
		if msg := checkGetParams(params); msg != "" {
			WriteError(w, http.StatusBadRequest, CodeBadRequest, msg)
			return
		}
		rw.noQuery = params.Get("query") == ""
	} else {
		// Read the body here: gqlgen answers a body it cannot read with
		// HTTP 200, and a body without a Content-Length (chunked) shows
		// its size only when read.
		tooLarge := r.ContentLength > MaxBodyBytes
		var body []byte
		var err error
		if !tooLarge {
			body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
			var maxBytes *http.MaxBytesError
			tooLarge = errors.As(err, &maxBytes)
		}
		switch {
		case tooLarge:
			WriteError(w, http.StatusRequestEntityTooLarge, CodeBadRequest, fmt.Sprintf("request body larger than %d bytes", MaxBodyBytes))
			return
		case err != nil:
			WriteError(w, http.StatusBadRequest, CodeBadRequest, "could not read the request body")
			return
		case !utf8.Valid(body):
			WriteError(w, http.StatusBadRequest, CodeBadRequest, "the request body is not valid UTF-8")
			return
		}
		query, isObject, msg := readJSONObject(body)
		if msg != "" {
			WriteError(w, http.StatusBadRequest, CodeBadRequest, msg)
			return
		}
		// A document over the token limit is refused before gqlgen reads
		// the body again, as documentLimits would refuse it: a 1 MiB body
		// costs one pass over it.
		if _, err := documentKey(r.Context(), query); err != nil {
			status, contentType := http.StatusOK, "application/json"
			if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
				status, contentType = http.StatusBadRequest, "application/graphql-response+json"
			}
			WriteError(w, status, err.Extensions["code"].(string), err.Message)
			w.Header().Set("Content-Type", contentType)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		// A body that is not a JSON object with a string query is gqlgen's
		// to refuse (400).
		rw.noQuery = isObject && query == ""
	}

	ctx := withRequestState(withLoaders(r.Context(), newLoaders(h.resolver.store, h.resolver.engine)))
	h.server.ServeHTTP(rw, r.WithContext(ctx))
}

// requestErrorWriter brings gqlgen's answer to a request it refuses before
// execution (a body that is not JSON, a parse, validation, variable or
// limit error) in line with GraphQL over HTTP: gqlgen answers such a request
// with 422 for application/json, where the spec recommends 200, since its
// clients read errors from the body; and with "data": null, where the
// response should have no data entry, as execution never began. A request
// without a query is no GraphQL request: 400 whatever the media type. gqlgen
// writes the status of a refused request explicitly and its body in one
// Write; a response to an executed request keeps the implicit 200.
type requestErrorWriter struct {
	http.ResponseWriter
	noQuery bool // the request has no query (set before gqlgen runs)
	refused bool
}

func (w *requestErrorWriter) WriteHeader(status int) {
	switch {
	case status >= 400 && w.noQuery:
		status, w.refused = http.StatusBadRequest, true
	case status == http.StatusUnprocessableEntity: // only ever for application/json
		status, w.refused = http.StatusOK, true
	case status >= 400:
		w.refused = true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *requestErrorWriter) Write(b []byte) (int, error) {
	var body struct {
		Data       json.RawMessage  `json:"data,omitempty"`
		Errors     []map[string]any `json:"errors"`
		Extensions json.RawMessage  `json:"extensions,omitempty"`
	}
	if !w.refused || json.Unmarshal(b, &body) != nil {
		return w.ResponseWriter.Write(b)
	}
	if string(body.Data) == "null" {
		body.Data = nil
	}
	// gqlgen refuses some requests (a mutation over GET) with an error
	// that has no code: every error netgraph answers has one.
	for _, e := range body.Errors {
		ext, _ := e["extensions"].(map[string]any)
		if ext == nil {
			ext = map[string]any{}
			e["extensions"] = ext
		}
		if _, ok := ext["code"]; !ok {
			ext["code"] = CodeBadRequest
		}
	}
	fixed, err := json.Marshal(body)
	if err != nil {
		return w.ResponseWriter.Write(b)
	}
	if _, err := w.ResponseWriter.Write(fixed); err != nil {
		return 0, err
	}
	return len(b), nil
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *requestErrorWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// checkGetParams refuses query parameters that are given twice or are not
// UTF-8 ("" if they are fine): which of two queries would run is anyone's
// guess.
func checkGetParams(params url.Values) string {
	for name, values := range params {
		if len(values) > 1 {
			return fmt.Sprintf("the query parameter %q is given %d times", name, len(values))
		}
		if !utf8.ValidString(values[0]) {
			return fmt.Sprintf("the query parameter %q is not valid UTF-8", name)
		}
	}
	return ""
}

// readJSONObject reads a body that should be a JSON object in one pass and
// returns its query. It refuses (msg) an object with a key given twice, or
// with anything after it but white space: encoding/json reads the last of
// two keys and ignores what follows the first value, so that what runs
// could differ from what a proxy or log saw. isObject is false for a body
// that is no JSON object, or whose query is not a string: gqlgen's to
// refuse.
func readJSONObject(body []byte) (query string, isObject bool, msg string) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", false, ""
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", false, ""
		}
		key, _ := tok.(string)
		if seen[key] {
			return "", false, fmt.Sprintf("the request body has the key %q twice", key)
		}
		seen[key] = true
		var value any = new(json.RawMessage)
		if key == "query" {
			value = &query
		}
		if err := dec.Decode(value); err != nil {
			return "", false, ""
		}
	}
	if _, err := dec.Token(); err != nil {
		return "", false, ""
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", false, "the request body has more after its JSON object"
	}
	return query, true, ""
}

// freshLoadsForMutations empties the request's dataloader caches before each
// mutation field, so that what a mutation returns, and what later fields of
// the same request read, reflects the writes before it. gqlgen runs mutation
// fields one after another, each with its whole selection.
func freshLoadsForMutations(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	if oc := graphql.GetOperationContext(ctx); oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
		if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
			l.clear()
		}
	}
	return next(ctx)
}
