package analysis

import (
	"math"
	"slices"
	"sync"
)

// A View presents a Result by person id: rankings, role lists,
// introductions, communities and health, each worked out once per result
// and shared by every edge (GraphQL, reports). Edges only format what it
// gives; this is the one place snapshot indexes become ids.

// View is a Result with its snapshot, presented by person id. It is safe for
// concurrent use; rankings are computed on first use and kept.
type View struct {
	g *Snapshot
	r *Result

	mu       sync.Mutex
	rankings map[string][]int // metric name → people, best first
	roles    map[int][]PersonRole
	// orgGroup and orgGroups are OrganisationGroups, for Ego.
	orgGroup  []int32
	orgGroups []string
}

// NewView returns the view of r, computed from g.
func NewView(g *Snapshot, r *Result) *View {
	return &View{g: g, r: r, rankings: map[string][]int{}}
}

// Snapshot is what was analysed.
func (w *View) Snapshot() *Snapshot { return w.g }

// Result is what was found.
func (w *View) Result() *Result { return w.r }

// Ranked is one person's place in a ranking: equal scores share a rank
// (1, 2, 2, 4).
type Ranked struct {
	PersonID string
	Score    float64
	Rank     int
}

// Ranking returns the first k people by metric m (k ≤ 0: everyone), best
// first: highest value first (lowest for Metric.LowFirst), equal values in
// snapshot order; people whose value is NaN are left out. The ranking is
// sorted once per view; nil if m was not computed.
func (w *View) Ranking(m Metric, k int) []Ranked {
	if !w.r.Metrics.Has(m.Kernel) {
		return nil
	}
	order := w.order(m)
	if k > 0 && k < len(order) {
		order = order[:k]
	}
	out := make([]Ranked, len(order))
	for i, v := range order {
		out[i] = Ranked{PersonID: w.g.ID(v), Score: m.Value(&w.r.People[v]), Rank: i + 1}
		if i > 0 && out[i].Score == out[i-1].Score {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// order is everyone ranked by m, sorted on first use.
func (w *View) order(m Metric) []int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if o, ok := w.rankings[m.Name]; ok {
		return o
	}
	people := w.r.People
	o := TopK(len(people), func(v int) float64 { return m.Value(&people[v]) }, -1, m.LowFirst)
	w.rankings[m.Name] = o
	return o
}

// TopK returns the indexes 0..n−1 of the k highest values (the k lowest if
// lowFirst; every index if k < 0 or k ≥ n), best first, equal values in index
// order; indexes whose value is NaN are left out. It keeps the best k in a
// heap whose root is the worst kept: O(n log k).
func TopK(n int, value func(v int) float64, k int, lowFirst bool) []int {
	better := func(u, v int) bool { // u ranks before v
		x, y := value(u), value(v)
		if lowFirst {
			x, y = y, x
		}
		return x > y || x == y && u < v
	}
	if k < 0 || k >= n {
		all := make([]int, 0, n)
		for v := range n {
			if !math.IsNaN(value(v)) {
				all = append(all, v)
			}
		}
		slices.SortFunc(all, func(u, v int) int {
			if better(u, v) {
				return -1
			}
			return 1
		})
		return all
	}
	if k == 0 {
		return nil
	}
	h := make([]int, 0, k)
	down := func(i int) {
		for {
			worst, l, r := i, 2*i+1, 2*i+2
			if l < len(h) && better(h[worst], h[l]) {
				worst = l
			}
			if r < len(h) && better(h[worst], h[r]) {
				worst = r
			}
			if worst == i {
				return
			}
			h[i], h[worst] = h[worst], h[i]
			i = worst
		}
	}
	for v := range n {
		if math.IsNaN(value(v)) {
			continue
		}
		switch {
		case len(h) < k:
			h = append(h, v)
			for i := len(h) - 1; i > 0; { // up
				p := (i - 1) / 2
				if !better(h[p], h[i]) {
					break
				}
				h[p], h[i] = h[i], h[p]
				i = p
			}
		case better(v, h[0]):
			h[0] = v
			down(0)
		}
	}
	slices.SortFunc(h, func(u, v int) int {
		if better(u, v) {
			return -1
		}
		return 1
	})
	return h
}

// Candidate is a role candidate named by id, ranked (equal scores share a
// rank).
type Candidate struct {
	PersonID string
	Score    float64
	Rank     int
	Reasons  []string
	Evidence RoleEvidence
}

// Connectors returns the first k connectors (k ≤ 0: all the result holds),
// best first; nil without roles.
func (w *View) Connectors(k int) []Candidate {
	c := w.r.Connectors
	if k > 0 {
		c = c[:min(k, len(c))]
	}
	return w.candidates(c)
}

// Sponsors returns the first k sponsors (k ≤ 0: all the result holds),
// best first; nil without roles. Holders of the SPONSOR membership role are
// among them only if they qualify as Sponsors says; all of them are
// SponsorRoleHolders.
func (w *View) Sponsors(k int) []Candidate {
	c := w.r.Sponsors
	if k > 0 {
		c = c[:min(k, len(c))]
	}
	return w.candidates(c)
}

// SponsorRoleHolders returns everyone holding the SPONSOR membership role,
// best placed first, each with a verdict; nil without roles.
func (w *View) SponsorRoleHolders() []Candidate { return w.candidates(w.r.SponsorRoleHolders) }

func (w *View) candidates(cands []RoleCandidate) []Candidate {
	if cands == nil {
		return nil
	}
	out := make([]Candidate, len(cands))
	for i, c := range cands {
		out[i] = Candidate{PersonID: w.g.ID(c.Person), Score: c.Score, Rank: i + 1, Reasons: c.Reasons, Evidence: c.Evidence}
		if i > 0 && out[i].Score == out[i-1].Score {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// PersonRole is a structural role the analysis gives a person.
type PersonRole string

// The structural roles.
const (
	RoleConnector  PersonRole = "CONNECTOR"
	RoleSponsor    PersonRole = "SPONSOR"
	RoleIsolated   PersonRole = "ISOLATED"
	RolePeripheral PersonRole = "PERIPHERAL"
)

// Person returns the figures and structural roles of the person with the
// given id, and false if they are not in the scope.
func (w *View) Person(id string) (PersonMetrics, []PersonRole, bool) {
	v, ok := w.g.Index(id)
	if !ok {
		return PersonMetrics{}, nil, false
	}
	w.mu.Lock()
	if w.roles == nil {
		w.roles = map[int][]PersonRole{}
		for _, c := range w.r.Connectors {
			w.roles[c.Person] = append(w.roles[c.Person], RoleConnector)
		}
		for _, c := range w.r.Sponsors {
			w.roles[c.Person] = append(w.roles[c.Person], RoleSponsor)
		}
	}
	roles := slices.Clone(w.roles[v])
	w.mu.Unlock()
	switch w.g.Degree(v) {
	case 0:
		roles = append(roles, RoleIsolated)
	case 1:
		roles = append(roles, RolePeripheral)
	}
	return w.r.People[v], roles, true
}

// Profile returns what the snapshot knows of the person with the given id
// besides their ties, and false if they are not in the scope.
func (w *View) Profile(id string) (Profile, bool) {
	v, ok := w.g.Index(id)
	if !ok {
		return Profile{}, false
	}
	return w.g.Profile(v), true
}

// Isolated names the people with no ties, in snapshot order.
func (w *View) Isolated() []string { return w.ids(w.r.Isolated) }

// Peripheral names the people with exactly one tie, in snapshot order.
func (w *View) Peripheral() []string { return w.ids(w.r.Peripheral) }

// Health returns the whole-network figures with people named by id.
func (w *View) Health() NamedHealth { return w.r.Graph.Named(w.g) }

// Suggestion is a suggested introduction named by id: PersonID is the person
// suggested to ForID.
type Suggestion struct {
	ForID, PersonID  string
	Score            float64
	Parts            []IntroductionPart
	MutualContactIDs []string
	SharedInterests  []string
	Bridges          []string
	Reasons          []string
}

// Introductions returns the first k network-wide suggested introductions
// (k ≤ 0: all the result holds), best first.
func (w *View) Introductions(k int) []Suggestion {
	in := w.r.Introductions
	if k > 0 {
		in = in[:min(k, len(in))]
	}
	return w.suggestions(in)
}

// IntroductionsFor returns up to k suggested introductions for one person
// (k ≤ 0: every candidate), best first, and false if they are not in the
// scope; see the function Introductions.
func (w *View) IntroductionsFor(personID string, k int) ([]Suggestion, bool) {
	v, ok := w.g.Index(personID)
	if !ok {
		return nil, false
	}
	var community []int32
	if w.r.k != nil {
		community = w.r.k.community
	}
	return w.suggestions(Introductions(w.g, v, community, k)), true
}

func (w *View) suggestions(in []Introduction) []Suggestion {
	out := make([]Suggestion, len(in))
	for i, s := range in {
		out[i] = Suggestion{
			ForID: w.g.ID(s.A), PersonID: w.g.ID(s.B), Score: s.Score, Parts: s.Parts,
			MutualContactIDs: w.ids(s.MutualContacts),
			SharedInterests:  s.SharedInterests, Bridges: s.Bridges, Reasons: s.Reasons,
		}
	}
	return out
}

// CommunityView is a community with its members named by id, its
// commonest organisations and interests by name, and its name with what
// the name is made of (see Community.Name).
type CommunityView struct {
	ID, Size      int
	Name          string
	Shared        []SharedAttribute
	MemberIDs     []string
	Organisations []string
	Interests     []string
}

// Communities returns the communities, largest first; nil if they were not
// computed.
func (w *View) Communities() []CommunityView {
	if w.r.Communities == nil {
		return nil
	}
	out := make([]CommunityView, len(w.r.Communities))
	for i, c := range w.r.Communities {
		cv := CommunityView{ID: c.ID, Size: c.Size, Name: c.Name, Shared: c.Shared, MemberIDs: w.ids(c.Members),
			Organisations: make([]string, len(c.Organisations)), Interests: make([]string, len(c.Interests))}
		for j, o := range c.Organisations {
			cv.Organisations[j] = groupName(o.Organisation)
		}
		for j, in := range c.Interests {
			cv.Interests[j] = in.Interest
		}
		out[i] = cv
	}
	return out
}

// CommunityName returns the name of community id; see Result.CommunityName.
func (w *View) CommunityName(id int) string { return w.r.CommunityName(id) }

// CommunityNames returns the names of communities ids, in order.
func (w *View) CommunityNames(ids []int) []string {
	out := make([]string, len(ids))
	for i, c := range ids {
		out[i] = w.r.CommunityName(c)
	}
	return out
}

func (w *View) ids(people []int) []string {
	out := make([]string, len(people))
	for i, v := range people {
		out[i] = w.g.ID(v)
	}
	return out
}
