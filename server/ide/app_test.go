package ide_test

import (
	"encoding/json"
	"net/url"
	"os/exec"
	"strings"
	"testing"
)

// ideRequest is a request the IDE made.
type ideRequest struct {
	Method, URL string
	Body        *string
}

// ideRun is what the IDE did on loading a page: its requests and what it
// left in the browser's storage.
type ideRun struct {
	Requests       []ideRequest
	LocalStorage   map[string]string
	SessionStorage map[string]string
}

// loadIDE runs app.js in Node (testdata/harness.mjs stands in for the
// browser) on the page at search (e.g. "?query=…"), with localStorage
// holding what stored holds, and reports what it did. The test is skipped
// without Node.
func loadIDE(t *testing.T, search string, stored map[string]string) ideRun {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("needs Node.js to run the IDE's script")
	}
	storage, err := json.Marshal(stored)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "testdata/harness.mjs", "app.js", "http://127.0.0.1:8080/"+search, string(storage)).Output()
	if err != nil {
		t.Fatalf("harness: %v\n%s", err, out)
	}
	var run ideRun
	if err := json.Unmarshal(out, &run); err != nil {
		t.Fatalf("harness output: %v\n%s", err, out)
	}
	return run
}

// sent reports whether a request carried text, in its body or its URL.
func (r ideRequest) sent(text string) bool {
	u, _ := url.Parse(r.URL)
	return r.Body != nil && strings.Contains(*r.Body, text) || u != nil && strings.Contains(u.Query().Get("query"), text)
}

// TestLinkRunsOnlyQueries checks ?query=…&run=1: a link from anywhere may
// make the IDE run a query, but never a mutation, which would change data as
// whoever uses the IDE (on an open server, an admin) at another page's
// bidding. The IDE sends a linked request over GET, which the server serves
// for queries only.
func TestLinkRunsOnlyQueries(t *testing.T) {
	link := func(query, operationName string) string {
		v := url.Values{"query": {query}, "run": {"1"}}
		if operationName != "" {
			v.Set("operationName", operationName)
		}
		return "?" + v.Encode()
	}

	t.Run("Query", func(t *testing.T) {
		run := loadIDE(t, link(`{ dataVersion }`, ""), nil)
		var ran bool
		for _, r := range run.Requests {
			ran = ran || r.sent("dataVersion")
		}
		if !ran {
			t.Errorf("a linked query did not run: %+v", run.Requests)
		}
	})

	for _, tc := range []struct{ name, query, operationName string }{
		{"Mutation", `mutation { deletePerson(id: "per_1") }`, ""},
		{"MutationByName", `query Q { dataVersion } mutation M { deletePerson(id: "per_1") }`, "M"},
		{"MutationAfterQuery", `{ dataVersion } mutation { deletePerson(id: "per_1") }`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := loadIDE(t, link(tc.query, tc.operationName), nil)
			for _, r := range run.Requests {
				if r.sent("deletePerson") && r.Method != "GET" {
					t.Errorf("a linked mutation went out over %s: %+v", r.Method, r)
				}
			}
		})
	}
}

// TestHistoryStaysInTab checks that the IDE keeps what was run, whose text
// and variables may hold personal data (names, e-mail addresses), in the
// tab's session storage, gone when the tab closes, and forgets what older
// versions kept in local storage, which outlives the browser.
func TestHistoryStaysInTab(t *testing.T) {
	old := map[string]string{
		"netgraph.ide.history": `[{"query":"mutation { createPerson(input: {name: \"Ann Old\"}) { id } }","variables":"{}","at":1}]`,
		"netgraph.ide.session": `{"query":"{ people(filter: {nameContains: \"Ann Old\"}) { totalCount } }","variables":"","operationName":""}`,
	}
	v := url.Values{"query": {`query Find($name: String) { people(filter: {nameContains: $name}) { totalCount } }`},
		"variables": {`{"name": "Bob New"}`}, "run": {"1"}}
	run := loadIDE(t, "?"+v.Encode(), old)
	for k, val := range run.LocalStorage {
		if strings.Contains(val, "Ann Old") || strings.Contains(val, "Bob New") {
			t.Errorf("local storage keeps %s = %s", k, val)
		}
	}
	var kept bool
	for _, val := range run.SessionStorage {
		kept = kept || strings.Contains(val, "Bob New")
	}
	if !kept {
		t.Errorf("the tab's history does not hold what was run: %v", run.SessionStorage)
	}
}
