package graph_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// exportQuery asks for every field of a personal data export.
const exportQuery = `query($id: ID!) {
  exportPersonalData(personId: $id) {
    exportedAt
    person { id externalId name email title profession region interests consent createdAt updatedAt }
    affiliations { organisationId organisationName role since }
    memberships { networkId networkName role since }
    ties { from to kind strength since lastInteraction }
    auditEntries { id at subject role requestId operation ids kind count }
    metrics { degree community roles provenance { scope networkId organisationId } }
    json
  }
}`

// personalDataExport is PersonalDataExport as the tests read it.
type personalDataExport struct {
	ExportedAt string
	Person     struct {
		ID, ExternalID, Name, Email, Title, Profession, Region string
		Interests                                              []string
		Consent                                                bool
	}
	Affiliations []struct{ OrganisationID, OrganisationName, Role string }
	Memberships  []struct{ NetworkID, NetworkName, Role string }
	Ties         []struct {
		From, To, Kind string
		Strength       float64
	}
	AuditEntries []auditEntry
	Metrics      []struct {
		Degree     int
		Provenance struct {
			Scope                     string
			NetworkID, OrganisationID *string
		}
	}
	JSON string
}

// auditEntry is AuditEntry as the tests read it.
type auditEntry struct {
	ID, At, Subject, RequestID, Operation, Kind string
	Role                                        *string
	IDs                                         []string
	Count                                       int
}

// TestExportPersonalData exports a person with affiliations, memberships and
// ties, and checks that the export holds all of it, names other people by id
// only, and says the same in its JSON.
func TestExportPersonalData(t *testing.T) {
	c := mustOpenClient(t)
	fac := c.asRole(netgraph.RoleFacilitator)
	var ada struct{ CreatePerson struct{ ID string } }
	fac.do(`mutation { createPerson(input: {externalId: "hr-1", name: "Ada Lovelace", email: "ada@example.org",
	  title: "Analyst", profession: "Librarian", region: "North", interests: ["maps"]}) { id } }`, nil, &ada)
	id := ada.CreatePerson.ID
	var bea struct{ CreatePerson struct{ ID string } }
	fac.do(`mutation { createPerson(input: {name: "Bea Secret", email: "bea@example.org"}) { id } }`, nil, &bea)
	other := bea.CreatePerson.ID
	org := fac.createOrganisation("North Trust")
	net := fac.createNetwork("Learning Network")
	fac.affiliate(id, org, "Head of Data")
	fac.do(`mutation($p: ID!, $n: ID!) { addMembership(personId: $p, networkId: $n, role: LEAD) { role } }`,
		map[string]any{"p": id, "n": net}, nil)
	fac.connect(other, id, netgraph.TieAdvises)

	var out struct{ ExportPersonalData personalDataExport }
	c.do(exportQuery, map[string]any{"id": id}, &out)
	e := out.ExportPersonalData

	if p := e.Person; p.ID != id || p.ExternalID != "hr-1" || p.Name != "Ada Lovelace" || p.Email != "ada@example.org" ||
		p.Title != "Analyst" || p.Profession != "Librarian" || p.Region != "North" || !slices.Equal(p.Interests, []string{"maps"}) || !p.Consent {
		t.Errorf("person = %+v", p)
	}
	if len(e.Affiliations) != 1 || e.Affiliations[0].OrganisationID != org || e.Affiliations[0].OrganisationName != "North Trust" ||
		e.Affiliations[0].Role != "Head of Data" {
		t.Errorf("affiliations = %+v", e.Affiliations)
	}
	if len(e.Memberships) != 1 || e.Memberships[0].NetworkID != net || e.Memberships[0].NetworkName != "Learning Network" ||
		e.Memberships[0].Role != "LEAD" {
		t.Errorf("memberships = %+v", e.Memberships)
	}
	if len(e.Ties) != 1 || e.Ties[0].From != other || e.Ties[0].To != id || e.Ties[0].Kind != "ADVISES" || e.Ties[0].Strength != 1 {
		t.Errorf("ties = %+v", e.Ties)
	}

	// Every change that named the person, newest first, by the facilitator
	// — named by role only: staff identities are not the subject's data.
	var ops []string
	for _, a := range e.AuditEntries {
		ops = append(ops, a.Operation)
		if !slices.Contains(a.IDs, id) || a.Subject != "a facilitator" || a.RequestID != "" || a.Role == nil || *a.Role != "FACILITATOR" {
			t.Errorf("audit entry %+v", a)
		}
	}
	if strings.Contains(out.ExportPersonalData.JSON, "test-facilitator") {
		t.Error("the export's JSON names the facilitator")
	}
	if want := []string{"Connect", "AddMembership", "AddAffiliation", "CreatePerson"}; !slices.Equal(ops, want) {
		t.Errorf("audit operations %v, want %v", ops, want)
	}

	// Figures in the whole graph, the network and the organisation.
	var scopes []string
	for _, m := range e.Metrics {
		scopes = append(scopes, m.Provenance.Scope)
	}
	if want := []string{"the whole graph", "network " + net, "organisation " + org}; !slices.Equal(scopes, want) {
		t.Errorf("metrics scopes %v, want %v", scopes, want)
	}
	if e.Metrics[0].Degree != 1 {
		t.Errorf("whole-graph degree %d, want 1", e.Metrics[0].Degree)
	}

	// The other person is there by id, never by name or e-mail.
	typed := string(e.withoutJSON(t))
	for _, s := range []string{"Bea Secret", "bea@example.org"} {
		if strings.Contains(e.JSON, s) || strings.Contains(typed, s) {
			t.Errorf("the export holds another person's %q", s)
		}
	}

	// The JSON holds what the typed fields do.
	var doc struct {
		ExportedAt   string
		Person       struct{ ID, Email string }
		Affiliations []struct {
			OrganisationID, OrganisationName string
		}
		Memberships  []struct{ NetworkName string }
		Ties         []struct{ From, To string }
		AuditEntries []auditEntry
		Metrics      []struct{ Degree int }
	}
	if err := json.Unmarshal([]byte(e.JSON), &doc); err != nil {
		t.Fatalf("json is not JSON: %v\n%s", err, e.JSON)
	}
	if doc.ExportedAt == "" || doc.Person.ID != id || doc.Person.Email != "ada@example.org" ||
		len(doc.Affiliations) != 1 || doc.Affiliations[0].OrganisationName != "North Trust" ||
		len(doc.Memberships) != 1 || len(doc.Ties) != 1 || doc.Ties[0].From != other ||
		len(doc.AuditEntries) != len(e.AuditEntries) || doc.AuditEntries[0].ID != e.AuditEntries[0].ID ||
		doc.AuditEntries[0].Role == nil || *doc.AuditEntries[0].Role != "FACILITATOR" ||
		len(doc.Metrics) != 3 || doc.Metrics[0].Degree != 1 {
		t.Errorf("json = %s", e.JSON)
	}

	t.Run("UnknownPerson", func(t *testing.T) {
		e := c.with(t).fail(exportQuery, map[string]any{"id": "per_NOSUCH"})
		if e.code() != "NOT_FOUND" || e.field() != "personId" {
			t.Errorf("error %+v, want NOT_FOUND on personId", e)
		}
	})
	t.Run("FacilitatorForbidden", func(t *testing.T) {
		e := fac.with(t).fail(exportQuery, map[string]any{"id": id})
		if e.code() != "FORBIDDEN" {
			t.Errorf("error %+v, want FORBIDDEN", e)
		}
	})
}

// withoutJSON returns the typed fields of the export as JSON, for checks on
// everything but the json field.
func (e personalDataExport) withoutJSON(t *testing.T) []byte {
	t.Helper()
	e.JSON = ""
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestErasureLeavesNothing erases a person and checks that their export is
// NOT_FOUND and that no analysis field names them any more, while the audit
// log keeps the record of who did what, by id.
func TestErasureLeavesNothing(t *testing.T) {
	c, _ := newAnalysisClient(t, embeddedtest.MustOpenTemp(t))
	w := newSmallWorld(c)

	// Every analysis field, with every person they can name.
	query := `query($hub: ID!, $net: ID!) {
	  degree: centrality(metric: DEGREE, top: 1000) { person { id name } }
	  connectors(top: 1000) { person { id name } }
	  sponsors(top: 1000) { person { id name } }
	  sponsorRoleHolders { person { id name } }
	  isolatedMembers { id name }
	  peripheralMembers { id name }
	  introductions(personId: $hub, top: 1000) { person { id name } mutualContacts { id name } }
	  suggestedIntroductions(top: 1000) { a { id name } b { id name } mutualContacts { id name } }
	  communities { members(first: 500) { edges { node { id name } } } }
	  networkHealth { articulationPoints { id name } bridges { a { id name } b { id name } } }
	  inNetwork: networkHealth(scope: {networkId: $net}) { articulationPoints { id name } bridges { a { id name } b { id name } } }
	  people(first: 500) { edges { node { id metrics { roles } } } }
	}`
	vars := map[string]any{"hub": w.hub, "net": w.learning}
	var before struct{ ExportPersonalData personalDataExport }
	c.do(exportQuery, map[string]any{"id": w.cat}, &before)
	if len(before.ExportPersonalData.Metrics) == 0 {
		t.Fatal("cat has no figures before erasure")
	}
	if data := c.data(query, vars); !strings.Contains(data, w.cat) {
		t.Fatalf("cat is not in the analyses before erasure:\n%s", data)
	}

	c.do(`mutation($id: ID!) { deletePerson(id: $id) }`, map[string]any{"id": w.cat}, nil)

	e := c.fail(exportQuery, map[string]any{"id": w.cat})
	if e.code() != "NOT_FOUND" || e.field() != "personId" {
		t.Errorf("export after erasure: %+v, want NOT_FOUND on personId", e)
	}
	if data := c.data(query, vars); strings.Contains(data, w.cat) || strings.Contains(data, `"Cat"`) {
		t.Errorf("cat survives in the analyses after erasure:\n%s", data)
	}

	var log struct {
		AuditLog struct{ Edges []struct{ Node auditEntry } }
	}
	c.do(`query($id: ID!) { auditLog(filter: {id: $id}) { edges { node { operation ids } } } }`, map[string]any{"id": w.cat}, &log)
	if len(log.AuditLog.Edges) == 0 || log.AuditLog.Edges[0].Node.Operation != "DeletePerson" {
		t.Errorf("audit log for cat after erasure: %+v", log.AuditLog.Edges)
	}
}

// TestAuditLog reads the audit log after a facilitator's changes: newest
// first, with the caller, operation and ids, filtered and paged; only admins
// may read it.
func TestAuditLog(t *testing.T) {
	c := mustOpenClient(t)
	fac := c.asRole(netgraph.RoleFacilitator)
	ann, bob := fac.createPerson("Ann"), fac.createPerson("Bob")
	fac.connect(ann, bob, netgraph.TieKnows)
	var intro struct{ RecordIntroduction struct{ Kind string } }
	fac.do(`mutation($a: ID!, $b: ID!) { recordIntroduction(a: $a, b: $b) { kind } }`, map[string]any{"a": bob, "b": ann}, &intro)
	c.createPerson("Cat") // by the admin

	const query = `query($first: Int, $after: String, $filter: AuditFilter) {
	  auditLog(first: $first, after: $after, filter: $filter) {
	    edges { cursor node { id at subject role requestId operation ids kind count } }
	    pageInfo { hasNextPage endCursor }
	    totalCount
	  }
	}`
	type page struct {
		AuditLog struct {
			Edges []struct {
				Cursor string
				Node   auditEntry
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
			TotalCount int
		}
	}
	read := func(vars map[string]any) page {
		t.Helper()
		var p page
		c.do(query, vars, &p)
		return p
	}

	t.Run("FacilitatorsChanges", func(t *testing.T) {
		p := read(map[string]any{"filter": map[string]any{"subject": "test-facilitator"}})
		type summary struct {
			op   string
			ids  []string
			kind string
		}
		want := []summary{
			{"Connect", []string{bob, ann}, "INTRODUCED"},
			{"Connect", []string{ann, bob}, "KNOWS"},
			{"CreatePerson", []string{bob}, ""},
			{"CreatePerson", []string{ann}, ""},
		}
		if p.AuditLog.TotalCount != len(want) || len(p.AuditLog.Edges) != len(want) {
			t.Fatalf("%d entries (total %d), want %d: %+v", len(p.AuditLog.Edges), p.AuditLog.TotalCount, len(want), p.AuditLog.Edges)
		}
		for i, e := range p.AuditLog.Edges {
			n := e.Node
			if n.Operation != want[i].op || !slices.Equal(n.IDs, want[i].ids) || n.Kind != want[i].kind ||
				n.Subject != "test-facilitator" || n.Role == nil || *n.Role != "FACILITATOR" ||
				n.RequestID != "req-facilitator" || n.At == "" || n.ID == "" {
				t.Errorf("entry %d = %+v, want %+v", i, n, want[i])
			}
		}
	})

	t.Run("NewestFirstAndPaged", func(t *testing.T) {
		all := read(nil)
		if all.AuditLog.TotalCount != 5 || all.AuditLog.Edges[0].Node.Subject != "test-admin" {
			t.Fatalf("log = %+v", all.AuditLog)
		}
		var ids []string
		var after any
		for {
			p := read(map[string]any{"first": 2, "after": after})
			for _, e := range p.AuditLog.Edges {
				ids = append(ids, e.Node.ID)
			}
			if !p.AuditLog.PageInfo.HasNextPage {
				break
			}
			after = *p.AuditLog.PageInfo.EndCursor
		}
		var want []string
		for _, e := range all.AuditLog.Edges {
			want = append(want, e.Node.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("paged ids %v, want %v", ids, want)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		for _, tc := range []struct {
			filter map[string]any
			want   int
		}{
			{map[string]any{"operation": "CreatePerson"}, 3},
			{map[string]any{"id": ann}, 3},
			{map[string]any{"id": ann, "operation": "Connect"}, 2},
			{map[string]any{"since": "2000-01-01T00:00:00Z", "until": "2001-01-01T00:00:00Z"}, 0},
		} {
			if got := read(map[string]any{"filter": tc.filter}).AuditLog.TotalCount; got != tc.want {
				t.Errorf("filter %v: %d entries, want %d", tc.filter, got, tc.want)
			}
		}
	})

	t.Run("BadInput", func(t *testing.T) {
		for _, tc := range []struct {
			vars  map[string]any
			field string
		}{
			{map[string]any{"filter": map[string]any{"operation": "DropEverything"}}, "filter.operation"},
			{map[string]any{"filter": map[string]any{"since": "2001-01-01T00:00:00Z", "until": "2000-01-01T00:00:00Z"}}, "filter.until"},
			{map[string]any{"after": "not a cursor"}, "after"},
			{map[string]any{"first": -1}, "first"},
		} {
			e := c.with(t).fail(query, tc.vars)
			if e.code() != "BAD_USER_INPUT" || e.field() != tc.field {
				t.Errorf("%v: error %+v, want BAD_USER_INPUT on %s", tc.vars, e, tc.field)
			}
		}
	})

	t.Run("OnlyAdmins", func(t *testing.T) {
		for _, role := range []netgraph.Role{netgraph.RoleViewer, netgraph.RoleAnalyst, netgraph.RoleFacilitator} {
			e := c.asRole(role).with(t).fail(query, nil)
			if e.code() != "FORBIDDEN" {
				t.Errorf("%s: error %+v, want FORBIDDEN", role, e)
			}
		}
	})
}
