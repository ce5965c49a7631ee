package graph

import (
	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/graph/generated"
)

// unpagedListSize is the number of items assumed for a list that has no
// `first` argument (a person's organisations, a network's members).
const unpagedListSize = 20

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

	// Unpaged lists cost a typical size.
	c.Person.Organisations = unpagedCost
	c.Person.Affiliations = unpagedCost
	c.Person.Networks = unpagedCost
	c.Person.Memberships = unpagedCost
	c.Organisation.People = unpagedCost
	c.Organisation.Affiliations = unpagedCost
	c.Organisation.Partnerships = unpagedCost
	c.Network.Members = unpagedCost
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
