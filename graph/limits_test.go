package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// nested returns a query for people whose fields nest depth deep (at least
// 4): people > edges > node, then ties > edges > node > to as often as fits,
// then organisations > people > … to make up the rest, and a name.
func nested(depth int) string {
	var b strings.Builder
	b.WriteString("{ people { edges { node { ")
	d := 3
	for ; d+4 < depth; d += 4 {
		b.WriteString("ties { edges { node { to { ")
	}
	for i := 0; d+1 < depth; d, i = d+1, i+1 {
		b.WriteString([]string{"organisations { ", "people { "}[i%2])
	}
	b.WriteString("name")
	b.WriteString(strings.Repeat(" }", d+1)) // the fields' and the operation's
	return b.String()
}

// aliases returns a query asking for field n times under different aliases.
func aliases(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	b.WriteString(" }")
	return b.String()
}

// fragmentBomb returns a query whose fragments double at each of n levels:
// 2^n fields once expanded, from a few lines of text.
func fragmentBomb(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{ ...F%d }\nfragment F0 on Query { dataVersion }\n", n)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	return b.String()
}

// introspectionQuery is graphql-js' getIntrospectionQuery() (v16), which
// GraphiQL, Postman and code generators send: its type references nest 13
// deep.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

// TestQueryLimits sends operations too deep or too costly and checks that
// they are refused with their code and HTTP status before anything reads the
// store, and that operations within the limits run.
func TestQueryLimits(t *testing.T) {
	store := &countingStore{Store: embeddedtest.MustOpenTemp(t), calls: map[string]int{}}
	c := newClient(t, store)
	ann, bob := c.createPerson("Ann"), c.createPerson("Bob")
	c.connect(ann, bob, netgraph.TieKnows)
	small := newClientConfig(t, graph.Config{Store: store, MaxDepth: 3, MaxComplexity: 10}, &syncBuffer{})
	// Queries 12 deep cost more than the default allows: to test depth
	// alone, a client without a practical cost limit.
	roomy := newClientConfig(t, graph.Config{Store: store, MaxComplexity: 1 << 30}, &syncBuffer{})

	deepIntrospection := "{ __schema { types { fields { type " + strings.Repeat("{ ofType ", 20) + "{ name }" +
		strings.Repeat(" }", 20) + " } } } }"
	deepThroughFragments := `{ people { edges { node { ...A } } } }
	  fragment A on Person { ties { edges { node { to { ...B } } } } }
	  fragment B on Person { ties { edges { node { to { organisations { name } } } } } }`

	for _, tc := range []struct {
		name  string
		c     *client
		query string
		code  string // "" for none: the operation runs
	}{
		{"Depth12", roomy, nested(12), ""},
		{"Depth13", roomy, nested(13), "QUERY_TOO_DEEP"},
		{"Depth13ThroughFragments", roomy, deepThroughFragments, "QUERY_TOO_DEEP"},
		{"IntrospectionQuery", c, introspectionQuery, ""},
		{"DeepIntrospection", c, deepIntrospection, "QUERY_TOO_DEEP"},
		{"TenConnectors", c, aliases(10, "connectors { score }"), ""},
		{"HundredConnectors", c, aliases(100, "connectors { score }"), "QUERY_TOO_COMPLEX"},
		{"HundredNetworkHealths", c, aliases(100, "networkHealth { density }"), "QUERY_TOO_COMPLEX"},
		{"TiesOfAPage", c, `{ people(first: 500) { edges { node { ties(first: 500) { edges { node { to { name } } } } } } } }`,
			"QUERY_TOO_COMPLEX"},
		{"FragmentBomb", c, fragmentBomb(40), "QUERY_TOO_COMPLEX"},
		{"ConfiguredDepthRefuses", small, `{ person(id: "x") { ties { edges { cursor } } } }`, "QUERY_TOO_DEEP"},
		{"ConfiguredComplexityRefuses", small, `{ people { edges { cursor } } }`, "QUERY_TOO_COMPLEX"},
		{"ConfiguredLimitsAllow", small, `{ dataVersion person(id: "x") { name } }`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c.with(t)
			store.reset()
			status, resp := c.post(context.Background(), tc.query, nil)
			// Refused or not, the status is 200 for application/json (see
			// TestTransports/RequestErrors).
			if tc.code == "" {
				if status != http.StatusOK || len(resp.Errors) > 0 {
					t.Fatalf("HTTP %d, errors %+v", status, resp.Errors)
				}
				return
			}
			if status != http.StatusOK || len(resp.Errors) != 1 || resp.Errors[0].code() != tc.code {
				t.Fatalf("HTTP %d, errors %+v; want HTTP 200 and %s", status, resp.Errors, tc.code)
			}
			if resp.Data != nil {
				t.Errorf("a refused operation has a data entry: %s", resp.Data)
			}
			if calls := store.snapshot(); len(calls) > 0 {
				t.Errorf("a refused operation read the store: %v", calls)
			}
		})
	}

	t.Run("GraphQLResponseJSONIs400", func(t *testing.T) {
		body, _ := json.Marshal(map[string]string{"query": nested(13)})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/graphql-response+json")
		w := httptest.NewRecorder()
		c.handler.ServeHTTP(w, req)
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "QUERY_TOO_DEEP") {
			t.Errorf("HTTP %d %s", w.Code, w.Body)
		}
	})

	t.Run("MutationRefusedChangesNothing", func(t *testing.T) {
		c := c.with(t)
		before := c.dataVersion()
		q := `mutation { createPerson(input: {name: "Eve"}) { ties { edges { node { to { ties { edges { node { to { ties { edges { node { to { name } } } } } } } } } } } } } }`
		status, resp := c.post(context.Background(), q, nil)
		if status != http.StatusOK || len(resp.Errors) != 1 || resp.Errors[0].code() != "QUERY_TOO_DEEP" {
			t.Errorf("HTTP %d, errors %+v", status, resp.Errors)
		}
		if c.dataVersion() != before {
			t.Error("a refused mutation changed data")
		}
	})

	t.Run("FragmentBombIsQuick", func(t *testing.T) {
		c := c.with(t)
		start := time.Now()
		c.post(context.Background(), fragmentBomb(60), nil)
		// Expanding it would take years; measuring it, microseconds.
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("refusing took %v", d)
		}
	})
}

// BenchmarkRefuseWideQuery measures refusing a query of 1,000 aliased
// analysis fields: as the same text again (the parsed query is cached) and as
// new text each time (parsed and validated anew), which is what an attacker
// would send.
func BenchmarkRefuseWideQuery(b *testing.B) {
	c := mustOpenClient(b)
	query := aliases(1000, "connectors { person { id name } score }")
	refuse := func(q string) {
		status, resp := c.post(context.Background(), q, nil)
		if status != http.StatusOK || len(resp.Errors) != 1 || resp.Errors[0].code() != "QUERY_TOO_COMPLEX" {
			b.Fatalf("HTTP %d, errors %+v", status, resp.Errors)
		}
	}
	b.Run("Cached", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(query)))
		for b.Loop() {
			refuse(query)
		}
	})
	b.Run("Fresh", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(query)))
		i := 0
		for b.Loop() {
			i++
			refuse(fmt.Sprintf("# %d\n%s", i, query))
		}
	})
}
