package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph/generated"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

func postAsAdmin(t *testing.T, h http.Handler, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req = req.WithContext(netgraph.WithCaller(req.Context(), netgraph.Caller{Subject: "t", Role: netgraph.RoleAdmin}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Body.String()
}

// TestOnlyAcceptedDocumentsCached checks that a document refused by a limit
// after validation is not cached, and that texts with the same tokens share
// one entry.
func TestOnlyAcceptedDocumentsCached(t *testing.T) {
	h := NewHandler(Config{Store: embeddedtest.MustOpenTemp(t)}).(*graphqlHandler)
	var refused strings.Builder
	refused.WriteString("{")
	for i := range 200 {
		fmt.Fprintf(&refused, " a%d: connectors { score }", i)
	}
	refused.WriteString(" }")
	for i := range 5 {
		if body := postAsAdmin(t, h, fmt.Sprintf("%s # %d", refused.String(), i)); !strings.Contains(body, CodeQueryTooComplex) {
			t.Fatalf("not refused: %s", body)
		}
	}
	if docs, _ := h.cache.size(); docs != 0 {
		t.Errorf("%d refused documents cached", docs)
	}
	for i := range 5 {
		if body := postAsAdmin(t, h, fmt.Sprintf("# %d\n{ dataVersion }  # %d", i, i)); !strings.Contains(body, `"dataVersion"`) {
			t.Fatalf("%s", body)
		}
	}
	if docs, _ := h.cache.size(); docs != 1 {
		t.Errorf("%d documents cached for one query in five layouts, want 1", docs)
	}
}

// TestQueryCacheBounded fills a small cache and checks it stays in bounds,
// dropping the least recently used first.
func TestQueryCacheBounded(t *testing.T) {
	c := newQueryCache(nil, 10_000)
	query := func(i int) string { return fmt.Sprintf("{ a%d: dataVersion }", i) }
	for i := range 1000 {
		c.keep(&requestState{query: query(i), key: query(i), validated: &ast.QueryDocument{}})
	}
	docs, bytes := c.size()
	if bytes > 10_000 || docs == 0 {
		t.Errorf("%d documents of %d bytes, want at most 10,000 bytes", docs, bytes)
	}
	if !c.has(query(999)) || c.has(query(0)) {
		t.Error("not the most recent documents kept")
	}
	huge := strings.Repeat(" ", 10_000)
	c.keep(&requestState{query: huge, key: huge, validated: &ast.QueryDocument{}})
	if c.has(huge) {
		t.Error("a document larger than the cache was kept")
	}
}

// TestQueryCacheBytes checks the cache's estimate of a document's memory
// against what parsing and validating documents of several shapes
// allocates and keeps.
func TestQueryCacheBytes(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	var aliased, args, frags strings.Builder
	aliased.WriteString("{")
	args.WriteString("{")
	frags.WriteString("{ ...F0 }")
	for i := range 300 {
		fmt.Fprintf(&aliased, " a%d: dataVersion", i)
		fmt.Fprintf(&args, " p%d: people(first: %d, filter: {region: \"r%d\"}) { totalCount edges { node { id name } } }", i, i+1, i)
	}
	for i := range 60 {
		fmt.Fprintf(&frags, " fragment F%d on Query { f%d: dataVersion ...F%d }", i, i, i+1)
	}
	frags.WriteString(" fragment F60 on Query { dataVersion }")
	aliased.WriteString(" }")
	args.WriteString(" }")
	for name, q := range map[string]string{"aliases": aliased.String(), "arguments": args.String(), "fragments": frags.String()} {
		const copies = 20
		docs := make([]*ast.QueryDocument, copies)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := range docs {
			doc, err := parser.ParseQuery(&ast.Source{Input: q})
			if err != nil {
				t.Fatal(err)
			}
			if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > 0 {
				t.Fatal(errs)
			}
			docs[i] = doc
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perByte := float64(after.HeapAlloc-before.HeapAlloc) / float64(copies*len(q))
		t.Logf("%s: %.1f bytes of memory per byte of text", name, perByte)
		if perByte > docBytesPerTextByte {
			t.Errorf("%s: %.1f bytes per byte of text, estimated %d", name, perByte, docBytesPerTextByte)
		}
		runtime.KeepAlive(docs)
	}
}
