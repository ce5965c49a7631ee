package netgraph

import "time"

// Sector is the kind of an organisation.
type Sector string

// Sectors.
const (
	SectorNHSTrust        Sector = "NHS_TRUST"
	SectorPrimaryCare     Sector = "PRIMARY_CARE"
	SectorPublicHealth    Sector = "PUBLIC_HEALTH"
	SectorPublicLibrary   Sector = "PUBLIC_LIBRARY"
	SectorAcademicLibrary Sector = "ACADEMIC_LIBRARY"
	SectorCharity         Sector = "CHARITY_VOLUNTARY"
	SectorLocalAuthority  Sector = "LOCAL_AUTHORITY"
	SectorSocialCare      Sector = "SOCIAL_CARE"
	SectorUniversity      Sector = "UNIVERSITY"
	SectorGovernment      Sector = "GOVERNMENT"
	SectorOther           Sector = "OTHER"
)

// Sectors lists every valid sector.
var Sectors = []Sector{SectorNHSTrust, SectorPrimaryCare, SectorPublicHealth, SectorPublicLibrary,
	SectorAcademicLibrary, SectorCharity, SectorLocalAuthority, SectorSocialCare, SectorUniversity,
	SectorGovernment, SectorOther}

// Organisation is an employer: a trust, a practice, a library, a charity.
type Organisation struct {
	ID         string    `json:"id"`
	ExternalID string    `json:"externalId,omitempty"`
	Name       string    `json:"name"`
	Sector     Sector    `json:"sector"`
	Region     string    `json:"region,omitempty"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// OrganisationCreate is the input to create an organisation. Sector defaults
// to OTHER.
type OrganisationCreate struct {
	ExternalID string
	Name       string
	Sector     Sector
	Region     string
}

// NewOrganisation validates c and returns the organisation it describes.
func (c OrganisationCreate) NewOrganisation(id string, now time.Time) (*Organisation, error) {
	o := &Organisation{ID: id, CreatedAt: now, UpdatedAt: now, Sector: SectorOther}
	var err error
	if o.ExternalID, err = cleanExternalID("externalId", c.ExternalID); err != nil {
		return nil, err
	}
	u := OrganisationUpdate{Name: &c.Name, Region: &c.Region}
	if c.Sector != "" {
		u.Sector = &c.Sector
	}
	if err := u.apply(o); err != nil {
		return nil, err
	}
	return o, nil
}

// OrganisationUpdate changes some of an organisation's fields.
type OrganisationUpdate struct {
	Name   *string
	Sector *Sector
	Region *string
}

// Apply validates u and returns an updated copy of o.
func (u OrganisationUpdate) Apply(o *Organisation, now time.Time) (*Organisation, error) {
	q := *o
	if err := u.apply(&q); err != nil {
		return nil, err
	}
	q.UpdatedAt = now
	return &q, nil
}

func (u OrganisationUpdate) apply(o *Organisation) (err error) {
	if u.Name != nil {
		if o.Name, err = cleanName("name", *u.Name, MaxNameLength); err != nil {
			return err
		}
	}
	if u.Sector != nil {
		if err := checkEnum("sector", *u.Sector, Sectors); err != nil {
			return err
		}
		o.Sector = *u.Sector
	}
	if u.Region != nil {
		if o.Region, err = cleanText("region", *u.Region, MaxTextLength); err != nil {
			return err
		}
	}
	return nil
}

// OrganisationFilter narrows a list of organisations; zero fields match all.
type OrganisationFilter struct {
	NameContains string
	Sector       Sector
	Region       string
}

// Affiliation says a person works at an organisation. There is at most one per
// person and organisation.
type Affiliation struct {
	PersonID       string     `json:"personId"`
	OrganisationID string     `json:"organisationId"`
	Role           string     `json:"role,omitempty"` // job title at this organisation
	Since          *time.Time `json:"since,omitempty"`
}

// Validate checks the affiliation's fields (not that the ids exist).
func (a *Affiliation) Validate() (err error) {
	if err := checkID("personId", a.PersonID); err != nil {
		return err
	}
	if err := checkID("organisationId", a.OrganisationID); err != nil {
		return err
	}
	a.Role, err = cleanText("role", a.Role, MaxTextLength)
	return err
}

// PartnershipKind is the form a partnership between organisations takes.
type PartnershipKind string

// Partnership kinds.
const (
	PartnershipServiceAgreement PartnershipKind = "SERVICE_AGREEMENT"
	PartnershipMoU              PartnershipKind = "MOU"
	PartnershipSharedPost       PartnershipKind = "SHARED_POST"
	PartnershipInformal         PartnershipKind = "INFORMAL"
	PartnershipOther            PartnershipKind = "OTHER"
)

// PartnershipKinds lists every valid partnership kind.
var PartnershipKinds = []PartnershipKind{PartnershipServiceAgreement, PartnershipMoU,
	PartnershipSharedPost, PartnershipInformal, PartnershipOther}

// Partnership links two organisations. It is undirected: there is at most one
// per pair of organisations and kind, whichever way round it was created.
type Partnership struct {
	From  string          `json:"from"` // organisation id
	To    string          `json:"to"`   // organisation id
	Kind  PartnershipKind `json:"kind"`
	Since *time.Time      `json:"since,omitempty"`
}

// Validate checks the partnership's fields (not that the ids exist) and
// defaults Kind to INFORMAL.
func (p *Partnership) Validate() error {
	if err := checkID("from", p.From); err != nil {
		return err
	}
	if err := checkID("to", p.To); err != nil {
		return err
	}
	if p.From == p.To {
		return Invalid("to", "an organisation cannot partner with itself")
	}
	if p.Kind == "" {
		p.Kind = PartnershipInformal
	}
	return checkEnum("kind", p.Kind, PartnershipKinds)
}
