package netgraph

import "time"

// NetworkType is the purpose a network is organised for.
type NetworkType string

// Network types.
const (
	NetworkDevelopmental       NetworkType = "DEVELOPMENTAL"
	NetworkLearning            NetworkType = "LEARNING"
	NetworkAdvocacy            NetworkType = "ADVOCACY"
	NetworkClinicalOperational NetworkType = "CLINICAL_OPERATIONAL"
)

// NetworkTypes lists every valid network type.
var NetworkTypes = []NetworkType{NetworkDevelopmental, NetworkLearning, NetworkAdvocacy, NetworkClinicalOperational}

// Network is a group people belong to: a clinical network, a learning network,
// a library partnership.
type Network struct {
	ID         string      `json:"id"`
	ExternalID string      `json:"externalId,omitempty"`
	Name       string      `json:"name"`
	Type       NetworkType `json:"type"`
	Purpose    string      `json:"purpose,omitempty"`
	Region     string      `json:"region,omitempty"`
	Specialty  string      `json:"specialty,omitempty"`
	CreatedAt  time.Time   `json:"createdAt"`
	UpdatedAt  time.Time   `json:"updatedAt"`
}

// NetworkCreate is the input to create a network. Type is required.
type NetworkCreate struct {
	ExternalID string
	Name       string
	Type       NetworkType
	Purpose    string
	Region     string
	Specialty  string
}

// NewNetwork validates c and returns the network it describes.
func (c NetworkCreate) NewNetwork(id string, now time.Time) (*Network, error) {
	n := &Network{ID: id, CreatedAt: now, UpdatedAt: now}
	var err error
	if n.ExternalID, err = cleanExternalID("externalId", c.ExternalID); err != nil {
		return nil, err
	}
	u := NetworkUpdate{Name: &c.Name, Type: &c.Type, Purpose: &c.Purpose, Region: &c.Region, Specialty: &c.Specialty}
	if err := u.apply(n); err != nil {
		return nil, err
	}
	return n, nil
}

// NetworkUpdate changes some of a network's fields.
type NetworkUpdate struct {
	Name      *string
	Type      *NetworkType
	Purpose   *string
	Region    *string
	Specialty *string
}

// Apply validates u and returns an updated copy of n.
func (u NetworkUpdate) Apply(n *Network, now time.Time) (*Network, error) {
	q := *n
	if err := u.apply(&q); err != nil {
		return nil, err
	}
	q.UpdatedAt = now
	return &q, nil
}

func (u NetworkUpdate) apply(n *Network) (err error) {
	if u.Name != nil {
		if n.Name, err = cleanName("name", *u.Name, MaxNameLength); err != nil {
			return err
		}
	}
	if u.Type != nil {
		if err := checkEnum("type", *u.Type, NetworkTypes); err != nil {
			return err
		}
		n.Type = *u.Type
	}
	if u.Purpose != nil {
		if n.Purpose, err = cleanText("purpose", *u.Purpose, MaxPurposeLength); err != nil {
			return err
		}
	}
	if u.Region != nil {
		if n.Region, err = cleanText("region", *u.Region, MaxTextLength); err != nil {
			return err
		}
	}
	if u.Specialty != nil {
		if n.Specialty, err = cleanText("specialty", *u.Specialty, MaxTextLength); err != nil {
			return err
		}
	}
	return nil
}

// NetworkFilter narrows a list of networks; zero fields match all.
type NetworkFilter struct {
	NameContains string
	Type         NetworkType
	Region       string
	Specialty    string
}

// MembershipRole is a person's part in a network.
type MembershipRole string

// Membership roles: a person's part in one network. They are not access
// roles (Role: what a caller of the API may do).
const (
	MembershipLead        MembershipRole = "LEAD"
	MembershipFacilitator MembershipRole = "FACILITATOR"
	MembershipSponsor     MembershipRole = "SPONSOR"
	MembershipCore        MembershipRole = "CORE"
	MembershipMember      MembershipRole = "MEMBER"
)

// MembershipRoles lists every valid membership role.
var MembershipRoles = []MembershipRole{MembershipLead, MembershipFacilitator, MembershipSponsor, MembershipCore,
	MembershipMember}

// Membership says a person belongs to a network. There is at most one per
// person and network.
type Membership struct {
	PersonID  string         `json:"personId"`
	NetworkID string         `json:"networkId"`
	Role      MembershipRole `json:"role,omitempty"`
	Since     *time.Time     `json:"since,omitempty"`
}

// Validate checks the membership's fields (not that the ids exist) and
// defaults Role to MEMBER.
func (m *Membership) Validate() error {
	if err := checkID("personId", m.PersonID); err != nil {
		return err
	}
	if err := checkID("networkId", m.NetworkID); err != nil {
		return err
	}
	if m.Role == "" {
		m.Role = MembershipMember
	}
	return checkEnum("role", m.Role, MembershipRoles)
}
