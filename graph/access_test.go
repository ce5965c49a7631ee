package graph_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph/generated"
)

// accessPolicy is who may use each root field: the role table of the
// schema's header and of docs/graphql-access.md. TestEveryRootFieldHasRole
// holds the schema to it, so that a change of access is a change here too.
var accessPolicy = map[string]netgraph.Role{
	"Query.person":                 netgraph.RoleViewer,
	"Query.people":                 netgraph.RoleViewer,
	"Query.organisation":           netgraph.RoleViewer,
	"Query.organisations":          netgraph.RoleViewer,
	"Query.network":                netgraph.RoleViewer,
	"Query.networks":               netgraph.RoleViewer,
	"Query.register":               netgraph.RoleViewer,
	"Query.dataVersion":            netgraph.RoleViewer,
	"Query.centrality":             netgraph.RoleViewer,
	"Query.networkHealth":          netgraph.RoleViewer,
	"Query.scopeGraph":             netgraph.RoleViewer,
	"Query.connectors":             netgraph.RoleAnalyst,
	"Query.sponsors":               netgraph.RoleAnalyst,
	"Query.sponsorRoleHolders":     netgraph.RoleAnalyst,
	"Query.isolatedMembers":        netgraph.RoleAnalyst,
	"Query.peripheralMembers":      netgraph.RoleAnalyst,
	"Query.introductions":          netgraph.RoleAnalyst,
	"Query.suggestedIntroductions": netgraph.RoleAnalyst,
	"Query.communities":            netgraph.RoleAnalyst,
	"Query.whatIf":                 netgraph.RoleAnalyst,
	"Query.keyPlayers":             netgraph.RoleAnalyst,
	"Query.brokerage":              netgraph.RoleAnalyst,
	"Query.ego":                    netgraph.RoleAnalyst,
	"Query.analysisStatus":         netgraph.RoleViewer,
	"Query.analysisStatuses":       netgraph.RoleViewer,
	"Query.exportPersonalData":     netgraph.RoleAdmin,
	"Query.auditLog":               netgraph.RoleAdmin,
	"Query.dismissedIntroductions": netgraph.RoleFacilitator,
	"Query.membershipRequests":     netgraph.RoleFacilitator,

	"Mutation.createPerson":        netgraph.RoleFacilitator,
	"Mutation.updatePerson":        netgraph.RoleFacilitator,
	"Mutation.deletePerson":        netgraph.RoleAdmin,
	"Mutation.createOrganisation":  netgraph.RoleFacilitator,
	"Mutation.updateOrganisation":  netgraph.RoleFacilitator,
	"Mutation.deleteOrganisation":  netgraph.RoleAdmin,
	"Mutation.createNetwork":       netgraph.RoleFacilitator,
	"Mutation.updateNetwork":       netgraph.RoleFacilitator,
	"Mutation.deleteNetwork":       netgraph.RoleAdmin,
	"Mutation.addAffiliation":      netgraph.RoleFacilitator,
	"Mutation.updateAffiliation":   netgraph.RoleFacilitator,
	"Mutation.removeAffiliation":   netgraph.RoleFacilitator,
	"Mutation.addMembership":       netgraph.RoleFacilitator,
	"Mutation.updateMembership":    netgraph.RoleFacilitator,
	"Mutation.removeMembership":    netgraph.RoleFacilitator,
	"Mutation.connect":             netgraph.RoleFacilitator,
	"Mutation.updateTie":           netgraph.RoleFacilitator,
	"Mutation.disconnect":          netgraph.RoleFacilitator,
	"Mutation.recordIntroduction":  netgraph.RoleFacilitator,
	"Mutation.dismissIntroduction": netgraph.RoleFacilitator,
	"Mutation.createPartnership":   netgraph.RoleFacilitator,
	"Mutation.importSpreadsheets":  netgraph.RoleFacilitator,
	"Mutation.removePartnership":   netgraph.RoleFacilitator,

	"Mutation.requestMembership":       netgraph.RoleFacilitator,
	"Mutation.decideMembershipRequest": netgraph.RoleFacilitator,
}

// roles lists the roles from least to most privileged.
var roles = []netgraph.Role{netgraph.RoleViewer, netgraph.RoleAnalyst, netgraph.RoleFacilitator, netgraph.RoleAdmin}

// TestEveryRootFieldHasRole walks the schema the server executes and fails
// for a Query or Mutation field without exactly one @hasRole, or whose role
// is not the policy's: a new field cannot be added unprotected.
func TestEveryRootFieldHasRole(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	seen := map[string]bool{}
	for _, root := range []string{"Query", "Mutation", "Subscription"} {
		def := schema.Types[root]
		if def == nil {
			continue
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue // introspection, which gqlgen adds to Query
			}
			name := root + "." + f.Name
			seen[name] = true
			var got []string
			for _, d := range f.Directives {
				if d.Name == "hasRole" {
					got = append(got, d.Arguments.ForName("role").Value.Raw)
				}
			}
			want, inPolicy := accessPolicy[name]
			switch {
			case len(got) == 0:
				t.Errorf("%s has no @hasRole: every root field must say who may use it", name)
			case len(got) > 1:
				t.Errorf("%s has @hasRole %d times", name, len(got))
			case !inPolicy:
				t.Errorf("%s has @hasRole(role: %s) but is not in accessPolicy: add it there and to the role tables", name, got[0])
			case got[0] != strings.ToUpper(string(want)):
				t.Errorf("%s: @hasRole(role: %s), policy says %s", name, got[0], strings.ToUpper(string(want)))
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(accessPolicy)) {
		if !seen[name] {
			t.Errorf("accessPolicy names %s, which the schema does not have", name)
		}
	}

	// The schema's roles are the domain's.
	var enum []string
	for _, v := range schema.Types["Role"].EnumValues {
		enum = append(enum, v.Name)
	}
	var domain []string
	for _, r := range roles {
		domain = append(domain, strings.ToUpper(string(r)))
	}
	if !slices.Equal(enum, domain) {
		t.Errorf("enum Role is %v, want the domain's roles in order %v", enum, domain)
	}
}

// TestAccessByRole uses every root field as every role, and without a
// caller: a role below the field's gets FORBIDDEN and changes nothing, no
// caller gets UNAUTHENTICATED, and the field's own role gets through.
func TestAccessByRole(t *testing.T) {
	admin := mustOpenClient(t)
	ann, bob, cat := admin.createPerson("Ann"), admin.createPerson("Bob"), admin.createPerson("Cat")
	org, org2 := admin.createOrganisation("North Trust"), admin.createOrganisation("City Library")
	net := admin.createNetwork("Learning Network")
	admin.connect(ann, bob, netgraph.TieKnows)
	admin.affiliate(ann, org, "Librarian")
	admin.do(`mutation($p: ID!, $n: ID!) { addMembership(personId: $p, networkId: $n) { role } }`,
		map[string]any{"p": ann, "n": net}, nil)
	admin.do(`mutation($a: ID!, $b: ID!) { createPartnership(input: {from: $a, to: $b}) { kind } }`,
		map[string]any{"a": org, "b": org2}, nil)
	var req struct{ RequestMembership struct{ ID string } }
	admin.do(`mutation($p: ID!, $n: ID!) { requestMembership(personId: $p, networkId: $n) { id } }`,
		map[string]any{"p": cat, "n": net}, &req)
	ids := map[string]any{"ann": ann, "bob": bob, "cat": cat, "org": org, "org2": org2, "net": net,
		"req": req.RequestMembership.ID}

	// One use of every root field; those that would destroy what later ones
	// use come last.
	ops := []struct{ field, query string }{
		{"Query.person", `query($ann: ID!) { person(id: $ann) { id } }`},
		{"Query.people", `{ people { totalCount } }`},
		{"Query.organisation", `query($org: ID!) { organisation(id: $org) { id } }`},
		{"Query.organisations", `{ organisations { totalCount } }`},
		{"Query.network", `query($net: ID!) { network(id: $net) { id } }`},
		{"Query.networks", `{ networks { totalCount } }`},
		{"Query.register", `{ register { totalCount } }`},
		{"Query.dataVersion", `{ dataVersion }`},
		{"Query.centrality", `{ centrality(metric: DEGREE) { score } }`},
		{"Query.networkHealth", `{ networkHealth { people } }`},
		{"Query.scopeGraph", `{ scopeGraph { people { totalCount } } }`},
		{"Query.connectors", `{ connectors { score } }`},
		{"Query.sponsors", `{ sponsors { score } }`},
		{"Query.sponsorRoleHolders", `{ sponsorRoleHolders { score } }`},
		{"Query.isolatedMembers", `{ isolatedMembers { id } }`},
		{"Query.peripheralMembers", `{ peripheralMembers { id } }`},
		{"Query.introductions", `query($ann: ID!) { introductions(personId: $ann) { score } }`},
		{"Query.suggestedIntroductions", `{ suggestedIntroductions { score } }`},
		{"Query.communities", `{ communities { size } }`},
		{"Query.whatIf", `query($ann: ID!) { whatIf(remove: [$ann]) { components } }`},
		{"Query.keyPlayers", `{ keyPlayers(k: 1) { fragmentation } }`},
		{"Query.brokerage", `{ brokerage { group } }`},
		{"Query.ego", `query($ann: ID!) { ego(personId: $ann) { degree } }`},
		{"Query.analysisStatus", `{ analysisStatus { state } }`},
		{"Query.analysisStatuses", `{ analysisStatuses { state } }`},
		{"Query.exportPersonalData", `query($ann: ID!) { exportPersonalData(personId: $ann) { json } }`},
		{"Query.auditLog", `{ auditLog { totalCount } }`},
		{"Query.dismissedIntroductions", `{ dismissedIntroductions { totalCount } }`},
		{"Query.membershipRequests", `query($net: ID!) { membershipRequests(networkId: $net, status: PENDING) { totalCount } }`},

		{"Mutation.createPerson", `mutation { createPerson(input: {name: "Dan"}) { id } }`},
		{"Mutation.updatePerson", `mutation($ann: ID!) { updatePerson(id: $ann, input: {region: "North"}) { id } }`},
		{"Mutation.createOrganisation", `mutation { createOrganisation(input: {name: "South Trust", sector: NHS_TRUST}) { id } }`},
		{"Mutation.updateOrganisation", `mutation($org: ID!) { updateOrganisation(id: $org, input: {region: "North"}) { id } }`},
		{"Mutation.createNetwork", `mutation { createNetwork(input: {name: "Advocates", type: ADVOCACY}) { id } }`},
		{"Mutation.updateNetwork", `mutation($net: ID!) { updateNetwork(id: $net, input: {region: "North"}) { id } }`},
		{"Mutation.addAffiliation", `mutation($bob: ID!, $org: ID!) { addAffiliation(personId: $bob, organisationId: $org) { role } }`},
		{"Mutation.updateAffiliation", `mutation($ann: ID!, $org: ID!) { updateAffiliation(personId: $ann, organisationId: $org, role: "Lead") { role } }`},
		{"Mutation.removeAffiliation", `mutation($ann: ID!, $org: ID!) { removeAffiliation(personId: $ann, organisationId: $org) }`},
		{"Mutation.requestMembership", `mutation($bob: ID!, $net: ID!) { requestMembership(personId: $bob, networkId: $net) { id } }`},
		{"Mutation.decideMembershipRequest", `mutation($req: ID!) { decideMembershipRequest(id: $req, approve: false, reason: "full") { status } }`},
		{"Mutation.addMembership", `mutation($bob: ID!, $net: ID!) { addMembership(personId: $bob, networkId: $net) { role } }`},
		{"Mutation.updateMembership", `mutation($ann: ID!, $net: ID!) { updateMembership(personId: $ann, networkId: $net, role: LEAD) { role } }`},
		{"Mutation.removeMembership", `mutation($ann: ID!, $net: ID!) { removeMembership(personId: $ann, networkId: $net) }`},
		{"Mutation.connect", `mutation($ann: ID!, $cat: ID!) { connect(input: {from: $ann, to: $cat}) { kind } }`},
		{"Mutation.updateTie", `mutation($ann: ID!, $bob: ID!) { updateTie(input: {from: $ann, to: $bob, kind: KNOWS, strength: 2}) { strength } }`},
		{"Mutation.disconnect", `mutation($ann: ID!, $bob: ID!) { disconnect(from: $ann, to: $bob, kind: KNOWS) }`},
		{"Mutation.recordIntroduction", `mutation($bob: ID!, $cat: ID!) { recordIntroduction(a: $bob, b: $cat) { kind } }`},
		{"Mutation.dismissIntroduction", `mutation($ann: ID!, $cat: ID!) { dismissIntroduction(a: $ann, b: $cat, reason: "met") }`},
		{"Mutation.createPartnership", `mutation($org: ID!, $org2: ID!) { createPartnership(input: {from: $org, to: $org2, kind: MOU}) { kind } }`},
		{"Mutation.importSpreadsheets", `mutation { importSpreadsheets(files: [{name: "people.csv", content: "ZXh0ZXJuYWxfaWQsbmFtZQp4MSxYZW5hCg=="}], dryRun: false) { written } }`},
		{"Mutation.removePartnership", `mutation($org: ID!, $org2: ID!) { removePartnership(from: $org, to: $org2, kind: INFORMAL) }`},
		{"Mutation.deleteNetwork", `mutation($net: ID!) { deleteNetwork(id: $net) }`},
		{"Mutation.deleteOrganisation", `mutation($org2: ID!) { deleteOrganisation(id: $org2) }`},
		{"Mutation.deletePerson", `mutation($cat: ID!) { deletePerson(id: $cat) }`},
	}
	tested := map[string]bool{}
	for _, op := range ops {
		tested[op.field] = true
		t.Run(op.field, func(t *testing.T) {
			need, ok := accessPolicy[op.field]
			if !ok {
				t.Fatalf("%s is not in accessPolicy", op.field)
			}
			vars := map[string]any{}
			for name, id := range ids {
				if strings.Contains(op.query, "$"+name) {
					vars[name] = id
				}
			}
			refused := func(c *client, code string) {
				t.Helper()
				before := admin.with(t).dataVersion()
				_, resp := c.with(t).post(context.Background(), op.query, vars)
				if len(resp.Errors) != 1 || resp.Errors[0].code() != code {
					t.Errorf("errors %+v, want one %s", resp.Errors, code)
				}
				if strings.Contains(string(resp.Data), `"id"`) || strings.Contains(string(resp.Data), "Count") {
					t.Errorf("refused, yet data came back: %s", resp.Data)
				}
				if after := admin.with(t).dataVersion(); after != before {
					t.Errorf("refused, yet the data version went from %s to %s", before, after)
				}
			}
			refused(admin.as(nil), "UNAUTHENTICATED")
			for _, role := range roles {
				if role.Includes(need) {
					continue
				}
				t.Run(string(role), func(t *testing.T) { refused(admin.asRole(role), "FORBIDDEN") })
			}
			// The field's own role gets through (to whatever the field says).
			_, resp := admin.asRole(need).with(t).post(context.Background(), op.query, vars)
			for _, e := range resp.Errors {
				if e.code() == "FORBIDDEN" || e.code() == "UNAUTHENTICATED" {
					t.Errorf("as %s: %+v", need, e)
				}
			}
			if len(resp.Errors) > 0 {
				t.Errorf("as %s: errors %+v", need, resp.Errors)
			}
		})
	}
	for _, name := range slices.Sorted(maps.Keys(accessPolicy)) {
		if !tested[name] {
			t.Errorf("TestAccessByRole does not use %s", name)
		}
	}
}

// TestPersonalEmail checks that Person.email is null for viewers and
// analysts, without an error, and visible to facilitators and admins,
// wherever the person is reached from.
func TestPersonalEmail(t *testing.T) {
	c := mustOpenClient(t)
	var created struct{ CreatePerson struct{ ID, Email string } }
	c.asRole(netgraph.RoleFacilitator).do(`mutation { createPerson(input: {name: "Ann", email: "Ann@Example.org"}) { id email } }`, nil, &created)
	if created.CreatePerson.Email != "ann@example.org" {
		t.Fatalf("a facilitator creating a person sees email %q", created.CreatePerson.Email)
	}
	ann, bob := created.CreatePerson.ID, c.createPerson("Bob")
	c.connect(bob, ann, netgraph.TieKnows)

	const query = `query($ann: ID!, $bob: ID!) {
	  person(id: $ann) { email }
	  people { edges { node { id email } } }
	  bob: person(id: $bob) { ties { edges { node { to { email } } } } }
	  centrality(metric: DEGREE) { person { id email } }
	}`
	for _, tc := range []struct {
		role netgraph.Role
		want *string
	}{
		{netgraph.RoleViewer, nil},
		{netgraph.RoleAnalyst, nil},
		{netgraph.RoleFacilitator, &created.CreatePerson.Email},
		{netgraph.RoleAdmin, &created.CreatePerson.Email},
	} {
		t.Run(string(tc.role), func(t *testing.T) {
			var out struct {
				Person struct{ Email *string }
				People struct {
					Edges []struct {
						Node struct {
							ID    string
							Email *string
						}
					}
				}
				Bob struct {
					Ties struct {
						Edges []struct {
							Node struct{ To struct{ Email *string } }
						}
					}
				}
				Centrality []struct {
					Person struct {
						ID    string
						Email *string
					}
				}
			}
			c.asRole(tc.role).with(t).do(query, map[string]any{"ann": ann, "bob": bob}, &out)
			emails := []*string{out.Person.Email, out.Bob.Ties.Edges[0].Node.To.Email}
			for _, e := range out.People.Edges {
				if e.Node.ID == ann {
					emails = append(emails, e.Node.Email)
				}
			}
			for _, s := range out.Centrality {
				if s.Person.ID == ann {
					emails = append(emails, s.Person.Email)
				}
			}
			if len(emails) != 4 {
				t.Fatalf("ann reached %d ways, want 4: %+v", len(emails), out)
			}
			for i, got := range emails {
				if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
					t.Errorf("email #%d = %v, want %v", i, deref(got), deref(tc.want))
				}
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// TestRecordIntroduction records an introduction and the ways it can fail.
func TestRecordIntroduction(t *testing.T) {
	c := mustOpenClient(t).asRole(netgraph.RoleFacilitator)
	ann, bob := c.createPerson("Ann"), c.createPerson("Bob")
	c.connect(ann, bob, netgraph.TieKnows) // other kinds of tie do not matter
	const record = `mutation($a: ID!, $b: ID!, $s: Float) { recordIntroduction(a: $a, b: $b, strength: $s) { from { id } to { id } kind strength since } }`

	var out struct {
		RecordIntroduction struct {
			From, To    struct{ ID string }
			Kind, Since string
			Strength    float64
		}
	}
	c.do(record, map[string]any{"a": ann, "b": bob}, &out)
	if got := out.RecordIntroduction; got.From.ID != ann || got.To.ID != bob || got.Kind != "INTRODUCED" || got.Strength != 1 || got.Since == "" {
		t.Errorf("recorded %+v", got)
	}

	for _, tc := range []struct {
		name        string
		vars        map[string]any
		code, field string
	}{
		{"AgainTheOtherWayRound", map[string]any{"a": bob, "b": ann}, "CONFLICT", ""},
		{"UnknownPerson", map[string]any{"a": ann, "b": "per_NOSUCH"}, "NOT_FOUND", "b"},
		{"Oneself", map[string]any{"a": ann, "b": ann}, "BAD_USER_INPUT", "b"},
		{"TooStrong", map[string]any{"a": ann, "b": c.createPerson("Cat"), "s": 11}, "BAD_USER_INPUT", "strength"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := c.with(t)
			before := c.dataVersion()
			e := c.fail(record, tc.vars)
			if e.code() != tc.code || e.field() != tc.field {
				t.Errorf("error %+v, want %s on %q", e, tc.code, tc.field)
			}
			if c.dataVersion() != before {
				t.Error("a refused introduction changed data")
			}
		})
	}
}
