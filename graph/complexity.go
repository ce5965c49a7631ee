package graph

import (
	"context"
	"errors"
	"reflect"
	"strings"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph/generated"
	"github.com/netgraph/netgraph/graph/model"
)

// unpagedListSize is the number of items assumed for a list that has no
// `first` argument (a person's organisations, a network's members).
const unpagedListSize = 20

// Analysis prices. An analysis field may have to analyse its scope (paths
// through the whole network), which costs far more than reading records, so
// each costs analysisCost on top of its items. Person.metrics is a lookup in
// an analysis shared by every person of a page (and by every request until
// the data changes): its price per person is lower, but still well above a
// plain field, since each occurrence in a query may name another scope.
const (
	analysisCost      = 100
	personMetricsCost = 10
)

// setComplexity prices the fields whose cost grows with their result, so that
// a complexity limit (extension.FixedComplexityLimit, set in newServer) can
// refuse queries that would fan out too far. Every other field costs 1 plus
// its children. Add new list fields here.
func setComplexity(c *generated.ComplexityRoot) {
	// Paged lists cost one per item asked for.
	c.Query.People = func(child int, first *int32, _ *string, _ *netgraph.PersonFilter) int {
		return pagedCost(child, first)
	}
	c.Query.Organisations = func(child int, first *int32, _ *string, _ *netgraph.OrganisationFilter) int {
		return pagedCost(child, first)
	}
	c.Query.Networks = func(child int, first *int32, _ *string, _ *netgraph.NetworkFilter) int {
		return pagedCost(child, first)
	}
	c.Query.Register = func(child int, _ *netgraph.NetworkFilter, first *int32, _ *string) int {
		return pagedCost(child, first)
	}
	c.Person.Ties = func(child int, first *int32, _ *string) int { return pagedCost(child, first) }
	c.Query.AuditLog = func(child int, first *int32, _ *string, _ *netgraph.AuditFilter) int {
		return pagedCost(child, first)
	}
	c.Query.DismissedIntroductions = func(child int, first *int32, _ *string) int { return pagedCost(child, first) }
	c.Query.MembershipRequests = func(child int, _ *string, _ *netgraph.RequestStatus, first *int32, _ *string) int {
		return pagedCost(child, first)
	}

	// Unpaged lists cost a typical size.
	c.Person.Organisations = unpagedCost
	c.Person.Affiliations = unpagedCost
	c.Person.Networks = unpagedCost
	c.Person.Memberships = unpagedCost
	c.Organisation.People = unpagedCost
	c.Organisation.Affiliations = unpagedCost
	c.Organisation.Partnerships = unpagedCost
	c.Network.Members = unpagedCost

	// Analysis fields: an analysis, plus their items.
	c.Query.Centrality = func(child int, _ model.CentralityMetric, _ *model.ScopeInput, top *int32) int {
		return analysisCost + topCost(child, top)
	}
	c.Query.Connectors = func(child int, _ *model.ScopeInput, top *int32) int { return analysisCost + topCost(child, top) }
	c.Query.Sponsors = func(child int, _ *model.ScopeInput, top *int32) int { return analysisCost + topCost(child, top) }
	c.Query.SponsorRoleHolders = func(child int, _ *model.ScopeInput) int { return analysisCost + unpagedCost(child) }
	c.Query.SuggestedIntroductions = func(child int, _ *model.ScopeInput, top *int32) int {
		return analysisCost + topCost(child, top)
	}
	c.Query.Introductions = func(child int, _ string, _ *model.ScopeInput, top *int32) int {
		return analysisCost + topCost(child, top)
	}
	c.Query.IsolatedMembers = func(child int, _ *model.ScopeInput) int { return analysisCost + unpagedCost(child) }
	c.Query.PeripheralMembers = func(child int, _ *model.ScopeInput) int { return analysisCost + unpagedCost(child) }
	c.Query.Communities = func(child int, _ *model.ScopeInput) int { return analysisCost + unpagedCost(child) }
	c.Query.NetworkHealth = func(child int, _ *model.ScopeInput) int { return analysisCost + child }
	// Key players and brokerage are computed per request on the cached
	// snapshot: whatIf searches from everyone left (like an analysis), a key
	// player set repeats a search k times, brokerage lists top people.
	c.Query.WhatIf = func(child int, _ []string, _ *model.ScopeInput) int { return 2*analysisCost + child }
	c.Query.KeyPlayers = func(child int, _ *model.ScopeInput, k int32, _ *model.KeyPlayerGoal, _ *int32) int {
		return analysisCost + min(max(int(k), 1), maxKeyPlayers)*analysisCost/10 + child
	}
	c.Query.Brokerage = func(child int, _ *model.ScopeInput, _ *model.BrokerageGrouping, _ *bool, top *int32) int {
		return 2*analysisCost + topCost(child, top)
	}
	// An ego network reads the cached analysis; its lists (at most
	// analysis.MaxEgoPeople people) are charged by their length.
	c.Query.Ego = func(child int, _ string, _ *int32, _ *model.ScopeInput) int { return analysisCost + child }
	c.EgoNetwork.People = unpagedCost
	c.EgoNetwork.Ties = unpagedCost
	c.EgoNetwork.Bridges = unpagedCost
	c.WhatIf.Removed = unpagedCost
	c.WhatIf.CutOff = unpagedCost
	c.KeyPlayers.Set = unpagedCost
	c.Person.Metrics = func(child int, _ *model.ScopeInput) int { return personMetricsCost + child }
	// An export reads all of a person's records and their figures in every
	// scope they are in.
	c.Query.ExportPersonalData = func(child int, _ string) int { return analysisCost + child }
	c.PersonalDataExport.Affiliations = unpagedCost
	c.PersonalDataExport.Memberships = unpagedCost
	c.PersonalDataExport.Ties = unpagedCost
	c.PersonalDataExport.AuditEntries = unpagedCost
	c.PersonalDataExport.MembershipRequests = unpagedCost
	c.PersonalDataExport.Metrics = unpagedCost
	c.Community.Members = func(child int, first *int32, _ *string) int { return pagedCost(child, first) }
	// The whole graph of a scope: an analysis, plus one per person or tie
	// whatever fields it selects (scalars held in memory), so that a map can
	// be drawn in a few requests: { scopeGraph { people(first: 5000) { nodes
	// { id name community degree } } ties(first: 4800) { nodes { from to } } } }
	// costs 100 + 1 + (1 + 5000) + (1 + 4800) + their small fields.
	c.Query.ScopeGraph = func(child int, _ *model.ScopeInput) int { return analysisCost + child }
	c.ScopeGraph.People = func(child int, first *int32, _ *string) int { return graphPageCost(child, first) }
	c.ScopeGraph.Ties = func(child int, first *int32, _ *string) int { return graphPageCost(child, first) }
	c.NetworkHealth.ArticulationPoints = unpagedCost
	c.NetworkHealth.Bridges = unpagedCost
	c.Introduction.MutualContacts = unpagedCost
	c.SuggestedIntroduction.MutualContacts = unpagedCost
}

// topCost is the cost of an analysis list of `top` items (defaultTop if not
// given), each costing child.
func topCost(child int, top *int32) int {
	n := defaultTop
	if top != nil && *top > 0 {
		n = min(int(*top), maxTop)
	}
	return 1 + n*child
}

// pagedCost is the cost of a page of `first` items (the default page size if
// not given), each costing child.
func pagedCost(child int, first *int32) int {
	n := netgraph.DefaultPageSize
	if first != nil && *first > 0 {
		n = min(int(*first), netgraph.MaxPageSize)
	}
	return 1 + n*child
}

func unpagedCost(child int) int { return 1 + unpagedListSize*child }

// oncePerPage are the fields of a connection answered once for the whole
// page rather than per item (totalCount, pageInfo, a person's contacts). The price walk skips
// them: the 1 pagedCost charges for the page covers them, so { ties {
// totalCount } } costs 1 rather than 1 + 50 × 1, and a page's size
// multiplies only what it asks of each item (see TestPageCountsCostOne).
// They are skipped rather than priced at 0 because gqlgen takes a price
// below 1 as no price.
var oncePerPage = map[string]struct{}{
	"PersonConnection.totalCount": {}, "PersonConnection.pageInfo": {},
	"OrganisationConnection.totalCount": {}, "OrganisationConnection.pageInfo": {},
	"NetworkConnection.totalCount": {}, "NetworkConnection.pageInfo": {},
	"TieConnection.totalCount": {}, "TieConnection.pageInfo": {}, "TieConnection.contacts": {},
	"AuditEntryConnection.totalCount": {}, "AuditEntryConnection.pageInfo": {},
	"DismissedIntroductionConnection.totalCount": {}, "DismissedIntroductionConnection.pageInfo": {},
	"MembershipRequestConnection.totalCount": {}, "MembershipRequestConnection.pageInfo": {},
}

// price is the price of op by the schema's complexity functions.
func price(ctx context.Context, es graphql.ExecutableSchema, op *ast.OperationDefinition, vars map[string]any) int {
	return complexity.Calculate(ctx, es, op, vars, complexity.WithIgnoreFields(oncePerPage))
}

// graphPageCost is the cost of a page of ScopeGraph.people or .ties: one per
// item asked for (defaultGraphPage if not given), plus what the page selects
// besides its items (totalCount, pageInfo), which child includes along with
// one item's fields.
func graphPageCost(child int, first *int32) int {
	n := defaultGraphPage
	if first != nil && *first > 0 {
		n = min(int(*first), maxGraphPage)
	}
	return child + n
}

// operationCost is the cost limit: it prices the validated operation with
// the schema's complexity functions (setComplexity) and introspection by
// what it returns (introspectionCost), refuses an operation over the limit
// with QUERY_TOO_COMPLEX, and keeps the price for the request, so that
// unpaged lists can be charged by their real length as they resolve
// (chargeLists). It first refuses an operation whose request ran past its
// deadline while it was validated.
type operationCost struct {
	es    graphql.ExecutableSchema
	limit int
	// introspectionRole is the least role that may introspect; "" for any.
	introspectionRole netgraph.Role
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = operationCost{}

func (operationCost) ExtensionName() string { return "OperationCost" }

func (operationCost) Validate(graphql.ExecutableSchema) error { return nil }

func (c operationCost) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return timeoutError()
	}
	cost := price(ctx, c.es, oc.Operation, oc.Variables)
	if c.introspectionRole != "" && introspects(oc.Operation.SelectionSet) {
		if caller, _ := netgraph.CallerFrom(ctx); !caller.Role.Includes(c.introspectionRole) {
			return limitError(CodeForbidden, "introspecting the schema needs the %s role or higher", c.introspectionRole)
		}
	}
	if cost <= c.limit {
		cost += introspectionCost(c.es.Schema(), oc.Operation, oc.Variables, c.limit-cost+1)
	}
	if cost > c.limit {
		return limitError(CodeQueryTooComplex, "operation has complexity %d, which exceeds the limit of %d", cost, c.limit)
	}
	if st := stateFrom(ctx); st != nil {
		st.cost.Store(int64(cost))
		st.limit, st.es = int64(c.limit), c.es
	}
	return nil
}

// unpagedLists are the list fields without a `first` argument, which
// setComplexity prices at unpagedListSize items: chargeLists charges each
// by its real length once resolved (TestUnpagedListsCharged checks the
// schema has no other).
var unpagedLists = map[listField]bool{
	{"Person", "organisations"}:                  true,
	{"Person", "affiliations"}:                   true,
	{"Person", "networks"}:                       true,
	{"Person", "memberships"}:                    true,
	{"Organisation", "people"}:                   true,
	{"Organisation", "affiliations"}:             true,
	{"Organisation", "partnerships"}:             true,
	{"Network", "members"}:                       true,
	{"Query", "isolatedMembers"}:                 true,
	{"Query", "sponsorRoleHolders"}:              true,
	{"Query", "peripheralMembers"}:               true,
	{"Query", "communities"}:                     true,
	{"EgoNetwork", "people"}:                     true, // at most analysis.MaxEgoPeople
	{"EgoNetwork", "ties"}:                       true,
	{"EgoNetwork", "bridges"}:                    true,
	{"Query", "analysisStatuses"}:                true,
	{"Provenance", "metrics"}:                    true, // one per registry metric at most
	{"PersonalDataExport", "affiliations"}:       true,
	{"PersonalDataExport", "memberships"}:        true,
	{"PersonalDataExport", "ties"}:               true,
	{"PersonalDataExport", "auditEntries"}:       true,
	{"PersonalDataExport", "membershipRequests"}: true,
	{"PersonalDataExport", "metrics"}:            true,
	{"NetworkHealth", "articulationPoints"}:      true,
	{"NetworkHealth", "bridges"}:                 true,
	{"Introduction", "mutualContacts"}:           true,
	{"SuggestedIntroduction", "mutualContacts"}:  true,
	{"Introduction", "parts"}:                    true, // six at most
	{"SuggestedIntroduction", "parts"}:           true,
	{"WhatIf", "removed"}:                        true,
	{"WhatIf", "cutOff"}:                         true,
	{"KeyPlayers", "set"}:                        true,
	{"SpreadsheetImport", "kinds"}:               true, // one per kind of sheet at most
	{"SpreadsheetImport", "problems"}:            true, // app.MaxSheetProblems at most
	{"Community", "sharedBy"}:                    true, // two at most, priced as one by default
}

type listField struct{ object, field string }

// chargeLists charges an unpaged list, once resolved, for the items beyond
// the unpagedListSize its price assumed, each at the price of what the
// operation selects of it; once the operation's price passes the limit,
// the list is refused (QUERY_TOO_COMPLEX on its path) before any of its
// items is resolved. An organisation of 2,000 people costs its 2,000.
func chargeLists(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !unpagedLists[listField{fc.Object, fc.Field.Name}] {
		return next(ctx)
	}
	res, err := next(ctx)
	st := stateFrom(ctx)
	if err != nil || st == nil || st.limit == 0 {
		return res, err
	}
	v := reflect.ValueOf(res)
	if v.Kind() != reflect.Slice || v.Len() <= unpagedListSize {
		return res, err
	}
	extra := int64(v.Len()-unpagedListSize) * int64(st.itemCost(ctx, fc.Field.Field))
	if cost := st.cost.Add(extra); cost > st.limit {
		return nil, limitError(CodeQueryTooComplex, "%s.%s has %d items: with what the operation asks of each, it costs more than the limit of %d; ask for less",
			fc.Object, fc.Field.Name, v.Len(), st.limit)
	}
	return res, nil
}

// itemCost is the price of what field selects of each item of its list,
// computed once per field of the operation.
func (st *requestState) itemCost(ctx context.Context, field *ast.Field) int {
	if c, ok := st.itemCosts.Load(field); ok {
		return c.(int)
	}
	oc := graphql.GetOperationContext(ctx)
	c := max(price(ctx, st.es, &ast.OperationDefinition{SelectionSet: field.SelectionSet}, oc.Variables), 1)
	st.itemCosts.Store(field, c)
	return c
}

// introspectionCost prices the operation's __schema and __type fields by
// what they return: every field of every item, walked over the schema
// itself (gqlgen prices them at nothing). graphql-js' introspection query
// costs about 5,800 on netgraph's schema. It stops counting past budget.
func introspectionCost(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any, budget int) int {
	w := introspectionWalker{schema: schema, budget: budget}
	w.root(op.SelectionSet, vars)
	return w.cost
}

// introspects reports whether a root selection set asks for __schema or
// __type.
func introspects(set ast.SelectionSet) bool {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Name == "__schema" || sel.Name == "__type" {
				return true
			}
		case *ast.InlineFragment:
			if introspects(sel.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if sel.Definition != nil && introspects(sel.Definition.SelectionSet) {
				return true
			}
		}
	}
	return false
}

type introspectionWalker struct {
	schema *ast.Schema
	budget int
	cost   int
}

// introspected is one value introspection returns: the schema, a type (a
// named definition, or a list or non-null wrapper), a field, an input
// value, an enum value or a directive.
type introspected struct {
	schema    bool
	def       *ast.Definition
	typ       *ast.Type
	field     *ast.FieldDefinition
	arg       *ast.ArgumentDefinition
	enumValue bool
	directive *ast.DirectiveDefinition
}

func (w *introspectionWalker) root(set ast.SelectionSet, vars map[string]any) {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			switch sel.Name {
			case "__schema":
				w.cost++
				w.selectionSet(sel.SelectionSet, introspected{schema: true})
			case "__type":
				w.cost++
				name, _ := sel.ArgumentMap(vars)["name"].(string)
				if def := w.schema.Types[name]; def != nil {
					w.selectionSet(sel.SelectionSet, introspected{def: def})
				}
			}
		case *ast.InlineFragment:
			w.root(sel.SelectionSet, vars)
		case *ast.FragmentSpread:
			if sel.Definition != nil {
				w.root(sel.Definition.SelectionSet, vars)
			}
		}
	}
}

func (w *introspectionWalker) selectionSet(set ast.SelectionSet, v introspected) {
	for _, sel := range set {
		if w.cost > w.budget {
			return
		}
		switch sel := sel.(type) {
		case *ast.Field:
			w.cost++
			for _, item := range w.items(v, sel.Name) {
				w.selectionSet(sel.SelectionSet, item)
				if w.cost > w.budget {
					return
				}
			}
		case *ast.InlineFragment:
			w.selectionSet(sel.SelectionSet, v)
		case *ast.FragmentSpread:
			if sel.Definition != nil {
				w.selectionSet(sel.Definition.SelectionSet, v)
			}
		}
	}
}

// items returns what field of v holds: the items of a list, the one object
// of an object field, nothing for a scalar or null.
func (w *introspectionWalker) items(v introspected, field string) []introspected {
	var out []introspected
	named := func(name string) { out = appendDef(out, w.schema.Types[name]) }
	switch {
	case v.schema:
		switch field {
		case "types":
			for _, def := range w.schema.Types {
				out = append(out, introspected{def: def})
			}
		case "queryType":
			out = appendDef(out, w.schema.Query)
		case "mutationType":
			out = appendDef(out, w.schema.Mutation)
		case "subscriptionType":
			out = appendDef(out, w.schema.Subscription)
		case "directives":
			for _, d := range w.schema.Directives {
				out = append(out, introspected{directive: d})
			}
		}
	case v.typ != nil && (v.typ.NonNull || v.typ.Elem != nil):
		if field == "ofType" {
			of := v.typ.Elem
			if v.typ.NonNull {
				t := *v.typ
				t.NonNull = false
				of = &t
			}
			out = append(out, introspected{typ: of})
		}
	case v.typ != nil:
		named(v.typ.NamedType)
		if len(out) == 1 {
			return w.items(out[0], field)
		}
	case v.def != nil:
		switch field {
		case "fields":
			if v.def.Kind == ast.Object || v.def.Kind == ast.Interface {
				for _, f := range v.def.Fields {
					if !strings.HasPrefix(f.Name, "__") {
						out = append(out, introspected{field: f})
					}
				}
			}
		case "inputFields":
			if v.def.Kind == ast.InputObject {
				for _, f := range v.def.Fields {
					out = append(out, introspected{arg: &ast.ArgumentDefinition{Name: f.Name, Type: f.Type}})
				}
			}
		case "enumValues":
			for range v.def.EnumValues {
				out = append(out, introspected{enumValue: true})
			}
		case "interfaces":
			for _, name := range v.def.Interfaces {
				named(name)
			}
		case "possibleTypes":
			if v.def.IsAbstractType() {
				for _, def := range w.schema.GetPossibleTypes(v.def) {
					out = append(out, introspected{def: def})
				}
			}
		}
	case v.field != nil:
		switch field {
		case "args":
			for _, a := range v.field.Arguments {
				out = append(out, introspected{arg: a})
			}
		case "type":
			out = append(out, introspected{typ: v.field.Type})
		}
	case v.arg != nil:
		if field == "type" {
			out = append(out, introspected{typ: v.arg.Type})
		}
	case v.directive != nil:
		switch field {
		case "args":
			for _, a := range v.directive.Arguments {
				out = append(out, introspected{arg: a})
			}
		case "locations":
			for range v.directive.Locations {
				out = append(out, introspected{enumValue: true})
			}
		}
	}
	return out
}

func appendDef(out []introspected, def *ast.Definition) []introspected {
	if def == nil {
		return out
	}
	return append(out, introspected{def: def})
}
