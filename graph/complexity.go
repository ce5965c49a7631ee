package graph

import (
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
	c.Person.Ties = func(child int, first *int32, _ *string) int { return pagedCost(child, first) }
	c.Query.AuditLog = func(child int, first *int32, _ *string, _ *netgraph.AuditFilter) int {
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
	c.Person.Metrics = func(child int, _ *model.ScopeInput) int { return personMetricsCost + child }
	// An export reads all of a person's records and their figures in every
	// scope they are in.
	c.Query.ExportPersonalData = func(child int, _ string) int { return analysisCost + child }
	c.PersonalDataExport.Affiliations = unpagedCost
	c.PersonalDataExport.Memberships = unpagedCost
	c.PersonalDataExport.Ties = unpagedCost
	c.PersonalDataExport.AuditEntries = unpagedCost
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
