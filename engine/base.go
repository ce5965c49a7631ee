package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/analysis"
)

// base is the whole graph as analysis needs it, read with one ReadGraph and
// held for as long as its data version is current: people by index with
// their profiles, ties by index, and who belongs to each network and
// organisation. Scope snapshots are filtered from it without going back to
// the store. It holds no e-mails or other personal details beyond what
// roles, introductions and community names use (names, which introductions'
// reasons give; organisations with their sectors, profession, region,
// interests, consent). A base is immutable once built.
type base struct {
	version uint64

	ids   []string         // people, in the order ReadGraph gave them
	index map[string]int32 // person id → index
	// Per person, indexed like ids.
	declined    []bool
	names       []string
	interests   [][]string
	professions []string
	regions     []string
	orgs        [][]analysis.Group
	sectors     [][]string // the sectors of orgs, as reasons show them
	roles       [][]string // every membership role held, distinct, in stream order
	// dismissed are, per person, the people whose introduction to them a
	// facilitator dismissed (each pair listed at both ends).
	dismissed map[int32][]string

	ties []baseTie

	networks      map[string][]member // network id → its members
	organisations map[string][]int32  // organisation id → its people
}

// sectorWords are the sectors as introductions' reasons name them ("both
// work in the NHS trust sector"); OTHER is no sector in common, so it is not
// here.
var sectorWords = map[netgraph.Sector]string{
	netgraph.SectorNHSTrust:        "NHS trust",
	netgraph.SectorPrimaryCare:     "primary care",
	netgraph.SectorPublicHealth:    "public health",
	netgraph.SectorPublicLibrary:   "public library",
	netgraph.SectorAcademicLibrary: "academic library",
	netgraph.SectorCharity:         "charity and voluntary",
	netgraph.SectorLocalAuthority:  "local authority",
	netgraph.SectorSocialCare:      "social care",
	netgraph.SectorUniversity:      "university",
	netgraph.SectorGovernment:      "government",
}

// baseTie is a tie between two people by index, with its strength. A pair
// tied by several kinds appears once per kind; the snapshot builder keeps the
// strongest.
type baseTie struct {
	a, b     int32
	strength float64
}

// member is a person's membership of a network.
type member struct {
	person int32
	role   string
}

// readBase reads the whole graph from store. Records are only copied into
// compact slices while the store streams them, so the store's read is as
// short as it can be.
func readBase(ctx context.Context, store netgraph.Store) (*base, error) {
	b := &base{
		index:         map[string]int32{},
		networks:      map[string][]member{},
		organisations: map[string][]int32{},
	}
	orgNames := map[string]string{}
	orgSectors := map[string]string{}
	person := func(id string) (int32, bool) {
		i, ok := b.index[id]
		return i, ok
	}
	version, err := store.ReadGraph(ctx, func(r netgraph.Record) error {
		switch {
		case r.Organisation != nil:
			orgNames[r.Organisation.ID] = r.Organisation.Name
			if words, ok := sectorWords[r.Organisation.Sector]; ok {
				orgSectors[r.Organisation.ID] = words
			}
			if _, ok := b.organisations[r.Organisation.ID]; !ok {
				b.organisations[r.Organisation.ID] = nil
			}
		case r.Network != nil:
			if _, ok := b.networks[r.Network.ID]; !ok {
				b.networks[r.Network.ID] = nil
			}
		case r.Person != nil:
			p := r.Person
			if _, ok := b.index[p.ID]; ok {
				return nil
			}
			b.index[p.ID] = int32(len(b.ids))
			b.ids = append(b.ids, p.ID)
			b.declined = append(b.declined, !p.Consent)
			b.names = append(b.names, p.Name)
			b.sectors = append(b.sectors, nil)
			b.interests = append(b.interests, p.Interests)
			b.professions = append(b.professions, p.Profession)
			b.regions = append(b.regions, p.Region)
			b.orgs = append(b.orgs, nil)
			b.roles = append(b.roles, nil)
		case r.Affiliation != nil:
			a := r.Affiliation
			v, ok := person(a.PersonID)
			if !ok {
				return nil // cannot happen in a consistent stream; ignore rather than fail a report
			}
			b.orgs[v] = append(b.orgs[v], analysis.Group{ID: a.OrganisationID, Name: orgNames[a.OrganisationID]})
			if sector, ok := orgSectors[a.OrganisationID]; ok && !slices.Contains(b.sectors[v], sector) {
				b.sectors[v] = append(b.sectors[v], sector)
			}
			b.organisations[a.OrganisationID] = append(b.organisations[a.OrganisationID], v)
		case r.Membership != nil:
			m := r.Membership
			v, ok := person(m.PersonID)
			if !ok {
				return nil
			}
			role := string(m.Role)
			if role == "" {
				role = string(netgraph.MembershipMember)
			}
			b.networks[m.NetworkID] = append(b.networks[m.NetworkID], member{v, role})
			if !slices.Contains(b.roles[v], role) {
				b.roles[v] = append(b.roles[v], role)
			}
		case r.Tie != nil:
			t := r.Tie
			u, ok1 := person(t.From)
			v, ok2 := person(t.To)
			if !ok1 || !ok2 || u == v {
				return nil
			}
			s := t.Strength
			if !(s >= netgraph.MinStrength && s <= netgraph.MaxStrength) { // stored before the minimum, or NaN
				s = netgraph.DefaultStrength
			}
			b.ties = append(b.ties, baseTie{u, v, s})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read graph: %w", err)
	}
	b.version = version
	// Read after the graph, so a dismissal committed by its version is
	// here: one committed later changes the version, and the base is read
	// again.
	ds, err := store.Dismissals(ctx)
	if err != nil {
		return nil, fmt.Errorf("read dismissed introductions: %w", err)
	}
	for _, d := range ds {
		u, ok1 := person(d.A)
		v, ok2 := person(d.B)
		if !ok1 || !ok2 {
			continue
		}
		if b.dismissed == nil {
			b.dismissed = map[int32][]string{}
		}
		b.dismissed[u] = append(b.dismissed[u], d.B)
		b.dismissed[v] = append(b.dismissed[v], d.A)
	}
	return b, nil
}

// snapshot builds the weighted snapshot of scope: its people in the order
// the store gave them, their profiles, and the ties among them. The roles in
// a profile are the person's role in the network for a network scope, and
// all their membership roles otherwise. ENOTFOUND if the scope's network or
// organisation does not exist.
func (b *base) snapshot(scope Scope) (*analysis.Snapshot, error) {
	var (
		people []int32    // base indexes, ascending; nil with all = everyone
		roles  [][]string // per entry of people; nil: all their roles
		all    bool
	)
	switch {
	case scope.NetworkID != "":
		members, ok := b.networks[scope.NetworkID]
		if !ok {
			return nil, netgraph.NotFound("scope.networkId", "network", scope.NetworkID)
		}
		members = slices.Clone(members)
		slices.SortFunc(members, func(x, y member) int { return int(x.person - y.person) })
		people = make([]int32, len(members))
		roles = make([][]string, len(members))
		for i, m := range members {
			people[i], roles[i] = m.person, []string{m.role}
		}
	case scope.OrganisationID != "":
		staff, ok := b.organisations[scope.OrganisationID]
		if !ok {
			return nil, netgraph.NotFound("scope.organisationId", "organisation", scope.OrganisationID)
		}
		people = slices.Compact(slices.Sorted(slices.Values(staff)))
	default:
		all = true
	}

	n := len(people)
	if all {
		n = len(b.ids)
	}
	// inScope marks the people of the scope, so that a tie is kept when both
	// its ends are marked.
	var inScope []bool
	if !all {
		inScope = make([]bool, len(b.ids))
		for _, v := range people {
			inScope[v] = true
		}
	}
	ties := len(b.ties)
	if !all && len(b.ids) > 0 {
		ties = int(int64(len(b.ties)) * int64(n) / int64(len(b.ids)))
	}
	g := analysis.NewBuilder(true)
	g.Grow(n, ties)
	g.SetVersion(b.version)
	add := func(v int32, roles []string) {
		g.SetProfile(b.ids[v], analysis.Profile{
			Name:          b.names[v],
			Organisations: b.orgs[v],
			Profession:    b.professions[v],
			Sectors:       b.sectors[v],
			Region:        b.regions[v],
			Interests:     b.interests[v],
			Roles:         roles,
			Declined:      b.declined[v],
			Dismissed:     b.dismissed[v],
		})
	}
	if all {
		for v := range int32(len(b.ids)) {
			add(v, b.roles[v])
		}
	} else {
		for i, v := range people {
			if roles != nil {
				add(v, roles[i])
			} else {
				add(v, b.roles[v])
			}
		}
	}
	for _, t := range b.ties {
		if !all && (!inScope[t.a] || !inScope[t.b]) {
			continue
		}
		if err := g.AddTie(b.ids[t.a], b.ids[t.b], t.strength); err != nil {
			return nil, fmt.Errorf("snapshot of %s: %w", scope, err)
		}
	}
	return g.Build(), nil
}
