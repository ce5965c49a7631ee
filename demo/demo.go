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

// Seed writes the demo into s using only Store methods, in dependency order:
// organisations, networks, people, affiliations, memberships, ties and
// partnerships. Entities the store already holds (by external id, or the same
// relation) are left as they are, so seeding twice is harmless. It returns
// what the demo holds.
func Seed(ctx context.Context, s netgraph.Store) (Summary, error) {
	p := newPlan()
	if err := p.write(ctx, s); err != nil {
		return Summary{}, err
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

// write stores the plan.
func (p *plan) write(ctx context.Context, s netgraph.Store) error {
	orgIDs := make([]string, len(p.orgs))
	for i, o := range p.orgs {
		org, err := s.CreateOrganisation(ctx, netgraph.OrganisationCreate{
			ExternalID: organisationExternalID(i), Name: o.name, Sector: o.sector, Region: o.region,
		})
		if err != nil {
			return fmt.Errorf("demo organisation %q: %w", o.name, err)
		}
		orgIDs[i] = org.ID
	}

	netIDs := make([]string, len(p.nets))
	for i, n := range p.nets {
		net, err := s.CreateNetwork(ctx, netgraph.NetworkCreate{
			ExternalID: networkExternalID(i), Name: n.name, Type: n.typ, Purpose: n.purpose,
			Region: n.region, Specialty: n.specialty,
		})
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
		consent := pp.consent
		person, err := s.CreatePerson(ctx, netgraph.PersonCreate{
			ExternalID: personExternalID(i), Name: pp.name, Email: pp.email, Title: pp.title,
			Profession: pp.profession, Region: pp.region, Interests: pp.interests, Consent: &consent,
		})
		if err != nil {
			return fmt.Errorf("demo person %s: %w", personExternalID(i), err)
		}
		personIDs[i] = person.ID
	}

	for _, a := range p.affiliations {
		since := a.since
		_, err := s.AddAffiliation(ctx, netgraph.Affiliation{
			PersonID: personIDs[a.person], OrganisationID: orgIDs[a.org], Role: a.role, Since: &since,
		})
		if err := existing(err); err != nil {
			return fmt.Errorf("demo affiliation of %s: %w", personExternalID(a.person), err)
		}
	}

	for _, m := range p.memberships {
		since := m.since
		_, err := s.AddMembership(ctx, netgraph.Membership{
			PersonID: personIDs[m.person], NetworkID: netIDs[m.net], Role: m.role, Since: &since,
		})
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
		strength, since := t.strength, t.since
		_, err := s.Connect(ctx, netgraph.TieCreate{
			From: personIDs[t.from], To: personIDs[t.to], Kind: t.kind,
			Strength: &strength, Since: &since, LastInteraction: t.last,
		})
		if err := existing(err); err != nil {
			return fmt.Errorf("demo tie %s–%s: %w", personExternalID(t.from), personExternalID(t.to), err)
		}
	}

	for _, pt := range p.partnerships {
		since := pt.since
		_, err := s.CreatePartnership(ctx, netgraph.Partnership{
			From: orgIDs[pt.a], To: orgIDs[pt.b], Kind: pt.kind, Since: &since,
		})
		if err := existing(err); err != nil {
			return fmt.Errorf("demo partnership %s–%s: %w", p.orgs[pt.a].name, p.orgs[pt.b].name, err)
		}
	}
	return nil
}

// existing forgives the conflict of adding a relation the store already
// holds, which is what makes reseeding harmless.
func existing(err error) error {
	if netgraph.ErrorCode(err) == netgraph.ECONFLICT {
		return nil
	}
	return err
}
