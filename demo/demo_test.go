package demo_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netgraph/netgraph"
	"github.com/netgraph/netgraph/demo"
	"github.com/netgraph/netgraph/store/embedded/embeddedtest"
)

// MustSeed seeds s with the demo and returns its summary.
func MustSeed(tb testing.TB, s netgraph.Store) demo.Summary {
	tb.Helper()
	start := time.Now()
	sum, err := demo.Seed(context.Background(), s)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("seeded %+v in %v", sum, time.Since(start))
	return sum
}

// world is a store's content without the ids and timestamps the store
// assigns: entities by external id, relations by the external ids they join.
type world struct {
	Organisations map[string]netgraph.Organisation
	Networks      map[string]netgraph.Network
	People        map[string]netgraph.Person
	Affiliations  map[string]netgraph.Affiliation // "person org" → affiliation
	Memberships   map[string]netgraph.Membership  // "person network" → membership
	Ties          map[string]netgraph.Tie         // "from to kind" → tie
	Partnerships  map[string]netgraph.Partnership // "from to kind" → partnership
}

// readWorld reads everything in s, replacing ids by external ids.
func readWorld(tb testing.TB, s netgraph.Store) world {
	tb.Helper()
	w := world{
		Organisations: map[string]netgraph.Organisation{}, Networks: map[string]netgraph.Network{},
		People: map[string]netgraph.Person{}, Affiliations: map[string]netgraph.Affiliation{},
		Memberships: map[string]netgraph.Membership{}, Ties: map[string]netgraph.Tie{},
		Partnerships: map[string]netgraph.Partnership{},
	}
	ext := map[string]string{} // id → external id
	_, err := s.ReadGraph(context.Background(), func(r netgraph.Record) error {
		switch {
		case r.Organisation != nil:
			o := *r.Organisation
			ext[o.ID] = o.ExternalID
			o.ID, o.CreatedAt, o.UpdatedAt = "", time.Time{}, time.Time{}
			w.Organisations[o.ExternalID] = o
		case r.Network != nil:
			n := *r.Network
			ext[n.ID] = n.ExternalID
			n.ID, n.CreatedAt, n.UpdatedAt = "", time.Time{}, time.Time{}
			n.HostOrganisationID = ext[n.HostOrganisationID] // organisations come first
			w.Networks[n.ExternalID] = n
		case r.Person != nil:
			p := *r.Person
			ext[p.ID] = p.ExternalID
			p.ID, p.CreatedAt, p.UpdatedAt = "", time.Time{}, time.Time{}
			w.People[p.ExternalID] = p
		case r.Affiliation != nil:
			a := *r.Affiliation
			a.PersonID, a.OrganisationID = ext[a.PersonID], ext[a.OrganisationID]
			w.Affiliations[a.PersonID+" "+a.OrganisationID] = a
		case r.Membership != nil:
			m := *r.Membership
			m.PersonID, m.NetworkID = ext[m.PersonID], ext[m.NetworkID]
			w.Memberships[m.PersonID+" "+m.NetworkID] = m
		case r.Tie != nil:
			t := *r.Tie
			t.From, t.To = ext[t.From], ext[t.To]
			w.Ties[t.From+" "+t.To+" "+string(t.Kind)] = t
		case r.Partnership != nil:
			p := *r.Partnership
			p.From, p.To = ext[p.From], ext[p.To]
			w.Partnerships[p.From+" "+p.To+" "+string(p.Kind)] = p
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

func TestSeed(t *testing.T) {
	s := embeddedtest.MustOpenTemp(t)
	sum := MustSeed(t, s)
	w := readWorld(t, s)

	t.Run("SummaryMatchesStore", func(t *testing.T) {
		got := []int{len(w.Organisations), len(w.Networks), len(w.People), len(w.Affiliations), len(w.Memberships), len(w.Ties), len(w.Partnerships)}
		want := []int{sum.Organisations, sum.Networks, sum.People, sum.Affiliations, sum.Memberships, sum.Ties, sum.Partnerships}
		if !slices.Equal(got, want) {
			t.Errorf("store holds %v, summary says %v", got, want)
		}
	})

	t.Run("Counts", func(t *testing.T) {
		for _, c := range []struct {
			what      string
			n, lo, hi int
		}{
			{"organisations", sum.Organisations, 35, 45},
			{"networks", sum.Networks, 6, 6},
			{"people", sum.People, 550, 650},
			{"ties", sum.Ties, 1000, 3000},
			{"partnerships", sum.Partnerships, 15, 25},
			{"isolates", sum.Isolates, 3, 10},
			{"peripheral members", sum.Peripheral, 3, 15},
			{"bridge people", sum.Bridges, 3, 10},
			{"people without consent", sum.WithoutConsent, sum.People / 100, sum.People * 6 / 100},
		} {
			if c.n < c.lo || c.n > c.hi {
				t.Errorf("%d %s, want %d to %d", c.n, c.what, c.lo, c.hi)
			}
		}
	})

	t.Run("EveryTypeAndSector", func(t *testing.T) {
		types := map[netgraph.NetworkType]bool{}
		for _, n := range w.Networks {
			types[n.Type] = true
		}
		for _, typ := range netgraph.NetworkTypes {
			if !types[typ] {
				t.Errorf("no network of type %s", typ)
			}
		}
		sectors := map[netgraph.Sector]bool{}
		for _, o := range w.Organisations {
			sectors[o.Sector] = true
		}
		for _, sec := range netgraph.Sectors {
			if !sectors[sec] {
				t.Errorf("no organisation in sector %s", sec)
			}
		}
	})

	t.Run("RegisterProfiles", func(t *testing.T) {
		policies, statuses := map[netgraph.MembershipPolicy]bool{}, map[netgraph.NetworkStatus]bool{}
		for _, n := range w.Networks {
			if _, hosted := w.Organisations[n.HostOrganisationID]; n.Aims == "" || !hosted || n.ContactName == "" || n.ContactEmail == "" || n.Website == "" {
				t.Errorf("%s: profile incomplete (aims %q, host %q, contact %q <%s>, website %q)", n.Name, n.Aims,
					n.HostOrganisationID, n.ContactName, n.ContactEmail, n.Website)
			}
			policies[n.MembershipPolicy], statuses[n.Status] = true, true
		}
		for _, p := range netgraph.MembershipPolicies {
			if !policies[p] {
				t.Errorf("no network whose membership policy is %s", p)
			}
		}
		if !statuses[netgraph.StatusActive] || !statuses[netgraph.StatusDormant] {
			t.Errorf("statuses %v; want active and dormant networks", statuses)
		}
	})

	t.Run("People", func(t *testing.T) {
		works := map[string]int{}
		for _, a := range w.Affiliations {
			works[a.PersonID]++
		}
		twoPlaces := 0
		for ext, p := range w.People {
			if works[ext] == 0 {
				t.Errorf("%s (%s) works nowhere", ext, p.Name)
			}
			if works[ext] > 1 {
				twoPlaces++
			}
			if n := len(p.Interests); n < 2 || n > 4 {
				t.Errorf("%s has %d interests, want 2 to 4", ext, n)
			}
			if p.Title == "" || p.Profession == "" || p.Region == "" || p.Email == "" {
				t.Errorf("%s is missing a title, profession, region or e-mail: %+v", ext, p)
			}
		}
		if twoPlaces == 0 || twoPlaces > len(w.People)/10 {
			t.Errorf("%d people work at two places, want a few", twoPlaces)
		}
	})

	t.Run("NetworkRoles", func(t *testing.T) {
		for ext, n := range w.Networks {
			roles := map[netgraph.MembershipRole]int{}
			total := 0
			for _, m := range w.Memberships {
				if m.NetworkID == ext {
					roles[m.Role]++
					total++
				}
			}
			if roles[netgraph.MembershipLead] != 1 || roles[netgraph.MembershipFacilitator] < 1 || roles[netgraph.MembershipFacilitator] > 3 ||
				roles[netgraph.MembershipSponsor] < 1 || roles[netgraph.MembershipSponsor] > 2 ||
				roles[netgraph.MembershipCore] < total/20 || roles[netgraph.MembershipCore] > total/5 {
				t.Errorf("%s: roles %v of %d members", n.Name, roles, total)
			}
		}
	})

	degree := map[string]int{}
	for _, tie := range w.Ties {
		degree[tie.From]++
		degree[tie.To]++
	}

	t.Run("IsolatesAndPeripheralMembers", func(t *testing.T) {
		members := map[string]bool{}
		for _, m := range w.Memberships {
			members[m.PersonID] = true
		}
		isolates, peripheral := 0, 0
		for ext := range members {
			switch degree[ext] {
			case 0:
				isolates++
			case 1:
				peripheral++
			}
		}
		if isolates != sum.Isolates {
			t.Errorf("%d network members have no ties, want %d", isolates, sum.Isolates)
		}
		if peripheral < sum.Peripheral {
			t.Errorf("%d network members have one tie, want at least %d", peripheral, sum.Peripheral)
		}
		for ext := range w.People {
			if degree[ext] == 0 && !members[ext] {
				t.Errorf("%s has no ties and is in no network", ext)
			}
		}
	})

	t.Run("TieStrengths", func(t *testing.T) {
		weak, strong := 0, 0
		kinds := map[netgraph.TieKind]int{}
		for _, tie := range w.Ties {
			if tie.Strength < 1 || tie.Strength > 10 {
				t.Fatalf("tie %s–%s has strength %g", tie.From, tie.To, tie.Strength)
			}
			if tie.Strength <= 3 {
				weak++
			}
			if tie.Strength >= 7 {
				strong++
			}
			kinds[tie.Kind]++
		}
		if weak <= 2*strong {
			t.Errorf("%d weak ties and %d strong ones: want weak ties to dominate", weak, strong)
		}
		if len(kinds) != len(netgraph.TieKinds) {
			t.Errorf("tie kinds %v, want all of %v", kinds, netgraph.TieKinds)
		}
	})

	t.Run("Clustering", func(t *testing.T) {
		// Ties cluster within organisations and regions; only the bridge
		// people link regions, and through them every region is reachable.
		home := map[string]string{}
		for _, a := range w.Affiliations {
			if _, ok := home[a.PersonID]; !ok {
				home[a.PersonID] = a.OrganisationID
			}
		}
		sameOrg, crossRegion := 0, 0
		linked := map[string][]string{}
		for _, tie := range w.Ties {
			if home[tie.From] == home[tie.To] {
				sameOrg++
			}
			ra, rb := w.People[tie.From].Region, w.People[tie.To].Region
			if ra != rb {
				crossRegion++
				linked[ra] = append(linked[ra], rb)
				linked[rb] = append(linked[rb], ra)
			}
		}
		if sameOrg < len(w.Ties)/2 {
			t.Errorf("%d of %d ties are within an organisation, want most", sameOrg, len(w.Ties))
		}
		if crossRegion == 0 || crossRegion > 4*sum.Bridges {
			t.Errorf("%d ties cross regions, want a few (%d bridge people)", crossRegion, sum.Bridges)
		}
		seen := map[string]bool{}
		var visit func(string)
		visit = func(r string) {
			if !seen[r] {
				seen[r] = true
				for _, next := range linked[r] {
					visit(next)
				}
			}
		}
		for r := range linked {
			visit(r)
			break
		}
		regions := map[string]bool{}
		for _, p := range w.People {
			regions[p.Region] = true
		}
		if len(seen) != len(regions) {
			t.Errorf("bridges join regions %v, want all of %v", slices.Sorted(maps.Keys(seen)), slices.Sorted(maps.Keys(regions)))
		}
	})
}

// TestSeedDeterministic seeds two fresh stores and compares their content,
// ids and timestamps aside.
func TestSeedDeterministic(t *testing.T) {
	a, b := embeddedtest.MustOpenTemp(t), embeddedtest.MustOpenTemp(t)
	if sa, sb := MustSeed(t, a), MustSeed(t, b); sa != sb {
		t.Fatalf("summaries differ: %+v and %+v", sa, sb)
	}
	if diff := compareWorlds(readWorld(t, a), readWorld(t, b)); diff != "" {
		t.Fatal(diff)
	}
}

// TestSeedTwice checks that seeding a store that holds the demo changes
// nothing.
func TestSeedTwice(t *testing.T) {
	s := embeddedtest.MustOpenTemp(t)
	first := MustSeed(t, s)
	before := readWorld(t, s)
	version, err := s.DataVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if second := MustSeed(t, s); second != first {
		t.Errorf("second summary %+v, first %+v", second, first)
	}
	if diff := compareWorlds(before, readWorld(t, s)); diff != "" {
		t.Fatal(diff)
	}
	if v, err := s.DataVersion(context.Background()); err != nil || v != version {
		t.Errorf("data version %d after reseeding, was %d (err %v)", v, version, err)
	}
}

// TestSeedTopsUp seeds a store that already holds part of the demo: the
// rest is added and the part that was there is left alone.
func TestSeedTopsUp(t *testing.T) {
	s := embeddedtest.MustOpenTemp(t)
	ctx := context.Background()
	if _, err := s.CreateOrganisation(ctx, netgraph.OrganisationCreate{ExternalID: "demo-organisation-01", Name: "Placeholder"}); err != nil {
		t.Fatal(err)
	}
	MustSeed(t, s)
	got := readWorld(t, s)
	if name := got.Organisations["demo-organisation-01"].Name; name != "Placeholder" {
		t.Errorf("existing organisation renamed to %q", name)
	}

	fresh := embeddedtest.MustOpenTemp(t)
	MustSeed(t, fresh)
	want := readWorld(t, fresh)
	want.Organisations["demo-organisation-01"] = got.Organisations["demo-organisation-01"]
	if diff := compareWorlds(want, got); diff != "" {
		t.Fatal(diff)
	}
}

func TestSeedCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := demo.Seed(ctx, embeddedtest.MustOpenTemp(t)); !errors.Is(err, context.Canceled) {
		t.Fatalf("Seed with a cancelled context: %v, want context.Canceled", err)
	}
}

// compareWorlds describes the first few differences between a and b, or
// returns "".
func compareWorlds(a, b world) string {
	var diffs []string
	check := func(what string, x, y map[string]string) {
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if y[k] != x[k] {
				diffs = append(diffs, fmt.Sprintf("%s %s: %s vs %s", what, k, x[k], y[k]))
			}
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				diffs = append(diffs, fmt.Sprintf("%s %s only in the second store", what, k))
			}
		}
	}
	check("organisation", show(a.Organisations), show(b.Organisations))
	check("network", show(a.Networks), show(b.Networks))
	check("person", show(a.People), show(b.People))
	check("affiliation", show(a.Affiliations), show(b.Affiliations))
	check("membership", show(a.Memberships), show(b.Memberships))
	check("tie", show(a.Ties), show(b.Ties))
	check("partnership", show(a.Partnerships), show(b.Partnerships))
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("… and %d more", len(diffs)-5))
	}
	if len(diffs) == 0 {
		return ""
	}
	return "stores differ:\n  " + strings.Join(diffs, "\n  ")
}

// show renders each value with its pointers followed.
func show[T any](m map[string]T) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = fmt.Sprintf("%+v", deref(v))
	}
	return out
}

func deref(v any) any {
	switch x := v.(type) {
	case netgraph.Affiliation:
		return fmt.Sprintf("%s %s %s %s", x.PersonID, x.OrganisationID, x.Role, day(x.Since))
	case netgraph.Membership:
		return fmt.Sprintf("%s %s %s %s", x.PersonID, x.NetworkID, x.Role, day(x.Since))
	case netgraph.Tie:
		return fmt.Sprintf("%s %s %s %g %s %s", x.From, x.To, x.Kind, x.Strength, x.Since.Format(time.DateOnly), day(x.LastInteraction))
	case netgraph.Partnership:
		return fmt.Sprintf("%s %s %s %s", x.From, x.To, x.Kind, day(x.Since))
	case netgraph.Network:
		doc := func(d *netgraph.Document) string {
			if d == nil {
				return "-"
			}
			return fmt.Sprintf("%q %s %s", d.Title, d.Link, day(d.ReviewDate))
		}
		tor, mou := doc(x.TermsOfReference), doc(x.Memorandum)
		x.TermsOfReference, x.Memorandum = nil, nil
		return fmt.Sprintf("%+v terms of reference %s memorandum %s", x, tor, mou)
	}
	return v
}

func day(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.DateOnly)
}
