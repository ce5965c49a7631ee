// Package netgraph is the domain of a service that maps professional networks:
// people, the organisations they work for, the networks they belong to, the
// ties between them and the partnerships between organisations.
//
// This package holds the domain types, their validation, the error codes and
// the Store interface. It imports no database and no transport: stores live in
// store/…, the algorithms in analysis/, cached analyses per scope in
// engine/, the use cases that span store and engine in app/, the GraphQL API
// in graph/, and cmd/netgraph wires them together.
package netgraph

import (
	"context"
	"errors"
	"time"
)

// ErrErasedNotCompacted is wrapped by the error of a DeletePerson whose
// erasure committed but whose compaction failed (a full disk, say): the
// person and everything attached to them are deleted, but their old records
// remain on free pages of the store's file until a compaction succeeds,
// which the store retries at its next Open, at its next erasure, or when the
// operator runs `netgraph compact`. The error's code is EINTERNAL: the
// failure is the store's, not the caller's.
var ErrErasedNotCompacted = errors.New("the person is erased, but the store file is not yet compacted: their old records remain on its free pages until a compaction succeeds")

// Store is all of netgraph's persistence. Every implementation passes the
// contract suite in store/storetest.
//
// Errors carry domain codes: EINVALID for bad input (with the field), ENOTFOUND
// for unknown ids, ECONFLICT for uniqueness violations, EUNAVAILABLE when the
// backend cannot be reached. Each mutation is atomic: it happens entirely or
// not at all, and bumps the data version by exactly one when it changes
// anything.
type Store interface {
	PersonStore
	OrganisationStore
	NetworkStore
	TieStore
	DismissalStore
	MembershipRequestStore
	// AuditLog holds one entry per committed mutation, written in the
	// mutation's transaction. Entries do not bump the data version and are
	// not part of ReadGraph.
	AuditLog

	// DataVersion returns a number that increases with every committed change,
	// so analysis caches can key on it.
	DataVersion(ctx context.Context) (uint64, error)

	// ReadGraph streams the whole graph, consistent as of one data version,
	// in dependency order: organisations, networks, people, affiliations,
	// memberships, ties, partnerships. It returns the version it reflects. It
	// stops at the first error fn returns. It feeds analysis snapshots and
	// exports.
	ReadGraph(ctx context.Context, fn func(Record) error) (version uint64, err error)

	// Import writes records as they are, ids included, replacing any existing
	// entity with the same id; relations to unknown ids are refused. Records
	// may arrive in batches, in the order ReadGraph produces them.
	Import(ctx context.Context, records []Record) error

	// Ping checks that the store is reachable.
	Ping(ctx context.Context) error

	// Close releases the store.
	Close() error
}

// PersonStore keeps people.
type PersonStore interface {
	// CreatePerson validates and stores a new person. If c.ExternalID names an
	// existing person, that person is returned unchanged (idempotent import).
	CreatePerson(ctx context.Context, c PersonCreate) (*Person, error)
	// Person returns one person; ENOTFOUND if unknown.
	Person(ctx context.Context, id string) (*Person, error)
	// PersonByExternalID returns the person with that external id (the id
	// an import or another system knows them by); ENOTFOUND (field
	// "externalId") if nobody has it.
	PersonByExternalID(ctx context.Context, externalID string) (*Person, error)
	// PeopleByID returns the people with the given ids, aligned with ids
	// (nil where unknown). It is the batch read behind dataloaders.
	PeopleByID(ctx context.Context, ids []string) ([]*Person, error)
	// People lists people matching f in a stable order (creation order).
	People(ctx context.Context, f PersonFilter, p Page) (*List[*Person], error)
	// UpdatePerson changes a person; ENOTFOUND if unknown.
	UpdatePerson(ctx context.Context, id string, u PersonUpdate) (*Person, error)
	// DeletePerson erases a person and everything attached to them: ties,
	// affiliations, memberships, dismissed introductions and membership
	// requests. ENOTFOUND if unknown. An error that
	// wraps ErrErasedNotCompacted means the erasure committed (the person
	// is gone, a retry says ENOTFOUND) but the store could not yet remove
	// their old records from its storage; the caller must treat the person
	// as erased and report the failure.
	DeletePerson(ctx context.Context, id string) error
}

// OrganisationStore keeps organisations, affiliations and partnerships.
type OrganisationStore interface {
	CreateOrganisation(ctx context.Context, c OrganisationCreate) (*Organisation, error)
	Organisation(ctx context.Context, id string) (*Organisation, error)
	// OrganisationByExternalID returns the organisation with that external
	// id; ENOTFOUND (field "externalId") if none has it.
	OrganisationByExternalID(ctx context.Context, externalID string) (*Organisation, error)
	OrganisationsByID(ctx context.Context, ids []string) ([]*Organisation, error)
	Organisations(ctx context.Context, f OrganisationFilter, p Page) (*List[*Organisation], error)
	UpdateOrganisation(ctx context.Context, id string, u OrganisationUpdate) (*Organisation, error)
	// DeleteOrganisation removes an organisation with its affiliations and
	// partnerships (the people stay).
	DeleteOrganisation(ctx context.Context, id string) error

	// AddAffiliation records that a person works at an organisation; ECONFLICT
	// if already recorded, ENOTFOUND if either id is unknown.
	AddAffiliation(ctx context.Context, a Affiliation) (*Affiliation, error)
	// UpdateAffiliation replaces the role and since of an existing affiliation.
	UpdateAffiliation(ctx context.Context, a Affiliation) (*Affiliation, error)
	RemoveAffiliation(ctx context.Context, personID, organisationID string) error
	// AffiliationsByPerson returns each person's affiliations, aligned with ids.
	AffiliationsByPerson(ctx context.Context, personIDs []string) ([][]Affiliation, error)
	// AffiliationsByOrganisation returns each organisation's affiliations
	// (its people), aligned with ids.
	AffiliationsByOrganisation(ctx context.Context, organisationIDs []string) ([][]Affiliation, error)

	// CreatePartnership links two organisations; ECONFLICT if the pair already
	// has a partnership of that kind.
	CreatePartnership(ctx context.Context, p Partnership) (*Partnership, error)
	RemovePartnership(ctx context.Context, a, b string, kind PartnershipKind) error
	// PartnershipsByOrganisation returns each organisation's partnerships,
	// aligned with ids.
	PartnershipsByOrganisation(ctx context.Context, organisationIDs []string) ([][]Partnership, error)
}

// NetworkStore keeps networks and memberships.
type NetworkStore interface {
	CreateNetwork(ctx context.Context, c NetworkCreate) (*Network, error)
	Network(ctx context.Context, id string) (*Network, error)
	// NetworkByExternalID returns the network with that external id;
	// ENOTFOUND (field "externalId") if none has it.
	NetworkByExternalID(ctx context.Context, externalID string) (*Network, error)
	NetworksByID(ctx context.Context, ids []string) ([]*Network, error)
	Networks(ctx context.Context, f NetworkFilter, p Page) (*List[*Network], error)
	UpdateNetwork(ctx context.Context, id string, u NetworkUpdate) (*Network, error)
	// DeleteNetwork removes a network with its memberships (the people stay).
	DeleteNetwork(ctx context.Context, id string) error

	// AddMembership adds a person to a network; ECONFLICT if already a member.
	AddMembership(ctx context.Context, m Membership) (*Membership, error)
	// UpdateMembership replaces the role and since of an existing membership.
	UpdateMembership(ctx context.Context, m Membership) (*Membership, error)
	RemoveMembership(ctx context.Context, personID, networkID string) error
	// MembershipsByPerson returns each person's memberships, aligned with ids.
	MembershipsByPerson(ctx context.Context, personIDs []string) ([][]Membership, error)
	// MembershipsByNetwork returns each network's memberships, aligned with ids.
	MembershipsByNetwork(ctx context.Context, networkIDs []string) ([][]Membership, error)
}

// TieStore keeps ties between people.
type TieStore interface {
	// Connect creates a tie; ECONFLICT if the pair already has a tie of that
	// kind, ENOTFOUND if either person is unknown.
	Connect(ctx context.Context, c TieCreate) (*Tie, error)
	// UpdateTie changes an existing tie; ENOTFOUND if there is none.
	UpdateTie(ctx context.Context, k TieKey, u TieUpdate) (*Tie, error)
	// Disconnect removes a tie; ENOTFOUND if there is none.
	Disconnect(ctx context.Context, k TieKey) error
	// TiesByPerson returns each person's ties, aligned with ids, each list in
	// a stable order (by the other person's id, then kind).
	TiesByPerson(ctx context.Context, personIDs []string) ([][]Tie, error)
}

// Page asks for part of a list: at most First items after the item whose
// cursor key is After ("" = from the start).
type Page struct {
	First int
	After string
}

// Page size limits.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// Validate checks the page and applies the default size.
func (p *Page) Validate() error {
	switch {
	case p.First < 0:
		return Invalid("first", "must not be negative (got %d)", p.First)
	case p.First > MaxPageSize:
		return Invalid("first", "must be at most %d (got %d)", MaxPageSize, p.First)
	case p.First == 0:
		p.First = DefaultPageSize
	}
	return nil
}

// List is one page of a list: the items, whether more follow, and how many
// items match in all. An item's cursor key is its ID.
type List[T any] struct {
	Items       []T
	HasNextPage bool
	TotalCount  int
}

// Record is one entity of a whole-graph stream (ReadGraph, Import, export
// files): exactly one field is set.
type Record struct {
	Organisation *Organisation `json:"organisation,omitempty"`
	Network      *Network      `json:"network,omitempty"`
	Person       *Person       `json:"person,omitempty"`
	Affiliation  *Affiliation  `json:"affiliation,omitempty"`
	Membership   *Membership   `json:"membership,omitempty"`
	Tie          *Tie          `json:"tie,omitempty"`
	Partnership  *Partnership  `json:"partnership,omitempty"`
}

// Clock returns the current time; stores take one so tests can fix time.
type Clock func() time.Time
