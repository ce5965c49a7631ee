package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
	"github.com/netgraph/netgraph/store/neo4jstore/neo4jtest"
)

// client sends GraphQL requests to the real handler, as the HTTP server would
// mount it: with a caller (an admin unless the test says otherwise) set on
// every request that does not carry one already.
type client struct {
	tb      testing.TB
	api     http.Handler // the GraphQL handler
	handler http.Handler // api behind a stand-in for the HTTP layer, which sets the caller
	caller  *netgraph.Caller
	logs    *syncBuffer // everything the handler logged
}

// testAdmin is the caller of test clients unless a test chooses another.
var testAdmin = netgraph.Caller{Subject: "test-admin", Role: netgraph.RoleAdmin, RequestID: "req-test"}

// newClient serves the GraphQL API over s, with the default limits, to an
// admin.
func newClient(tb testing.TB, s netgraph.Store) *client {
	tb.Helper()
	return newClientConfig(tb, graph.Config{Store: s}, &syncBuffer{})
}

// newClientConfig serves the GraphQL API configured by cfg, logging to logs,
// to an admin.
func newClientConfig(tb testing.TB, cfg graph.Config, logs *syncBuffer) *client {
	tb.Helper()
	cfg.Logger = zerolog.New(logs)
	c := &client{tb: tb, api: graph.NewHandler(cfg), logs: logs}
	return c.as(&testAdmin)
}

// as returns a client that sends requests as caller, or with no caller for
// nil, to the same handler.
func (c *client) as(caller *netgraph.Caller) *client {
	cc := *c
	cc.caller = caller
	cc.handler = c.api
	if caller != nil {
		cc.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, ok := netgraph.CallerFrom(r.Context()); !ok {
				r = r.WithContext(netgraph.WithCaller(r.Context(), *caller))
			}
			c.api.ServeHTTP(w, r)
		})
	}
	return &cc
}

// asRole returns a client that sends requests as a caller with role, whose
// subject is "test-<role>".
func (c *client) asRole(role netgraph.Role) *client {
	return c.as(&netgraph.Caller{Subject: "test-" + string(role), Role: role, RequestID: "req-" + string(role)})
}

// mustOpenClient serves the GraphQL API over a fresh embedded store, or with
// NETGRAPH_TEST_STORE=neo4j over the Neo4j that NEO4J_URI names, emptied
// first (neo4jtest; .ci/neo4j.sh runs these tests so), so that the same checks
// pass on both stores.
func mustOpenClient(tb testing.TB) *client {
	tb.Helper()
	if os.Getenv("NETGRAPH_TEST_STORE") == "neo4j" {
		return newClient(tb, neo4jtest.MustOpenEmpty(tb))
	}
	return newClient(tb, embeddedtest.MustOpenTemp(tb))
}

// with returns a client that reports failures to tb (a subtest's t).
func (c *client) with(tb testing.TB) *client {
	cc := *c
	cc.tb = tb
	return &cc
}

// response is a GraphQL response.
type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Locations  []any          `json:"locations"`
	Extensions map[string]any `json:"extensions"`
}

func (e gqlError) code() string  { s, _ := e.Extensions["code"].(string); return s }
func (e gqlError) field() string { s, _ := e.Extensions["field"].(string); return s }

// request is a GraphQL request body.
type request struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName,omitempty"`
	Variables     map[string]any `json:"variables,omitempty"`
}

// post sends a request as JSON over POST with ctx and returns the HTTP status
// and the decoded response.
func (c *client) post(ctx context.Context, query string, vars map[string]any) (int, response) {
	c.tb.Helper()
	body, err := json.Marshal(request{Query: query, Variables: vars})
	if err != nil {
		c.tb.Fatal(err)
	}
	return c.send(ctx, http.MethodPost, "/graphql", bytes.NewReader(body), "application/json")
}

// send makes any request and decodes the response as GraphQL.
func (c *client) send(ctx context.Context, method, target string, body io.Reader, contentType string) (int, response) {
	c.tb.Helper()
	req := httptest.NewRequestWithContext(ctx, method, target, body)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	c.handler.ServeHTTP(w, req)
	var resp response
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		c.tb.Fatalf("%s %s: response is not GraphQL JSON (HTTP %d): %v\n%s", method, target, w.Code, err, w.Body)
	}
	return w.Code, resp
}

// do sends a request that must succeed and decodes its data into out.
func (c *client) do(query string, vars map[string]any, out any) {
	c.tb.Helper()
	status, resp := c.post(context.Background(), query, vars)
	if status != http.StatusOK || len(resp.Errors) > 0 {
		c.tb.Fatalf("HTTP %d, errors %+v\nquery: %s", status, resp.Errors, query)
	}
	if out != nil {
		if err := json.Unmarshal(resp.Data, out); err != nil {
			c.tb.Fatalf("decode data: %v\n%s", err, resp.Data)
		}
	}
}

// data sends a request that must succeed and returns its data as JSON.
func (c *client) data(query string, vars map[string]any) string {
	c.tb.Helper()
	var data json.RawMessage
	c.do(query, vars, &data)
	return string(data)
}

// fail sends a request that must fail with exactly one error and returns it.
func (c *client) fail(query string, vars map[string]any) gqlError {
	c.tb.Helper()
	_, resp := c.post(context.Background(), query, vars)
	if len(resp.Errors) != 1 {
		c.tb.Fatalf("want one error, got %+v (data %s)\nquery: %s", resp.Errors, resp.Data, query)
	}
	return resp.Errors[0]
}

// dataVersion returns Query.dataVersion.
func (c *client) dataVersion() string {
	c.tb.Helper()
	var out struct{ DataVersion string }
	c.do(`{ dataVersion }`, nil, &out)
	return out.DataVersion
}

// createPerson creates a person with the given name and returns the id.
func (c *client) createPerson(name string) string {
	c.tb.Helper()
	var out struct{ CreatePerson struct{ ID string } }
	c.do(`mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
		map[string]any{"input": map[string]any{"name": name}}, &out)
	return out.CreatePerson.ID
}

// createOrganisation creates an organisation and returns the id.
func (c *client) createOrganisation(name string) string {
	c.tb.Helper()
	var out struct{ CreateOrganisation struct{ ID string } }
	c.do(`mutation($name: String!) { createOrganisation(input: {name: $name, sector: NHS_TRUST}) { id } }`,
		map[string]any{"name": name}, &out)
	return out.CreateOrganisation.ID
}

// createNetwork creates a network and returns the id.
func (c *client) createNetwork(name string) string {
	c.tb.Helper()
	var out struct{ CreateNetwork struct{ ID string } }
	c.do(`mutation($name: String!) { createNetwork(input: {name: $name, type: LEARNING}) { id } }`,
		map[string]any{"name": name}, &out)
	return out.CreateNetwork.ID
}

// connect ties two people.
func (c *client) connect(from, to string, kind netgraph.TieKind) {
	c.tb.Helper()
	c.do(`mutation($from: ID!, $to: ID!, $kind: TieKind) { connect(input: {from: $from, to: $to, kind: $kind}) { kind } }`,
		map[string]any{"from": from, "to": to, "kind": kind}, nil)
}

// affiliate records that a person works at an organisation.
func (c *client) affiliate(person, org, role string) {
	c.tb.Helper()
	c.do(`mutation($p: ID!, $o: ID!, $role: String) { addAffiliation(personId: $p, organisationId: $o, role: $role) { role } }`,
		map[string]any{"p": person, "o": org, "role": role}, nil)
}

// syncBuffer is a bytes.Buffer safe for the handler's concurrent logging.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// names returns "<prefix> 01", "<prefix> 02", … .
func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s %02d", prefix, i+1)
	}
	return out
}
