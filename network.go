package netgraph

import (
	"strings"
	"time"
)

// NetworkType is the purpose a network is organised for.
type NetworkType string

// Network types.
const (
	NetworkDevelopmental       NetworkType = "DEVELOPMENTAL"
	NetworkLearning            NetworkType = "LEARNING"
	NetworkAdvocacy            NetworkType = "ADVOCACY"
	NetworkClinicalOperational NetworkType = "CLINICAL_OPERATIONAL"
	// NetworkOperationalDelivery is an operational delivery network (ODN):
	// providers coordinating a patient pathway across a region, such as
	// neonatal or major trauma care.
	NetworkOperationalDelivery NetworkType = "OPERATIONAL_DELIVERY"
	// NetworkManagedClinical is a managed clinical network (MCN): linked
	// groups of professionals and organisations working to agreed standards
	// across boundaries, with a board and a network office.
	NetworkManagedClinical NetworkType = "MANAGED_CLINICAL"
)

// NetworkTypes lists every valid network type.
var NetworkTypes = []NetworkType{NetworkDevelopmental, NetworkLearning, NetworkAdvocacy, NetworkClinicalOperational,
	NetworkOperationalDelivery, NetworkManagedClinical}

// MembershipPolicy says how someone joins a network.
type MembershipPolicy string

// Membership policies.
const (
	PolicyOpen         MembershipPolicy = "OPEN"          // anyone may join
	PolicyByRequest    MembershipPolicy = "BY_REQUEST"    // ask the network office, which decides
	PolicyByInvitation MembershipPolicy = "BY_INVITATION" // the network invites its members
)

// MembershipPolicies lists every valid membership policy.
var MembershipPolicies = []MembershipPolicy{PolicyOpen, PolicyByRequest, PolicyByInvitation}

// NetworkStatus says whether a network is running.
type NetworkStatus string

// Network statuses.
const (
	StatusActive  NetworkStatus = "ACTIVE"
	StatusDormant NetworkStatus = "DORMANT" // not meeting, but not wound up
	StatusClosed  NetworkStatus = "CLOSED"
)

// NetworkStatuses lists every valid network status.
var NetworkStatuses = []NetworkStatus{StatusActive, StatusDormant, StatusClosed}

// The profile a network has until told otherwise, and the one a network
// stored before networks had profiles reads back with.
const (
	DefaultMembershipPolicy = PolicyByRequest
	DefaultNetworkStatus    = StatusActive
)

// Document is one of a network's governing documents, such as its terms of
// reference: where it is and when it is next due for review.
type Document struct {
	Title      string     `json:"title"`
	Link       string     `json:"link,omitempty"` // an http or https URL
	ReviewDate *time.Time `json:"reviewDate,omitempty"`
}

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

	// The register's profile: what the network is for and how to join it.

	Aims               string `json:"aims,omitempty"`
	HostOrganisationID string `json:"hostOrganisationId,omitempty"` // the organisation that hosts the network office
	// ContactName and ContactEmail reach the network office. The e-mail
	// may be a person's, so it is shown only to those who see people's
	// e-mails.
	ContactName      string           `json:"contactName,omitempty"`
	ContactEmail     string           `json:"contactEmail,omitempty"`
	MembershipPolicy MembershipPolicy `json:"membershipPolicy,omitempty"`
	Website          string           `json:"website,omitempty"` // an http or https URL
	TermsOfReference *Document        `json:"termsOfReference,omitempty"`
	Memorandum       *Document        `json:"memorandum,omitempty"` // memorandum of understanding
	Status           NetworkStatus    `json:"status,omitempty"`
}

// SetDefaults gives a network stored before networks had profiles the
// default policy and status; stores call it on what they read.
func (n *Network) SetDefaults() {
	if n.MembershipPolicy == "" {
		n.MembershipPolicy = DefaultMembershipPolicy
	}
	if n.Status == "" {
		n.Status = DefaultNetworkStatus
	}
}

// NetworkCreate is the input to create a network. Type is required;
// MembershipPolicy and Status default to DefaultMembershipPolicy and
// DefaultNetworkStatus.
type NetworkCreate struct {
	ExternalID         string
	Name               string
	Type               NetworkType
	Purpose            string
	Region             string
	Specialty          string
	Aims               string
	HostOrganisationID string
	ContactName        string
	ContactEmail       string
	MembershipPolicy   MembershipPolicy
	Website            string
	TermsOfReference   *Document
	Memorandum         *Document
	Status             NetworkStatus
}

// NewNetwork validates c and returns the network it describes.
func (c NetworkCreate) NewNetwork(id string, now time.Time) (*Network, error) {
	n := &Network{ID: id, CreatedAt: now, UpdatedAt: now}
	var err error
	if n.ExternalID, err = cleanExternalID("externalId", c.ExternalID); err != nil {
		return nil, err
	}
	u := NetworkUpdate{Name: &c.Name, Type: &c.Type, Purpose: &c.Purpose, Region: &c.Region, Specialty: &c.Specialty,
		Aims: &c.Aims, HostOrganisationID: &c.HostOrganisationID, ContactName: &c.ContactName,
		ContactEmail: &c.ContactEmail, Website: &c.Website, TermsOfReference: c.TermsOfReference,
		Memorandum: c.Memorandum}
	if c.MembershipPolicy != "" {
		u.MembershipPolicy = &c.MembershipPolicy
	}
	if c.Status != "" {
		u.Status = &c.Status
	}
	if err := u.apply(n); err != nil {
		return nil, err
	}
	n.SetDefaults()
	return n, nil
}

// NetworkUpdate changes some of a network's fields; nil fields are left
// alone, and an empty string removes a text. A document with no title, link
// or review date removes the document.
type NetworkUpdate struct {
	Name               *string
	Type               *NetworkType
	Purpose            *string
	Region             *string
	Specialty          *string
	Aims               *string
	HostOrganisationID *string
	ContactName        *string
	ContactEmail       *string
	MembershipPolicy   *MembershipPolicy
	Website            *string
	TermsOfReference   *Document
	Memorandum         *Document
	Status             *NetworkStatus
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
	for _, f := range []struct {
		field string
		in    *string
		out   *string
		max   int
	}{
		{"specialty", u.Specialty, &n.Specialty, MaxTextLength},
		{"aims", u.Aims, &n.Aims, MaxPurposeLength},
		{"hostOrganisationId", u.HostOrganisationID, &n.HostOrganisationID, MaxExternalID},
		{"contactName", u.ContactName, &n.ContactName, MaxNameLength},
	} {
		if f.in == nil {
			continue
		}
		if *f.out, err = cleanText(f.field, *f.in, f.max); err != nil {
			return err
		}
	}
	if u.ContactEmail != nil {
		if n.ContactEmail, err = cleanEmail("contactEmail", *u.ContactEmail); err != nil {
			return err
		}
	}
	if u.Website != nil {
		if n.Website, err = cleanURL("website", *u.Website); err != nil {
			return err
		}
	}
	if u.TermsOfReference != nil {
		if n.TermsOfReference, err = cleanDocument("termsOfReference", *u.TermsOfReference); err != nil {
			return err
		}
	}
	if u.Memorandum != nil {
		if n.Memorandum, err = cleanDocument("memorandum", *u.Memorandum); err != nil {
			return err
		}
	}
	if u.MembershipPolicy != nil {
		if err := checkEnum("membershipPolicy", *u.MembershipPolicy, MembershipPolicies); err != nil {
			return err
		}
		n.MembershipPolicy = *u.MembershipPolicy
	}
	if u.Status != nil {
		if err := checkEnum("status", *u.Status, NetworkStatuses); err != nil {
			return err
		}
		n.Status = *u.Status
	}
	return nil
}

// Review dates outside these years are typing mistakes, not plans.
const (
	minReviewYear = 1990
	maxReviewYear = 2200
)

// cleanDocument checks a document: a title, an optional http(s) link and an
// optional review date, which is kept in UTC. It returns nil for a document
// with nothing in it. Errors name the field inside ("termsOfReference.link").
func cleanDocument(field string, d Document) (*Document, error) {
	var err error
	if d.Title, err = cleanText(field+".title", d.Title, MaxNameLength); err != nil {
		return nil, err
	}
	if d.Link, err = cleanURL(field+".link", d.Link); err != nil {
		return nil, err
	}
	if d.Title == "" && d.Link == "" && d.ReviewDate == nil {
		return nil, nil
	}
	if d.Title == "" {
		return nil, Invalid(field+".title", "must not be empty")
	}
	if d.ReviewDate != nil {
		r := d.ReviewDate.UTC()
		if y := r.Year(); y < minReviewYear || y > maxReviewYear {
			return nil, Invalid(field+".reviewDate", "must be a date between %d and %d (got %d)",
				minReviewYear, maxReviewYear, y)
		}
		d.ReviewDate = &r
	}
	return &d, nil
}

// NetworkFilter narrows a list of networks; zero fields match all. Text
// matches are case-insensitive: NameContains and Text are substrings, Region
// and Specialty exact.
type NetworkFilter struct {
	NameContains string
	Type         NetworkType
	Region       string
	Specialty    string
	// Text is found in the name, the purpose or the specialty: the
	// register's search box.
	Text             string
	Status           NetworkStatus
	MembershipPolicy MembershipPolicy
}

// MatchesText reports whether f's register search, Text, finds n. Stores that
// filter in memory use it, so that both stores search the same fields.
func (f NetworkFilter) MatchesText(n *Network) bool {
	if f.Text == "" {
		return true
	}
	t := strings.ToLower(f.Text)
	return strings.Contains(strings.ToLower(n.Name), t) || strings.Contains(strings.ToLower(n.Purpose), t) ||
		strings.Contains(strings.ToLower(n.Specialty), t)
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
