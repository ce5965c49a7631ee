package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
)

// plan is the whole demo data set before it is stored. Entities refer to each
// other by their index in the plan; the store assigns the real ids.
type plan struct {
	orgs         []orgSpec
	nets         []networkSpec
	people       []personPlan
	affiliations []affiliationPlan
	memberships  []membershipPlan
	ties         []tiePlan
	partnerships []partnershipPlan

	isolates    []int // network members with no ties at all
	peripherals []int // network members with exactly one tie
	bridges     []int // people who link regions that are otherwise apart
}

type personPlan struct {
	name, email, title, profession, region string
	interests                              []string
	consent                                bool
	org                                    int // home organisation
	senior                                 bool
}

type affiliationPlan struct {
	person, org int
	role        string
	since       time.Time
}

type membershipPlan struct {
	person, net int
	role        netgraph.MembershipRole
	since       time.Time
}

type tiePlan struct {
	from, to int
	kind     netgraph.TieKind
	strength float64
	since    time.Time
	last     *time.Time
}

type partnershipPlan struct {
	a, b  int
	kind  netgraph.PartnershipKind
	since time.Time
}

// Sizes of the deliberately unusual groups of people.
const (
	isolateCount    = 5
	peripheralCount = 8
	bridgeCount     = 6
	bridgeReach     = 3 // other regions each bridge person links to
)

// The demo's dates fall between epoch and horizon so that they, too, are the
// same every run.
var (
	epoch   = time.Date(2012, time.January, 1, 0, 0, 0, 0, time.UTC)
	horizon = time.Date(2025, time.June, 30, 0, 0, 0, 0, time.UTC)
)

// seed fixes the random choices, so every run plans the same data.
const seed1, seed2 = 20240917, 1848

// newPlan builds the demo data set. It is a pure function of the fixed seed
// and the lists in data.go.
func newPlan() *plan {
	g := &planner{
		r:      rand.New(rand.NewPCG(seed1, seed2)),
		plan:   &plan{orgs: organisations, nets: networks},
		ties:   make(map[[2]int]bool),
		degree: make(map[int]int),
	}
	g.planPeople()
	g.planSecondPosts()
	g.planMemberships()
	g.planSpecialPeople()
	g.planTies()
	g.planPartnerships()
	return g.plan
}

// planner holds the state of building a plan.
type planner struct {
	r *rand.Rand
	*plan
	staff   [][]int // organisation → people affiliated with it
	members [][]int // network → its members
	roles   []map[int]netgraph.MembershipRole
	special map[int]bool // isolates and peripherals: no ties but those planned for them
	ties    map[[2]int]bool
	degree  map[int]int
}

func (g *planner) planPeople() {
	used := make(map[string]bool)
	g.staff = make([][]int, len(g.orgs))
	for o, org := range g.orgs {
		n := staffSize[org.sector] + g.r.IntN(5) - 2
		for i := range n {
			j := g.pickJob(org.sector, i == 0) // every organisation has a head
			first, last := g.uniqueName(used)
			p := personPlan{
				name:       first + " " + last,
				email:      emailLocal(first) + "." + emailLocal(last) + "@" + org.domain,
				title:      j.title,
				profession: j.profession,
				region:     org.region,
				interests:  g.pickInterests(org.sector),
				consent:    g.r.Float64() >= 0.03,
				org:        o,
				senior:     j.senior,
			}
			id := len(g.people)
			g.people = append(g.people, p)
			g.staff[o] = append(g.staff[o], id)
			g.affiliations = append(g.affiliations, affiliationPlan{person: id, org: o, role: j.title, since: g.date(epoch, horizon)})
		}
	}
}

// planSecondPosts gives about one person in twenty-five a part-time post at a
// second organisation in their region.
func (g *planner) planSecondPosts() {
	for id := range g.people {
		if g.r.IntN(25) != 0 {
			continue
		}
		p := g.people[id]
		var others []int
		for o, org := range g.orgs {
			if o != p.org && org.region == p.region {
				others = append(others, o)
			}
		}
		o := others[g.r.IntN(len(others))]
		g.staff[o] = append(g.staff[o], id)
		g.affiliations = append(g.affiliations, affiliationPlan{person: id, org: o, role: p.title + " (part-time)", since: g.date(epoch, horizon)})
	}
}

// planMemberships recruits each network's members from its regions and
// sectors (or anyone there who shares its interest) and gives them roles: one
// lead and one or two sponsors from senior people, one to three facilitators,
// about a tenth core members, and the rest members.
func (g *planner) planMemberships() {
	g.members = make([][]int, len(g.nets))
	g.roles = make([]map[int]netgraph.MembershipRole, len(g.nets))
	for n, spec := range g.nets {
		var seniors, others []int
		for id, p := range g.people {
			if !recruits(spec, p, g.orgs[p.org].sector) {
				continue
			}
			if p.senior {
				seniors = append(seniors, id)
			} else {
				others = append(others, id)
			}
		}
		g.r.Shuffle(len(seniors), func(i, j int) { seniors[i], seniors[j] = seniors[j], seniors[i] })
		g.r.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })

		roles := make(map[int]netgraph.MembershipRole)
		var order []int
		add := func(id int, role netgraph.MembershipRole) {
			roles[id] = role
			order = append(order, id)
		}
		sponsors := min(1+g.r.IntN(2), len(seniors)-1) // every network's regions have several seniors
		add(seniors[0], netgraph.MembershipLead)
		for _, id := range seniors[1 : 1+sponsors] {
			add(id, netgraph.MembershipSponsor)
		}
		// The remaining seniors join as ordinary members among the others.
		rest := append(others, seniors[1+sponsors:]...)
		g.r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
		rest = rest[:min(len(rest), spec.size-len(order))]
		facilitators := 1 + g.r.IntN(3)
		core := int(math.Round(float64(spec.size) / 10))
		for i, id := range rest {
			switch {
			case i < facilitators:
				add(id, netgraph.MembershipFacilitator)
			case i < facilitators+core:
				add(id, netgraph.MembershipCore)
			default:
				add(id, netgraph.MembershipMember)
			}
		}
		g.members[n], g.roles[n] = order, roles
		for _, id := range order {
			g.memberships = append(g.memberships, membershipPlan{person: id, net: n, role: roles[id], since: g.date(time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), horizon)})
		}
	}
}

// recruits reports whether a network draws on person p, who works in sector.
func recruits(spec networkSpec, p personPlan, sector netgraph.Sector) bool {
	if spec.regions != nil && !slices.Contains(spec.regions, p.region) {
		return false
	}
	return spec.sectors == nil || slices.Contains(spec.sectors, sector) || slices.Contains(p.interests, spec.interest)
}

// planSpecialPeople picks the isolates and peripheral members (ordinary
// members of a network) and the bridge people (core members or facilitators
// of national networks, who know people in other regions).
func (g *planner) planSpecialPeople() {
	g.special = make(map[int]bool)
	taken := make(map[int]bool)
	pick := func(want int, ok func(net, id int) bool) []int {
		var out []int
		for progress := true; len(out) < want && progress; {
			progress = false
			for n := range g.nets {
				candidates := slices.DeleteFunc(slices.Clone(g.members[n]), func(id int) bool { return taken[id] || !ok(n, id) })
				if len(candidates) == 0 || len(out) == want {
					continue
				}
				id := candidates[g.r.IntN(len(candidates))]
				taken[id] = true
				out = append(out, id)
				progress = true
			}
		}
		return out
	}
	ordinary := func(n, id int) bool { return g.roles[n][id] == netgraph.MembershipMember && g.memberCount(id) == 1 }
	g.bridges = pick(bridgeCount, func(n, id int) bool {
		r := g.roles[n][id]
		return g.nets[n].regions == nil && (r == netgraph.MembershipCore || r == netgraph.MembershipFacilitator)
	})
	g.isolates = pick(isolateCount, ordinary)
	g.peripherals = pick(peripheralCount, ordinary)
	for _, id := range append(slices.Clone(g.isolates), g.peripherals...) {
		g.special[id] = true
	}
}

// memberCount returns how many networks a person belongs to.
func (g *planner) memberCount(id int) int {
	n := 0
	for _, roles := range g.roles {
		if _, ok := roles[id]; ok {
			n++
		}
	}
	return n
}

// planTies connects people: densely within organisations, more sparsely
// across organisations of the same region (mostly through shared networks),
// and across regions only through the bridge people. Strengths lean towards
// weak ties, more so across organisations.
func (g *planner) planTies() {
	// Within organisations.
	for _, staff := range g.staff {
		staff = g.ordinary(staff)
		p := min(0.5, 4.5/float64(len(staff)-1))
		for i, a := range staff {
			for _, b := range staff[i+1:] {
				if g.r.Float64() < p {
					g.connect(a, b, true)
				}
			}
		}
	}
	// Across organisations, within a network and region.
	for n := range g.nets {
		members := g.ordinary(g.members[n])
		for _, a := range members {
			if g.r.Float64() >= 0.6 {
				continue
			}
			for range 5 { // a few tries to find someone suitable
				b := members[g.r.IntN(len(members))]
				pa, pb := g.people[a], g.people[b]
				if pa.org != pb.org && pa.region == pb.region {
					g.connect(a, b, false)
					break
				}
			}
		}
	}
	// Across organisations, within a region, outside any network.
	byRegion := make(map[string][]int)
	for id, p := range g.people {
		if !g.special[id] {
			byRegion[p.region] = append(byRegion[p.region], id)
		}
	}
	for _, region := range regions {
		people := byRegion[region]
		for range len(people) / 10 {
			a, b := people[g.r.IntN(len(people))], people[g.r.IntN(len(people))]
			if g.people[a].org != g.people[b].org {
				g.connect(a, b, false)
			}
		}
	}
	// Across regions: each bridge person knows someone in a few other regions,
	// preferably from a network they share.
	for _, b := range g.bridges {
		home := g.people[b].region
		others := slices.DeleteFunc(slices.Clone(regions), func(r string) bool { return r == home })
		g.r.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
		for _, region := range others[:bridgeReach] {
			var candidates []int
			for n := range g.nets {
				if _, ok := g.roles[n][b]; !ok {
					continue
				}
				for _, id := range g.ordinary(g.members[n]) {
					if g.people[id].region == region {
						candidates = append(candidates, id)
					}
				}
			}
			if len(candidates) == 0 {
				candidates = byRegion[region]
			}
			g.connectStrength(b, candidates[g.r.IntN(len(candidates))], 4+float64(g.r.IntN(4)), false)
		}
	}
	// Nobody but the isolates is left without a tie ...
	for id := range g.people {
		if !g.special[id] && g.degree[id] == 0 {
			g.connect(id, g.colleague(id), true)
		}
	}
	// ... and the peripheral members have exactly one.
	for _, id := range g.peripherals {
		g.connect(id, g.colleague(id), true)
	}
}

// ordinary returns the people in ids that are neither isolates nor
// peripheral members.
func (g *planner) ordinary(ids []int) []int {
	return slices.DeleteFunc(slices.Clone(ids), func(id int) bool { return g.special[id] })
}

// colleague returns someone at id's home organisation who may take more ties.
func (g *planner) colleague(id int) int {
	staff := slices.DeleteFunc(g.ordinary(g.staff[g.people[id].org]), func(c int) bool { return c == id })
	return staff[g.r.IntN(len(staff))]
}

// connect plans a tie between a and b (if they have none yet), stronger on
// average between colleagues.
func (g *planner) connect(a, b int, colleagues bool) {
	skew := 3.0 // weak ties dominate, more so across organisations
	if colleagues {
		skew = 2.0
	}
	g.connectStrength(a, b, min(netgraph.MaxStrength, 1+math.Floor(10*math.Pow(g.r.Float64(), skew))), colleagues)
}

func (g *planner) connectStrength(a, b int, strength float64, colleagues bool) {
	key := [2]int{min(a, b), max(a, b)}
	if a == b || g.ties[key] {
		return
	}
	g.ties[key] = true
	g.degree[a]++
	g.degree[b]++

	kinds := []netgraph.TieKind{netgraph.TieKnows, netgraph.TieCollaborates, netgraph.TieAdvises, netgraph.TieIntroduced}
	weights := []int{50, 25, 10, 15}
	if colleagues {
		weights = []int{35, 45, 15, 5}
	}
	kind := kinds[g.weighted(weights)]
	from, to := a, b
	if kind == netgraph.TieAdvises && g.people[b].senior && !g.people[a].senior {
		from, to = b, a // advice flows from the senior person
	}
	t := tiePlan{from: from, to: to, kind: kind, strength: strength, since: g.date(epoch, horizon)}
	if g.r.IntN(10) < 7 {
		last := g.date(t.since, horizon)
		t.last = &last
	}
	g.plan.ties = append(g.plan.ties, t)
}

// planPartnerships links the organisations of each region by the partnership
// rules.
func (g *planner) planPartnerships() {
	for _, region := range regions {
		for _, rule := range partnershipRules {
			a, b := g.orgIn(region, rule.a), g.orgIn(region, rule.b)
			if a >= 0 && b >= 0 {
				g.partnerships = append(g.partnerships, partnershipPlan{a: a, b: b, kind: rule.kind, since: g.date(epoch, horizon)})
			}
		}
	}
}

// orgIn returns the first organisation of a sector in a region, or -1.
func (g *planner) orgIn(region string, sector netgraph.Sector) int {
	return slices.IndexFunc(g.orgs, func(o orgSpec) bool { return o.region == region && o.sector == sector })
}

// pickJob picks a job in a sector by weight; a senior one if head is set.
func (g *planner) pickJob(sector netgraph.Sector, head bool) job {
	js := jobs[sector]
	if head {
		js = slices.DeleteFunc(slices.Clone(js), func(j job) bool { return !j.senior })
	}
	w := make([]int, len(js))
	for i, j := range js {
		w[i] = j.weight
	}
	return js[g.weighted(w)]
}

// uniqueName returns a first and last name not used before.
func (g *planner) uniqueName(used map[string]bool) (first, last string) {
	for {
		first, last = firstNames[g.r.IntN(len(firstNames))], lastNames[g.r.IntN(len(lastNames))]
		if !used[first+" "+last] {
			used[first+" "+last] = true
			return first, last
		}
	}
}

// pickInterests returns two to four topics, mostly ones the sector favours.
func (g *planner) pickInterests(sector netgraph.Sector) []string {
	want := 2 + g.r.IntN(3)
	var out []string
	for len(out) < want {
		list := topics
		if g.r.Float64() < 0.65 {
			list = sectorTopics[sector]
		}
		if t := list[g.r.IntN(len(list))]; !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// weighted returns an index into w, chosen with probability proportional to
// its weight.
func (g *planner) weighted(w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := g.r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	panic("unreachable")
}

// date returns a day between from and to.
func (g *planner) date(from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	return from.AddDate(0, 0, g.r.IntN(max(days, 1)))
}

// emailLocal turns a name into the letters of an e-mail address.
func emailLocal(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, name)
}

// External ids make every demo entity recognisable and reseeding idempotent.
func personExternalID(i int) string       { return fmt.Sprintf("demo-person-%04d", i+1) }
func organisationExternalID(i int) string { return fmt.Sprintf("demo-organisation-%02d", i+1) }
func networkExternalID(i int) string      { return fmt.Sprintf("demo-network-%d", i+1) }
