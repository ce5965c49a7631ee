package graph_test

import (
	"slices"
	"testing"

	"github.com/netgraph/netgraph"
)

// TestDismissIntroduction checks issue 12's dismissal: a facilitator
// dismisses the demo's top suggestion; it leaves suggestedIntroductions and
// both people's introductions, is listed with who dismissed it and why, is
// in the audit log, and is refused to viewers and analysts; erasing one of
// the pair erases it.
func TestDismissIntroduction(t *testing.T) {
	c, _, _, _ := demoClient(t)
	facilitator, admin := c.asRole(netgraph.RoleFacilitator), c.asRole(netgraph.RoleAdmin)
	fac := "test-" + string(netgraph.RoleFacilitator) // asRole's subject
	type pair struct{ A, B struct{ ID string } }
	suggested := func() []pair {
		var out struct{ SuggestedIntroductions []pair }
		facilitator.with(t).do(`{ suggestedIntroductions(top: 1000) { a { id } b { id } } }`, nil, &out)
		return out.SuggestedIntroductions
	}
	same := func(p pair, a, b string) bool { return p.A.ID == a && p.B.ID == b || p.A.ID == b && p.B.ID == a }
	before := suggested()
	if len(before) == 0 {
		t.Fatal("no suggested introductions in the demo")
	}
	a, b := before[0].A.ID, before[0].B.ID
	const dismiss = `mutation($a: ID!, $b: ID!, $reason: String) { dismissIntroduction(a: $a, b: $b, reason: $reason) }`
	vars := map[string]any{"a": a, "b": b, "reason": "they met at the spring forum"}

	for _, role := range []netgraph.Role{netgraph.RoleViewer, netgraph.RoleAnalyst} {
		if e := c.asRole(role).with(t).fail(dismiss, vars); e.code() != "FORBIDDEN" {
			t.Errorf("as %s: error %+v, want FORBIDDEN", role, e)
		}
		if e := c.asRole(role).with(t).fail(`{ dismissedIntroductions { totalCount } }`, nil); e.code() != "FORBIDDEN" {
			t.Errorf("as %s: dismissedIntroductions error %+v, want FORBIDDEN", role, e)
		}
	}

	var done struct{ DismissIntroduction bool }
	facilitator.with(t).do(dismiss, vars, &done)
	if !done.DismissIntroduction {
		t.Fatal("dismissIntroduction returned false")
	}
	// Again, the other way round: true, and still one dismissal.
	facilitator.with(t).do(dismiss, map[string]any{"a": b, "b": a}, &done)

	for i, p := range suggested() {
		if same(p, a, b) {
			t.Errorf("suggestedIntroductions #%d is still the dismissed %s–%s", i+1, a, b)
		}
	}
	for _, id := range []string{a, b} {
		var out struct {
			Introductions []struct{ Person struct{ ID string } }
		}
		facilitator.with(t).do(`query($id: ID!) { introductions(personId: $id, top: 1000) { person { id } } }`,
			map[string]any{"id": id}, &out)
		for _, in := range out.Introductions {
			if in.Person.ID == a || in.Person.ID == b {
				t.Errorf("introductions(%s) still suggests %s", id, in.Person.ID)
			}
		}
	}

	type listed struct {
		DismissedIntroductions struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					A, B       struct{ ID string }
					By, Reason string
				}
			}
		}
	}
	var list listed
	facilitator.with(t).do(`{ dismissedIntroductions { totalCount edges { node { a { id } b { id } by reason } } } }`, nil, &list)
	if l := list.DismissedIntroductions; l.TotalCount != 1 || len(l.Edges) != 1 ||
		l.Edges[0].Node.A.ID != min(a, b) || l.Edges[0].Node.B.ID != max(a, b) ||
		l.Edges[0].Node.By != fac || l.Edges[0].Node.Reason != vars["reason"] {
		t.Errorf("dismissedIntroductions = %+v; want the one dismissal of %s and %s by %s, with its reason", l, a, b, fac)
	}

	var audit struct {
		AuditLog struct {
			Edges []struct {
				Node struct {
					Subject string
					IDs     []string `json:"ids"`
				}
			}
		}
	}
	admin.with(t).do(`{ auditLog(filter: {operation: "DismissIntroduction"}) { edges { node { subject ids } } } }`, nil, &audit)
	if e := audit.AuditLog.Edges; len(e) != 1 || e[0].Node.Subject != fac ||
		!slices.Equal(e[0].Node.IDs, []string{min(a, b), max(a, b)}) {
		t.Errorf("audit log of DismissIntroduction = %+v; want one entry by %s naming %s and %s", e, fac, a, b)
	}

	admin.with(t).do(`mutation($id: ID!) { deletePerson(id: $id) }`, map[string]any{"id": a}, nil)
	list = listed{}
	facilitator.with(t).do(`{ dismissedIntroductions { totalCount edges { node { a { id } } } } }`, nil, &list)
	if list.DismissedIntroductions.TotalCount != 0 {
		t.Errorf("after erasing %s, dismissedIntroductions = %+v; want none", a, list.DismissedIntroductions)
	}
}
