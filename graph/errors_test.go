package graph_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// TestBadInput sends every kind of bad input and checks the error's code and
// field, and that nothing changed (the data version stays the same).
func TestBadInput(t *testing.T) {
	c := mustOpenClient(t)
	ann, bob := c.createPerson("Ann"), c.createPerson("Bob")
	c.connect(ann, bob, netgraph.TieKnows)
	orgCursor := func() string {
		var out struct {
			Organisations struct{ PageInfo struct{ EndCursor string } }
		}
		c.createOrganisation("North Trust")
		c.do(`{ organisations { pageInfo { endCursor } } }`, nil, &out)
		return out.Organisations.PageInfo.EndCursor
	}()

	const (
		createPerson = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`
		connect      = `mutation($input: ConnectInput!) { connect(input: $input) { kind } }`
		people       = `query($first: Int, $after: String) { people(first: $first, after: $after) { totalCount } }`
	)
	person := func(fields map[string]any) map[string]any { return map[string]any{"input": fields} }
	tie := func(fields map[string]any) map[string]any {
		in := map[string]any{"from": ann, "to": bob, "kind": "COLLABORATES"}
		for k, v := range fields {
			in[k] = v
		}
		return map[string]any{"input": in}
	}

	for _, tc := range []struct {
		name      string
		query     string
		vars      map[string]any
		code      string
		field     string // "" if the error names none
		inMessage string // "" if no check
	}{
		{"EmptyName", createPerson, person(map[string]any{"name": ""}), "BAD_USER_INPUT", "input.name", "empty"},
		{"BlankName", createPerson, person(map[string]any{"name": "   "}), "BAD_USER_INPUT", "input.name", ""},
		{"OverlongName", createPerson, person(map[string]any{"name": strings.Repeat("n", netgraph.MaxNameLength+1)}), "BAD_USER_INPUT", "input.name", "at most"},
		{"MalformedEmail", createPerson, person(map[string]any{"name": "Ann", "email": "ann@"}), "BAD_USER_INPUT", "input.email", ""},
		{"EmailWithDisplayName", createPerson, person(map[string]any{"name": "Ann", "email": "Ann <ann@example.org>"}), "BAD_USER_INPUT", "input.email", ""},
		{"OverlongTitle", createPerson, person(map[string]any{"name": "Ann", "title": strings.Repeat("t", netgraph.MaxTextLength+1)}), "BAD_USER_INPUT", "input.title", ""},
		{"NameOfWrongType", createPerson, person(map[string]any{"name": []string{"Ann"}}), "GRAPHQL_VALIDATION_FAILED", "", "$input.name"},
		{"MissingName", createPerson, person(map[string]any{"email": "a@example.org"}), "GRAPHQL_VALIDATION_FAILED", "", "$input.name"},
		{"UpdateUnknownPerson", `mutation { updatePerson(id: "per_NOSUCH", input: {name: "X"}) { id } }`, nil, "NOT_FOUND", "", ""},

		{"StrengthZero", connect, tie(map[string]any{"strength": 0}), "BAD_USER_INPUT", "input.strength", ""},
		{"StrengthEleven", connect, tie(map[string]any{"strength": 11}), "BAD_USER_INPUT", "input.strength", ""},
		{"StrengthNegative", connect, tie(map[string]any{"strength": -1}), "BAD_USER_INPUT", "input.strength", ""},
		{"TieToOneself", connect, tie(map[string]any{"to": ann}), "BAD_USER_INPUT", "input.to", ""},
		{"TieToUnknownPerson", connect, tie(map[string]any{"to": "per_NOSUCH"}), "NOT_FOUND", "", ""},
		{"DuplicateTie", connect, tie(map[string]any{"from": bob, "to": ann, "kind": "KNOWS"}), "CONFLICT", "", ""},
		{"UnknownEnumVariable", connect, tie(map[string]any{"kind": "SIDEWAYS"}), "GRAPHQL_VALIDATION_FAILED", "", "$input.kind"},
		{"UnknownEnumLiteral", `mutation { disconnect(from: "a", to: "b", kind: SIDEWAYS) }`, nil, "GRAPHQL_VALIDATION_FAILED", "", "SIDEWAYS"},
		{"MalformedTime", connect, tie(map[string]any{"since": "last Tuesday"}), "BAD_USER_INPUT", "input.since", "RFC 3339"},
		{"TimeOfWrongType", connect, tie(map[string]any{"lastInteraction": 1714550000}), "BAD_USER_INPUT", "input.lastInteraction", ""},
		{"DisconnectMissingTie", `mutation($a: ID!, $b: ID!) { disconnect(from: $a, to: $b, kind: ADVISES) }`, map[string]any{"a": ann, "b": bob}, "NOT_FOUND", "", ""},

		{"MalformedCursor", people, map[string]any{"after": "not a cursor!"}, "BAD_USER_INPUT", "after", ""},
		{"CursorOfAnotherList", people, map[string]any{"after": orgCursor}, "BAD_USER_INPUT", "after", ""},
		{"MalformedTieCursor", `query($id: ID!) { person(id: $id) { ties(after: "x") { totalCount } } }`, map[string]any{"id": ann}, "BAD_USER_INPUT", "after", ""},
		{"NegativeFirst", people, map[string]any{"first": -1}, "BAD_USER_INPUT", "first", ""},
		{"FirstOverMax", people, map[string]any{"first": netgraph.MaxPageSize + 1}, "BAD_USER_INPUT", "first", ""},
		{"FirstOver32Bits", people, map[string]any{"first": int64(1) << 33}, "", "", ""},

		{"MembershipUnknownRole", `mutation($p: ID!) { addMembership(personId: $p, networkId: "net_X", role: BOSS) { role } }`, map[string]any{"p": ann}, "GRAPHQL_VALIDATION_FAILED", "", ""},
		{"AffiliationUnknownOrganisation", `mutation($p: ID!) { addAffiliation(personId: $p, organisationId: "org_NOSUCH") { role } }`, map[string]any{"p": ann}, "NOT_FOUND", "", ""},
		{"PartnershipWithItself", `mutation { createPartnership(input: {from: "org_A", to: "org_A"}) { kind } }`, nil, "BAD_USER_INPUT", "input.to", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := c.with(t)
			before := c.dataVersion()
			e := c.fail(tc.query, tc.vars)
			if tc.code == "" {
				// Any code but an internal error will do.
				if e.code() == "" || e.code() == "INTERNAL_SERVER_ERROR" {
					t.Errorf("error %+v: want a client error code", e)
				}
			} else if e.code() != tc.code {
				t.Errorf("code = %q, want %q (error %+v)", e.code(), tc.code, e)
			}
			if tc.field != "" && e.field() != tc.field {
				t.Errorf("field = %q, want %q (error %+v)", e.field(), tc.field, e)
			}
			if tc.inMessage != "" && !strings.Contains(e.Message, tc.inMessage) {
				t.Errorf("message %q does not mention %q", e.Message, tc.inMessage)
			}
			if after := c.dataVersion(); after != before {
				t.Errorf("data version went from %s to %s: a refused request changed data", before, after)
			}
		})
	}
}

// failingStore fails DataVersion with an internal error and panics on People.
type failingStore struct {
	netgraph.Store
}

func (failingStore) DataVersion(context.Context) (uint64, error) {
	return 0, errors.New("disk on fire: /var/lib/netgraph/netgraph.db")
}

func (failingStore) People(context.Context, netgraph.PersonFilter, netgraph.Page) (*netgraph.List[*netgraph.Person], error) {
	panic("people index corrupt")
}

func TestInternalErrors(t *testing.T) {
	c := newClient(t, failingStore{Store: embeddedtest.MustOpenTemp(t)})
	ctx := netgraph.WithCaller(context.Background(), netgraph.Caller{Subject: "test", Role: netgraph.RoleAdmin, RequestID: "req-42"})

	t.Run("ErrorIsHiddenAndLogged", func(t *testing.T) {
		c := c.with(t)
		_, resp := c.post(ctx, `{ dataVersion }`, nil)
		if len(resp.Errors) != 1 {
			t.Fatalf("errors = %+v", resp.Errors)
		}
		e := resp.Errors[0]
		if e.code() != "INTERNAL_SERVER_ERROR" || e.Extensions["requestId"] != "req-42" {
			t.Errorf("error = %+v, want INTERNAL_SERVER_ERROR with requestId req-42", e)
		}
		if strings.Contains(e.Message, "disk on fire") {
			t.Errorf("internal detail leaked to the client: %q", e.Message)
		}
		if logs := c.logs.String(); !strings.Contains(logs, "disk on fire") || !strings.Contains(logs, "req-42") {
			t.Errorf("log lacks the error or request id:\n%s", logs)
		}
	})

	t.Run("PanicIsRecoveredAndLoggedWithStack", func(t *testing.T) {
		c := c.with(t)
		status, resp := c.post(ctx, `{ people { totalCount } }`, nil)
		if status != http.StatusOK || len(resp.Errors) != 1 || resp.Errors[0].code() != "INTERNAL_SERVER_ERROR" ||
			resp.Errors[0].Extensions["requestId"] != "req-42" {
			t.Fatalf("HTTP %d, errors %+v", status, resp.Errors)
		}
		logs := c.logs.String()
		if !strings.Contains(logs, "people index corrupt") || !strings.Contains(logs, "goroutine") {
			t.Errorf("log lacks the panic and its stack:\n%s", logs)
		}
	})
}

// TestErrorsCapped sends a document with a thousand unknown directives and
// checks the response carries MaxErrors of them and one that counts the
// rest.
func TestErrorsCapped(t *testing.T) {
	c := mustOpenClient(t)
	_, resp := c.post(context.Background(), "{ dataVersion"+strings.Repeat(" @x", 1000)+" }", nil)
	if len(resp.Errors) != graph.MaxErrors+1 {
		t.Fatalf("%d errors, want %d", len(resp.Errors), graph.MaxErrors+1)
	}
	last := resp.Errors[graph.MaxErrors]
	var left int
	if _, err := fmt.Sscanf(last.Message, "%d more errors left out", &left); err != nil || last.code() != "TOO_MANY_ERRORS" || left < 1000-graph.MaxErrors {
		t.Errorf("last error %+v", last)
	}
}

// TestForbiddenFieldFailsAlone checks that a viewer asking for an analysis
// field it may use and one it may not gets the first's data and one
// FORBIDDEN error for the second, not "data": null.
func TestForbiddenFieldFailsAlone(t *testing.T) {
	c := mustOpenClient(t)
	c.createPerson("Ann")
	_, resp := c.asRole(netgraph.RoleViewer).post(context.Background(), `{ networkHealth { people } connectors { score } }`, nil)
	if len(resp.Errors) != 1 || resp.Errors[0].code() != "FORBIDDEN" || fmt.Sprint(resp.Errors[0].Path) != "[connectors]" {
		t.Fatalf("errors %+v", resp.Errors)
	}
	if got := string(resp.Data); got != `{"networkHealth":{"people":1},"connectors":null}` {
		t.Errorf("data %s", got)
	}
}
