package graph

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/engine"
	"github.com/netgraph/netgraph/graph/model"
)

// Query.scopeGraph: a scope's people and ties with their figures, paged, so
// that a client can draw the whole network in a few requests. Everything
// comes from the scope's analysis (shared with every other analysis field);
// only names, regions and tie kinds are read from the store, in one batch
// per page.

// Page sizes of ScopeGraph.people and ScopeGraph.ties.
const (
	defaultGraphPage = 1000
	maxGraphPage     = 5000
)

// Cursor kinds of ScopeGraph.people and ScopeGraph.ties. Their keys are
// "VERSION:POSITION": the data version the page was read from and the
// position of its last item (a person's index in the snapshot; a tie's
// offset in the snapshot's neighbour lists).
const (
	graphPersonCursor = "graph-person"
	graphTieCursor    = "graph-tie"
)

func (r *Resolver) scopeGraph(ctx context.Context, scope *model.ScopeInput) (*model.ScopeGraph, error) {
	a, err := r.analyse(ctx, scope, needScopeGraph)
	if err != nil {
		return nil, err
	}
	return &model.ScopeGraph{Analysis: a, Provenance: provenanceOf(a)}, nil
}

// graphPage reads the first and after arguments of a ScopeGraph list: the
// page size, and the position after which the page starts (-1 for the
// start). A cursor from another data version is refused, so that a client
// never mixes two versions of the graph.
func graphPage(kind string, a *engine.Analysis, first *int32, after *string) (n, from int, err error) {
	n = defaultGraphPage
	if first != nil {
		if *first < 1 || *first > maxGraphPage {
			return 0, 0, netgraph.Invalid("first", "must be between 1 and %d (got %d)", maxGraphPage, *first)
		}
		n = int(*first)
	}
	key, err := decodeCursor(kind, after)
	if err != nil || key == "" {
		return n, -1, err
	}
	version, pos, ok := strings.Cut(key, ":")
	p, perr := strconv.Atoi(pos)
	if !ok || perr != nil || p < 0 {
		return 0, 0, netgraph.Invalid("after", "is not a cursor from this list")
	}
	if version != strconv.FormatUint(a.Version(), 10) {
		return 0, 0, netgraph.Invalid("after", "was read from data version %s, but the data has changed since (now %d): start again without after", version, a.Version())
	}
	return n, p, nil
}

func graphCursor(kind string, a *engine.Analysis, pos int) string {
	return encodeCursor(kind, strconv.FormatUint(a.Version(), 10)+":"+strconv.Itoa(pos))
}

func (r *Resolver) scopeGraphPeople(ctx context.Context, g *model.ScopeGraph, first *int32, after *string) (*model.ScopeGraphPeople, error) {
	a := g.Analysis
	n, from, err := graphPage(graphPersonCursor, a, first, after)
	if err != nil {
		return nil, err
	}
	total := a.Snapshot.N()
	start := min(from+1, total)
	end := min(start+n, total)
	people, err := r.loaders(ctx).people.loadAll(ctx, a.Snapshot.IDs()[start:end])
	if err != nil {
		return nil, err
	}
	out := &model.ScopeGraphPeople{Nodes: make([]*model.GraphPerson, 0, end-start), TotalCount: int32(total)}
	for _, p := range people {
		if p == nil {
			continue // erased since the analysis; the engine was purged
		}
		out.Nodes = append(out.Nodes, graphPerson(a, p))
	}
	last := ""
	if end > start {
		last = graphCursor(graphPersonCursor, a, end-1)
	}
	out.PageInfo = pageInfo(end < total, last)
	return out, nil
}

// graphPerson is person p of a's scope with their figures, from the
// analysis's view by id.
func graphPerson(a *engine.Analysis, p *netgraph.Person) *model.GraphPerson {
	m, structural, _ := a.View.Person(p.ID)
	prof, _ := a.View.Profile(p.ID)
	orgs := make([]string, len(prof.Organisations))
	for i, o := range prof.Organisations {
		orgs[i] = o.ID
	}
	roles := make([]netgraph.MembershipRole, 0, len(prof.Roles))
	for _, r := range prof.Roles {
		if role := netgraph.MembershipRole(r); !slices.Contains(roles, role) {
			roles = append(roles, role)
		}
	}
	return &model.GraphPerson{
		ID:              p.ID,
		Name:            p.Name,
		Region:          p.Region,
		OrganisationIds: orgs,
		MembershipRoles: roles,
		Roles:           roleModels(structural),
		Community:       int32(m.Community),
		CommunityName:   a.CommunityName(m.Community),
		Degree:          int32(m.Degree),
		Strength:        finite(m.Strength),
		Betweenness:     finite(m.Betweenness),
		Closeness:       finite(m.Closeness),
		Eigenvector:     finite(m.Eigenvector),
		Pagerank:        finite(m.PageRank),
		Core:            int32(m.Core),
	}
}

func (r *Resolver) scopeGraphTies(ctx context.Context, g *model.ScopeGraph, first *int32, after *string) (*model.ScopeGraphTies, error) {
	a := g.Analysis
	s := a.Snapshot
	n, from, err := graphPage(graphTieCursor, a, first, after)
	if err != nil {
		return nil, err
	}
	// Each pair once, from the end with the lower index. Positions run over
	// the neighbour lists end to end, so person u's k-th tie is at position
	// (ties of the people before u) + k.
	type pair struct{ u, k, pos int }
	var pairs []pair
	more := false
	pos := 0
scan:
	for u := range s.N() {
		nb := s.Neighbors(u)
		if pos+len(nb) <= from {
			pos += len(nb)
			continue
		}
		for k, w := range nb {
			if pos > from && int(w) > u {
				if len(pairs) == n {
					more = true
					break scan
				}
				pairs = append(pairs, pair{u, k, pos})
			}
			pos++
		}
	}

	// The kinds of the pairs' ties, from the store: one batch for the people
	// the page's ties start from.
	var owners []string
	for i, p := range pairs {
		if i == 0 || pairs[i-1].u != p.u {
			owners = append(owners, s.ID(p.u))
		}
	}
	tiesOf, err := r.loaders(ctx).tiesByPerson.loadAll(ctx, owners)
	if err != nil {
		return nil, err
	}
	byOwner := make(map[string][]netgraph.Tie, len(owners))
	for i, id := range owners {
		byOwner[id] = tiesOf[i]
	}

	out := &model.ScopeGraphTies{Nodes: make([]*model.GraphTie, 0, len(pairs)), TotalCount: int32(s.M())}
	for _, p := range pairs {
		from, to := s.ID(p.u), s.ID(int(s.Neighbors(p.u)[p.k]))
		out.Nodes = append(out.Nodes, &model.GraphTie{
			From:     from,
			To:       to,
			Kinds:    kindsBetween(byOwner[from], from, to),
			Strength: finite(s.Strengths(p.u)[p.k]),
		})
	}
	last := ""
	if len(pairs) > 0 {
		last = graphCursor(graphTieCursor, a, pairs[len(pairs)-1].pos)
	}
	out.PageInfo = pageInfo(more, last)
	return out, nil
}

// kindsBetween lists the kinds of the ties (those of person from) that lead
// to person to, in TieKind order.
func kindsBetween(ties []netgraph.Tie, from, to string) []netgraph.TieKind {
	kinds := []netgraph.TieKind{}
	for _, kind := range netgraph.TieKinds {
		if slices.ContainsFunc(ties, func(t netgraph.Tie) bool { return t.Kind == kind && t.Other(from) == to }) {
			kinds = append(kinds, kind)
		}
	}
	return kinds
}
