package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// chain returns a query whose n fragments spread one another in a chain.
func chain(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }")
	for i := range n {
		fmt.Fprintf(&b, "\nfragment F%d on Query { v%d: dataVersion ...F%d }", i, i, i+1)
	}
	fmt.Fprintf(&b, "\nfragment F%d on Query { dataVersion }", n)
	return b.String()
}

// TestDocumentLimits sends documents whose validation would take seconds
// to minutes (gqlparser compares every pair of fields of one name, and every
// fragment with every other): each is refused by its size, with
// QUERY_TOO_LARGE, before validation (which, had it run, would refuse it as
// QUERY_TOO_COMPLEX or accept it).
func TestDocumentLimits(t *testing.T) {
	c := mustOpenClient(t)
	for _, tc := range []struct {
		name, query, code string
	}{
		// 330 KB, 30,000 tokens: 57 s of validation before this limit.
		{"ThirtyThousandTypenames", "{" + strings.Repeat(" __typename", 30_000) + " }", "QUERY_TOO_LARGE"},
		// 1 MiB of fields, just under the body limit.
		{"OneMebibyteOfFields", "{" + strings.Repeat(" dataVersion", (1<<20-100)/12) + " }", "QUERY_TOO_LARGE"},
		// Within the token limit, but 2,000 selections of one field: about a
		// second of validation.
		{"OneFieldTwoThousandTimes", "{" + strings.Repeat(" dataVersion", 2000) + " }", "QUERY_TOO_LARGE"},
		// The same through fragments that each select it.
		{"RepeatedThroughFragments", "{ ...A ...B }\nfragment A on Query {" + strings.Repeat(" dataVersion", 10) +
			" }\nfragment B on Query {" + strings.Repeat(" dataVersion", 10) + " }", "QUERY_TOO_LARGE"},
		// And in the sub-selections that fields of one name merge: 16
		// networkHealth fields of 16 density fields each are 256 densities
		// to compare.
		{"RepeatedThroughMergedFields", "{" + strings.Repeat(" networkHealth {"+strings.Repeat(" density", 2)+" }", 9) + " }", "QUERY_TOO_LARGE"},
		// A chain of 200 fragments: 0.2 s of validation, 6,000 took 13 s.
		{"ChainOfFragments", chain(200), "QUERY_TOO_LARGE"},
		{"FewRepeatsPass", "{" + strings.Repeat(" dataVersion", 16) + " }", ""},
		{"ShortChainPasses", chain(20), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := c.with(t)
			start := time.Now()
			status, resp := c.post(context.Background(), tc.query, nil)
			took := time.Since(start)
			if tc.code == "" {
				if status != http.StatusOK || len(resp.Errors) > 0 {
					t.Fatalf("HTTP %d, errors %+v", status, resp.Errors)
				}
				return
			}
			if status != http.StatusOK || len(resp.Errors) != 1 || resp.Errors[0].code() != tc.code {
				t.Fatalf("HTTP %d, errors %+v; want %s", status, resp.Errors, tc.code)
			}
			t.Logf("%d bytes refused in %v: %s", len(tc.query), took, resp.Errors[0].Message)
		})
	}
}

// TestDeadlineBeforeValidation checks that a request whose deadline has
// passed is refused before its document is parsed or validated.
func TestDeadlineBeforeValidation(t *testing.T) {
	c := mustOpenClient(t)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	status, resp := c.post(ctx, "{"+strings.Repeat(" a: dataVersion", 1)+" }", nil)
	if status != http.StatusOK || len(resp.Errors) != 1 || resp.Errors[0].code() != "TIMEOUT" {
		t.Fatalf("HTTP %d, errors %+v; want TIMEOUT", status, resp.Errors)
	}
	if resp.Data != nil {
		t.Errorf("data %s", resp.Data)
	}
}

// TestCommentedVariantsShareTheCache checks that texts differing in
// comments and white space give the same answers, each with its own error
// locations (the cached document is parsed again for the new text).
func TestCommentedVariantsShareTheCache(t *testing.T) {
	c := mustOpenClient(t)
	base := `query P($n: Int) { people(first: $n) { totalCount ...E } } fragment E on PersonConnection { edges { node { name } } }`
	c.createPerson("Ann")
	want := c.data(base, map[string]any{"n": 5})
	for i, q := range []string{base + " # one", "# two\n\n" + base, base + "\n#three"} {
		if got := c.data(q, map[string]any{"n": 5}); got != want {
			t.Errorf("variant %d: %s, want %s", i, got, want)
		}
	}
	bad := `mutation { createPerson(input: {name: ""}) { id } }`
	for line, q := range map[int]string{1: bad + " # a", 3: "# b\n\n" + bad} {
		_, resp := c.post(context.Background(), q, nil)
		if len(resp.Errors) != 1 || !strings.Contains(fmt.Sprint(resp.Errors[0].Locations), fmt.Sprintf("map[column:12 line:%d]", line)) {
			t.Errorf("line %d: errors %+v", line, resp.Errors)
		}
	}
}
