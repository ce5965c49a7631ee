package graph_test

import (
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
)

// TestRegister creates networks with profiles through the API and browses
// them as a viewer: the register's search and filters narrow the list, it
// pages like other lists, and the office's e-mail is null below FACILITATOR.
func TestRegister(t *testing.T) {
	c := mustOpenClient(t)
	fac := c.asRole(netgraph.RoleFacilitator)
	var host struct{ CreateOrganisation struct{ ID string } }
	fac.do(`mutation { createOrganisation(input: {name: "Leeds Teaching Hospitals", externalId: "leeds-th"}) { id } }`, nil, &host)
	create := func(input map[string]any) string {
		t.Helper()
		var out struct{ CreateNetwork struct{ ID string } }
		fac.do(`mutation($input: CreateNetworkInput!) { createNetwork(input: $input) { id } }`,
			map[string]any{"input": input}, &out)
		return out.CreateNetwork.ID
	}
	diabetes := create(map[string]any{"name": "Yorkshire Diabetes Network", "type": "MANAGED_CLINICAL",
		"purpose": "Better diabetes care", "region": "Yorkshire", "hostOrganisationId": "ext:leeds-th",
		"contactName": "Network office", "contactEmail": "Office@Diabetes.example.org", "membershipPolicy": "BY_REQUEST",
		"website": "https://diabetes.example.org/",
		"termsOfReference": map[string]any{"title": "Terms of reference", "link": "https://diabetes.example.org/tor",
			"reviewDate": "2026-09-30T00:00:00Z"}})
	library := create(map[string]any{"name": "Yorkshire Library Partnership", "type": "LEARNING",
		"purpose": "Evidence for diabetes teams", "region": "Yorkshire", "membershipPolicy": "OPEN"})
	stroke := create(map[string]any{"name": "Stroke ODN", "type": "OPERATIONAL_DELIVERY", "region": "North East",
		"specialty": "Stroke", "status": "DORMANT", "membershipPolicy": "BY_INVITATION"})

	const query = `query($filter: RegisterFilter, $first: Int, $after: String) {
	  register(filter: $filter, first: $first, after: $after) {
	    totalCount pageInfo { hasNextPage endCursor }
	    edges { node { id name type status membershipPolicy contactName contactEmail website
	                   hostOrganisation { id name } termsOfReference { title link reviewDate } memorandum { title } } }
	  }
	}`
	type page struct {
		Register struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   string
			}
			Edges []struct {
				Node struct {
					ID, Name, Type, Status, MembershipPolicy, ContactName, Website string
					ContactEmail                                                   *string
					HostOrganisation                                               *struct{ ID, Name string }
					TermsOfReference                                               *struct{ Title, Link, ReviewDate string }
					Memorandum                                                     *struct{ Title string }
				}
			}
		}
	}
	viewer := c.asRole(netgraph.RoleViewer)
	ids := func(p page) string {
		var out []string
		for _, e := range p.Register.Edges {
			out = append(out, e.Node.ID)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		name   string
		filter map[string]any
		want   []string
	}{
		{"All", nil, []string{diabetes, library, stroke}},
		{"TextInName", map[string]any{"text": "YORKSHIRE"}, []string{diabetes, library}},
		{"TextInPurpose", map[string]any{"text": "diabetes"}, []string{diabetes, library}},
		{"TextInSpecialty", map[string]any{"text": "strok"}, []string{stroke}},
		{"Type", map[string]any{"type": "MANAGED_CLINICAL"}, []string{diabetes}},
		{"Region", map[string]any{"region": "north east"}, []string{stroke}},
		{"Status", map[string]any{"status": "ACTIVE"}, []string{diabetes, library}},
		{"Policy", map[string]any{"membershipPolicy": "OPEN"}, []string{library}},
		{"Together", map[string]any{"text": "diabetes", "membershipPolicy": "BY_REQUEST"}, []string{diabetes}},
		{"Nothing", map[string]any{"text": "podiatry"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out page
			viewer.do(query, map[string]any{"filter": tc.filter}, &out)
			if got := ids(out); got != strings.Join(tc.want, " ") || out.Register.TotalCount != len(tc.want) {
				t.Errorf("register %s (total %d); want %v", got, out.Register.TotalCount, tc.want)
			}
		})
	}

	t.Run("Profile", func(t *testing.T) {
		var out page
		viewer.do(query, map[string]any{"filter": map[string]any{"type": "MANAGED_CLINICAL"}}, &out)
		n := out.Register.Edges[0].Node
		if n.HostOrganisation == nil || n.HostOrganisation.ID != host.CreateOrganisation.ID || n.ContactName != "Network office" ||
			n.MembershipPolicy != "BY_REQUEST" || n.Status != "ACTIVE" || n.Website != "https://diabetes.example.org/" ||
			n.TermsOfReference == nil || n.TermsOfReference.ReviewDate != "2026-09-30T00:00:00Z" || n.Memorandum != nil {
			t.Errorf("profile %+v", n)
		}
	})

	t.Run("Pages", func(t *testing.T) {
		var first, second page
		viewer.do(query, map[string]any{"first": 2}, &first)
		viewer.do(query, map[string]any{"first": 2, "after": first.Register.PageInfo.EndCursor}, &second)
		if ids(first) != diabetes+" "+library || !first.Register.PageInfo.HasNextPage || ids(second) != stroke ||
			second.Register.PageInfo.HasNextPage || second.Register.TotalCount != 3 {
			t.Errorf("pages %q then %q", ids(first), ids(second))
		}
	})

	t.Run("ContactEmailByRole", func(t *testing.T) {
		for role, want := range map[netgraph.Role]string{netgraph.RoleViewer: "", netgraph.RoleAnalyst: "",
			netgraph.RoleFacilitator: "office@diabetes.example.org", netgraph.RoleAdmin: "office@diabetes.example.org"} {
			var out page
			c.asRole(role).do(query, map[string]any{"filter": map[string]any{"type": "MANAGED_CLINICAL"}}, &out)
			got := out.Register.Edges[0].Node.ContactEmail
			if (want == "") != (got == nil) || (got != nil && *got != want) {
				t.Errorf("%s sees contactEmail %v; want %q (null if empty)", role, got, want)
			}
		}
	})

	t.Run("BadInput", func(t *testing.T) {
		for field, input := range map[string]map[string]any{
			"input.website":                     {"name": "N", "type": "LEARNING", "website": "javascript:alert(1)"},
			"input.termsOfReference.reviewDate": {"name": "N", "type": "LEARNING", "termsOfReference": map[string]any{"title": "T", "reviewDate": "0202-01-01T00:00:00Z"}},
			"input.memorandum.title":            {"name": "N", "type": "LEARNING", "memorandum": map[string]any{"link": "https://x.org/m"}},
			"input.hostOrganisationId":          {"name": "N", "type": "LEARNING", "hostOrganisationId": "ext:nowhere"},
		} {
			e := fac.fail(`mutation($input: CreateNetworkInput!) { createNetwork(input: $input) { id } }`,
				map[string]any{"input": input})
			if e.field() != field || (e.code() != "BAD_USER_INPUT" && e.code() != "NOT_FOUND") {
				t.Errorf("%v: %s on %q; want BAD_USER_INPUT or NOT_FOUND on %s", input, e.code(), e.field(), field)
			}
		}
		e := fac.fail(`mutation { createNetwork(input: {name: "N", type: LEARNING, membershipPolicy: WHENEVER}) { id } }`, nil)
		if !strings.Contains(e.Message, "WHENEVER") {
			t.Errorf("an unknown policy: %+v", e)
		}
	})
}
