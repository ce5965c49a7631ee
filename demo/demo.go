// Package demo seeds a store with a deterministic, invented professional
// network: five English regions, forty organisations across every sector,
// about six hundred people with plausible names, jobs and interests, six
// networks of all four types, ties that cluster within organisations and
// regions, a few bridge people who link the regions, a few isolated and
// peripheral members, and partnerships between organisations.
//
// The data is the same on every run (only the ids and creation times the
// store assigns differ). Every person, organisation and network carries an
// external id ("demo-person-0042"), so seeding a store that already holds the
// demo changes nothing.
package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/netgraph/netgraph"
)

// Summary counts what the demo holds.
type Summary struct {
	Organisations int
	Networks      int
	People        int
	Affiliations  int
	Memberships   int
	Ties          int
	Partnerships  int

	WithoutConsent int // people who do not want to be suggested for introductions
	Isolates       int // network members with no ties at all
	Peripheral     int // network members with exactly one tie
	Bridges        int // people who link regions that are otherwise apart
}

// Seed writes the demo into s using only Store methods. Into a store without
// the demo it imports everything in one batch, in dependency order
// (organisations, networks, people, affiliations, memberships, ties,
// partnerships), which takes one transaction. If the store already holds some
// of the demo (the import reports a conflicting external id), it adds the
// missing parts one at a time and leaves what is there as it is, so seeding
// twice is harmless. It returns what the demo holds.
func Seed(ctx context.Context, s netgraph.Store) (Summary, error) {
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}
	p := newPlan()
	records, err := p.records(time.Now())
	if err != nil {
		return Summary{}, err
	}
	switch err := s.Import(ctx, records); {
	case err == nil:
	case netgraph.ErrorCode(err) == netgraph.ECONFLICT:
		if err := p.topUp(ctx, s); err != nil {
			return Summary{}, err
		}
	default:
		return Summary{}, fmt.Errorf("import demo: %w", err)
	}
	return p.summary(), nil
}

func (p *plan) summary() Summary {
	sum := Summary{
		Organisations: len(p.orgs),
		Networks:      len(p.nets),
		People:        len(p.people),
		Affiliations:  len(p.affiliations),
		Memberships:   len(p.memberships),
		Ties:          len(p.ties),
		Partnerships:  len(p.partnerships),
		Isolates:      len(p.isolates),
		Peripheral:    len(p.peripherals),
		Bridges:       len(p.bridges),
	}
	for _, person := range p.people {
		if !person.consent {
			sum.WithoutConsent++
		}
	}
	return sum
}

// records returns the plan as records to import, with new ids and creation
// times of now. The domain's constructors validate every entity.
func (p *plan) records(now time.Time) ([]netgraph.Record, error) {
	recs := make([]netgraph.Record, 0, len(p.orgs)+len(p.nets)+len(p.people)+
		len(p.affiliations)+len(p.memberships)+len(p.ties)+len(p.partnerships))
	orgIDs := make([]string, len(p.orgs))
	for i, o := range p.orgs {
		org, err := organisationCreate(i, o).NewOrganisation(netgraph.NewID(netgraph.OrganisationIDPrefix), now)
		if err != nil {
			return nil, fmt.Errorf("demo organisation %q: %w", o.name, err)
		}
		orgIDs[i] = org.ID
		recs = append(recs, netgraph.Record{Organisation: org})
	}
	netIDs := make([]string, len(p.nets))
	for i, n := range p.nets {
		net, err := networkCreate(i, n, p.orgs, orgIDs).NewNetwork(netgraph.NewID(netgraph.NetworkIDPrefix), now)
		if err != nil {
			return nil, fmt.Errorf("demo network %q: %w", n.name, err)
		}
		netIDs[i] = net.ID
		recs = append(recs, netgraph.Record{Network: net})
	}
	personIDs := make([]string, len(p.people))
	for i, pp := range p.people {
		person, err := personCreate(i, pp).NewPerson(netgraph.NewID(netgraph.PersonIDPrefix), now)
		if err != nil {
			return nil, fmt.Errorf("demo person %s: %w", personExternalID(i), err)
		}
		personIDs[i] = person.ID
		recs = append(recs, netgraph.Record{Person: person})
	}
	for _, a := range p.affiliations {
		recs = append(recs, netgraph.Record{Affiliation: affiliation(a, personIDs, orgIDs)})
	}
	for _, m := range p.memberships {
		recs = append(recs, netgraph.Record{Membership: membership(m, personIDs, netIDs)})
	}
	for _, t := range p.ties {
		tie, err := tieCreate(t, personIDs).NewTie(now)
		if err != nil {
			return nil, fmt.Errorf("demo tie %s–%s: %w", personExternalID(t.from), personExternalID(t.to), err)
		}
		recs = append(recs, netgraph.Record{Tie: tie})
	}
	for _, pt := range p.partnerships {
		recs = append(recs, netgraph.Record{Partnership: partnership(pt, orgIDs)})
	}
	return recs, nil
}

// topUp stores the plan one entity and relation at a time, leaving those the
// store already has (by external id, or the same relation) as they are.
func (p *plan) topUp(ctx context.Context, s netgraph.Store) error {
	orgIDs := make([]string, len(p.orgs))
	for i, o := range p.orgs {
		org, err := s.CreateOrganisation(ctx, organisationCreate(i, o))
		if err != nil {
			return fmt.Errorf("demo organisation %q: %w", o.name, err)
		}
		orgIDs[i] = org.ID
	}

	netIDs := make([]string, len(p.nets))
	for i, n := range p.nets {
		net, err := s.CreateNetwork(ctx, networkCreate(i, n, p.orgs, orgIDs))
		if err != nil {
			return fmt.Errorf("demo network %q: %w", n.name, err)
		}
		netIDs[i] = net.ID
	}

	personIDs := make([]string, len(p.people))
	for i, pp := range p.people {
		if err := ctx.Err(); err != nil {
			return err
		}
		person, err := s.CreatePerson(ctx, personCreate(i, pp))
		if err != nil {
			return fmt.Errorf("demo person %s: %w", personExternalID(i), err)
		}
		personIDs[i] = person.ID
	}

	for _, a := range p.affiliations {
		_, err := s.AddAffiliation(ctx, *affiliation(a, personIDs, orgIDs))
		if err := existing(err); err != nil {
			return fmt.Errorf("demo affiliation of %s: %w", personExternalID(a.person), err)
		}
	}

	for _, m := range p.memberships {
		_, err := s.AddMembership(ctx, *membership(m, personIDs, netIDs))
		if err := existing(err); err != nil {
			return fmt.Errorf("demo membership of %s: %w", personExternalID(m.person), err)
		}
	}

	for i, t := range p.ties {
		if i%100 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		_, err := s.Connect(ctx, tieCreate(t, personIDs))
		if err := existing(err); err != nil {
			return fmt.Errorf("demo tie %s–%s: %w", personExternalID(t.from), personExternalID(t.to), err)
		}
	}

	for _, pt := range p.partnerships {
		_, err := s.CreatePartnership(ctx, *partnership(pt, orgIDs))
		if err := existing(err); err != nil {
			return fmt.Errorf("demo partnership %s–%s: %w", p.orgs[pt.a].name, p.orgs[pt.b].name, err)
		}
	}
	return nil
}

// The inputs the plan's entities and relations are stored with.

func organisationCreate(i int, o orgSpec) netgraph.OrganisationCreate {
	return netgraph.OrganisationCreate{ExternalID: organisationExternalID(i), Name: o.name, Sector: o.sector, Region: o.region}
}

// networkCreate is network i with its profile; orgIDs are the ids of the
// plan's organisations orgs, one of which hosts the network.
func networkCreate(i int, n networkSpec, orgs []orgSpec, orgIDs []string) netgraph.NetworkCreate {
	pr := n.profile
	host := slices.IndexFunc(orgs, func(o orgSpec) bool { return o.name == pr.host })
	c := netgraph.NetworkCreate{ExternalID: networkExternalID(i), Name: n.name, Type: n.typ, Purpose: n.purpose,
		Region: n.region, Specialty: n.specialty, Aims: pr.aims, ContactName: pr.contactName,
		ContactEmail: pr.contactEmail, MembershipPolicy: pr.policy, Website: pr.website, TermsOfReference: pr.tor,
		Memorandum: pr.mou, Status: pr.status}
	if host >= 0 && host < len(orgIDs) {
		c.HostOrganisationID = orgIDs[host]
	}
	return c
}

func personCreate(i int, pp personPlan) netgraph.PersonCreate {
	consent := pp.consent
	return netgraph.PersonCreate{ExternalID: personExternalID(i), Name: pp.name, Email: pp.email, Title: pp.title,
		Profession: pp.profession, Region: pp.region, Interests: pp.interests, Consent: &consent}
}

func affiliation(a affiliationPlan, personIDs, orgIDs []string) *netgraph.Affiliation {
	since := a.since
	return &netgraph.Affiliation{PersonID: personIDs[a.person], OrganisationID: orgIDs[a.org], Role: a.role, Since: &since}
}

func membership(m membershipPlan, personIDs, netIDs []string) *netgraph.Membership {
	since := m.since
	return &netgraph.Membership{PersonID: personIDs[m.person], NetworkID: netIDs[m.net], Role: m.role, Since: &since}
}

func tieCreate(t tiePlan, personIDs []string) netgraph.TieCreate {
	strength, since := t.strength, t.since
	var last *time.Time
	if t.last != nil {
		l := *t.last
		last = &l
	}
	return netgraph.TieCreate{From: personIDs[t.from], To: personIDs[t.to], Kind: t.kind,
		Strength: &strength, Since: &since, LastInteraction: last}
}

func partnership(pt partnershipPlan, orgIDs []string) *netgraph.Partnership {
	since := pt.since
	return &netgraph.Partnership{From: orgIDs[pt.a], To: orgIDs[pt.b], Kind: pt.kind, Since: &since}
}

// existing forgives the conflict of adding a relation the store already
// holds, which is what makes reseeding harmless.
func existing(err error) error {
	if netgraph.ErrorCode(err) == netgraph.ECONFLICT {
		return nil
	}
	return err
}
