package graph_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph/generated"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
	"github.com/netgraph/netgraph/store/storetest"
)

// TestEveryFieldReadsBack reads records with every field set
// (storetest.FilledRecords) through the API: every field of every domain
// type must be a field of its GraphQL type (a reference to another entity as
// that entity's id) with the value the store holds, so a field the schema or
// a resolver misses fails here.
func TestEveryFieldReadsBack(t *testing.T) {
	s := embeddedtest.MustOpenTemp(t)
	recs := storetest.FilledRecords()
	if err := s.Import(t.Context(), recs); err != nil {
		t.Fatal(err)
	}
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var want = map[string]any{} // GraphQL type → the domain value
	for _, r := range recs {
		switch {
		case r.Person != nil && r.Person.ID == storetest.FilledPersonA:
			want["Person"] = r.Person
		case r.Organisation != nil && r.Organisation.ID == storetest.FilledOrganisationA:
			want["Organisation"] = r.Organisation
		case r.Network != nil:
			want["Network"] = r.Network
		case r.Affiliation != nil:
			want["Affiliation"] = r.Affiliation
		case r.Membership != nil:
			want["Membership"] = r.Membership
		case r.Tie != nil:
			want["Tie"] = r.Tie
		case r.Partnership != nil:
			want["Partnership"] = r.Partnership
		}
	}
	sel := func(typ string) string { return selection(t, schema, typ, want[typ]) }
	query := fmt.Sprintf(`query($person: ID!, $org: ID!, $net: ID!) {
	  person(id: $person) { %s affiliations { %s } memberships { %s } ties(first: 10) { edges { node { %s } } } }
	  organisation(id: $org) { %s partnerships { %s } }
	  network(id: $net) { %s }
	}`, sel("Person"), sel("Affiliation"), sel("Membership"), sel("Tie"), sel("Organisation"), sel("Partnership"), sel("Network"))
	var out struct{ Person, Organisation, Network fields }
	newClient(t, s).do(query, map[string]any{"person": storetest.FilledPersonA, "org": storetest.FilledOrganisationA,
		"net": storetest.FilledNetwork}, &out)
	one := func(typ string, list any) fields {
		got, _ := list.([]any)
		if len(got) != 1 {
			t.Fatalf("%d %s, want 1", len(got), typ)
		}
		f, _ := got[0].(map[string]any)
		return f
	}
	edges, _ := out.Person["ties"].(map[string]any)["edges"].([]any)
	ties := make([]any, len(edges))
	for i, e := range edges {
		ties[i] = e.(map[string]any)["node"]
	}
	for typ, got := range map[string]fields{
		"Person": out.Person, "Organisation": out.Organisation, "Network": out.Network,
		"Affiliation": one("affiliations", out.Person["affiliations"]), "Membership": one("memberships", out.Person["memberships"]),
		"Tie": one("ties", ties), "Partnership": one("partnerships", out.Organisation["partnerships"]),
	} {
		compareFields(t, typ, got, want[typ])
	}
}

// fields is a GraphQL object as decoded JSON.
type fields = map[string]any

// domainFields returns the JSON fields of a domain value.
func domainFields(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// graphQLField returns the field of GraphQL type typ that carries the domain
// field named (in JSON) name: the same name, or for a reference "personId"
// the object field "person".
func graphQLField(schema *ast.Schema, typ, name string) *ast.FieldDefinition {
	def := schema.Types[typ]
	if f := def.Fields.ForName(name); f != nil {
		return f
	}
	return def.Fields.ForName(strings.TrimSuffix(name, "Id"))
}

// selection selects every field of the domain value v from GraphQL type typ,
// each under its domain name; references select the entity's id.
func selection(t *testing.T, schema *ast.Schema, typ string, v any) string {
	t.Helper()
	var parts []string
	for name := range domainFields(t, v) {
		f := graphQLField(schema, typ, name)
		switch {
		case f == nil:
			t.Errorf("%s has no GraphQL field for the domain's %q (%T)", typ, name, v)
		case schema.Types[f.Type.Name()].Kind == ast.Object && schema.Types[f.Type.Name()].Fields.ForName("id") == nil:
			// A part of the value, such as a network's document: all of it.
			var sub []string
			for _, g := range schema.Types[f.Type.Name()].Fields {
				sub = append(sub, g.Name)
			}
			parts = append(parts, fmt.Sprintf("%s: %s { %s }", name, f.Name, strings.Join(sub, " ")))
		case schema.Types[f.Type.Name()].Kind == ast.Object:
			parts = append(parts, fmt.Sprintf("%s: %s { id }", name, f.Name))
		default:
			parts = append(parts, fmt.Sprintf("%s: %s", name, f.Name))
		}
	}
	return strings.Join(parts, " ")
}

// compareFields checks that got, read over GraphQL, holds every field of the
// domain value want with its value.
func compareFields(t *testing.T, typ string, got fields, want any) {
	t.Helper()
	for name, w := range domainFields(t, want) {
		g, ok := got[name]
		if part, isPart := w.(map[string]any); isPart { // a part of the value, such as a document
			obj, _ := g.(map[string]any)
			compareFields(t, typ+"."+name, obj, part)
			continue
		}
		if obj, isObj := g.(map[string]any); isObj {
			g = obj["id"]
		}
		if ws, isString := w.(string); isString {
			if gs, _ := g.(string); sameTime(ws, gs) {
				continue
			}
		}
		if !ok || !reflect.DeepEqual(g, w) {
			t.Errorf("%s.%s read over GraphQL: %v, want %v", typ, name, g, w)
		}
	}
}

// sameTime reports whether a and b are both times, and the same time.
func sameTime(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	return errA == nil && errB == nil && ta.Equal(tb)
}

// TestEveryInputFieldWrites creates one of each entity through the API with
// every field of its domain input set (storetest.Fill): every field must be
// a field of the GraphQL input (matched as gqlgen binds them, ignoring case)
// and reach the store, so a field that the schema, the binding or the
// domain's constructor drops fails here.
func TestEveryInputFieldWrites(t *testing.T) {
	s := embeddedtest.MustOpenTemp(t)
	c := newClient(t, s)
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	ctx := t.Context()
	create := func(mutation, input string, in any, returns string) map[string]any {
		t.Helper()
		var out map[string]map[string]any
		c.do(fmt.Sprintf(`mutation($input: %s!) { %s(input: $input) { %s } }`, input, mutation, returns),
			map[string]any{"input": inputVariables(t, schema, input, in)}, &out)
		return out[mutation]
	}

	var pc netgraph.PersonCreate
	storetest.Fill(&pc, 100)
	a, err := s.Person(ctx, create("createPerson", "CreatePersonInput", pc, "id")["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	sameFields(t, "createPerson", pc, *a)
	b := c.createPerson("Ben")

	var oc netgraph.OrganisationCreate
	storetest.Fill(&oc, 200)
	o, err := s.Organisation(ctx, create("createOrganisation", "CreateOrganisationInput", oc, "id")["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	sameFields(t, "createOrganisation", oc, *o)

	var nc netgraph.NetworkCreate
	storetest.Fill(&nc, 300)
	n, err := s.Network(ctx, create("createNetwork", "CreateNetworkInput", nc, "id")["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	sameFields(t, "createNetwork", nc, *n)

	var tc netgraph.TieCreate
	storetest.Fill(&tc, 400)
	tc.From, tc.To = a.ID, b
	create("connect", "ConnectInput", tc, "kind")
	ties, err := s.TiesByPerson(ctx, []string{a.ID})
	if err != nil || len(ties[0]) != 1 {
		t.Fatalf("ties %v, %v; want the one made", ties, err)
	}
	sameFields(t, "connect", tc, ties[0][0])

	var pa netgraph.Partnership
	storetest.Fill(&pa, 500)
	var other struct{ CreateOrganisation struct{ ID string } }
	c.do(`mutation { createOrganisation(input: {name: "Other"}) { id } }`, nil, &other)
	pa.From, pa.To = o.ID, other.CreateOrganisation.ID
	create("createPartnership", "CreatePartnershipInput", pa, "kind")
	ps, err := s.PartnershipsByOrganisation(ctx, []string{o.ID})
	if err != nil || len(ps[0]) != 1 {
		t.Fatalf("partnerships %v, %v; want the one made", ps, err)
	}
	sameFields(t, "createPartnership", pa, ps[0][0])
}

// inputVariables writes the domain input in as the variables of GraphQL
// input type typ, failing for a field the type lacks.
func inputVariables(t *testing.T, schema *ast.Schema, typ string, in any) map[string]any {
	t.Helper()
	out := map[string]any{}
	v := reflect.ValueOf(in)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		idx := slices.IndexFunc(schema.Types[typ].Fields, func(f *ast.FieldDefinition) bool { return strings.EqualFold(f.Name, name) })
		if idx < 0 {
			t.Errorf("%s has no field for the domain's %s", typ, name)
			continue
		}
		f := v.Field(i)
		for f.Kind() == reflect.Pointer {
			f = f.Elem()
		}
		switch x := f.Interface().(type) {
		case time.Time:
			out[schema.Types[typ].Fields[idx].Name] = x.Format(time.RFC3339Nano)
		default:
			out[schema.Types[typ].Fields[idx].Name] = x
		}
	}
	return out
}

// sameFields checks that every field of the input in has the value it was
// given in the stored entity's field of the same name.
func sameFields(t *testing.T, mutation string, in, stored any) {
	t.Helper()
	iv, sv := reflect.ValueOf(in), reflect.ValueOf(stored)
	for i := range iv.NumField() {
		name := iv.Type().Field(i).Name
		want, got := iv.Field(i), sv.FieldByName(name)
		if !got.IsValid() {
			t.Errorf("%s: the stored %s has no field %s", mutation, sv.Type(), name)
			continue
		}
		for want.Kind() == reflect.Pointer {
			want = want.Elem()
		}
		for got.Kind() == reflect.Pointer && !got.IsNil() {
			got = got.Elem()
		}
		wt, isTime := want.Interface().(time.Time)
		if gt, ok := got.Interface().(time.Time); isTime && ok && wt.Equal(gt) {
			continue
		}
		if !reflect.DeepEqual(want.Interface(), got.Interface()) {
			t.Errorf("%s: %s stored as %v, want %v", mutation, name, got.Interface(), want.Interface())
		}
	}
}
