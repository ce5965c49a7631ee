package netgraph

import (
	"context"
	"slices"
	"time"
)

// AuditEntry records one committed mutation: who made it, which operation,
// which ids it touched and when. It holds no field values of the data it
// records (no names, e-mails, roles or free text), only opaque ids, the
// operation and the caller, so it may outlive the data it refers to (see
// AuditLog).
type AuditEntry struct {
	// ID is the entry's id ("aud_…"); ids sort by the time they were made.
	ID string
	// At is when the store committed the mutation, by the store's clock.
	At time.Time
	// Subject, Role and RequestID are the caller's (CallerFrom). A mutation
	// made without a caller, such as a CLI import or demo seeding, has
	// Subject AuditSystem and no role or request id.
	Subject   string
	Role      Role
	RequestID string
	// Operation is the Store method that made the change: one of
	// AuditOperations ("CreatePerson", "Connect", "Import", …).
	Operation string
	// IDs are the ids the mutation named, in the order the method takes
	// them: the entity's id for a create, update or delete of a person,
	// organisation or network; the person and the organisation or network
	// for an affiliation or membership; the two people or organisations for
	// a tie or partnership, as the caller named them; the two people of a
	// dismissed introduction, in order. Nil for Import.
	IDs []string
	// Kind is the kind of a tie or partnership (part of its identity:
	// "KNOWS", "MOU"); empty otherwise.
	Kind string
	// Count is the number of records an Import wrote; 0 otherwise. An import
	// is recorded by its size rather than by every id it carried.
	Count int
}

// AuditSystem is the Subject of entries for mutations made without a caller
// in the context: by the service itself, the CLI or demo seeding.
const AuditSystem = "system"

// Operations, as recorded in AuditEntry.Operation: the names of the Store's
// mutating methods.
const (
	OpCreatePerson        = "CreatePerson"
	OpUpdatePerson        = "UpdatePerson"
	OpDeletePerson        = "DeletePerson"
	OpCreateOrganisation  = "CreateOrganisation"
	OpUpdateOrganisation  = "UpdateOrganisation"
	OpDeleteOrganisation  = "DeleteOrganisation"
	OpAddAffiliation      = "AddAffiliation"
	OpUpdateAffiliation   = "UpdateAffiliation"
	OpRemoveAffiliation   = "RemoveAffiliation"
	OpCreatePartnership   = "CreatePartnership"
	OpRemovePartnership   = "RemovePartnership"
	OpCreateNetwork       = "CreateNetwork"
	OpUpdateNetwork       = "UpdateNetwork"
	OpDeleteNetwork       = "DeleteNetwork"
	OpAddMembership       = "AddMembership"
	OpUpdateMembership    = "UpdateMembership"
	OpRemoveMembership    = "RemoveMembership"
	OpConnect             = "Connect"
	OpUpdateTie           = "UpdateTie"
	OpDisconnect          = "Disconnect"
	OpDismissIntroduction = "DismissIntroduction"
	OpImport              = "Import"
	// A membership request's entries name the request, the person and the
	// network.
	OpRequestMembership       = "RequestMembership"
	OpDecideMembershipRequest = "DecideMembershipRequest"
)

// AuditOperations lists every operation an entry may record.
var AuditOperations = []string{
	OpCreatePerson, OpUpdatePerson, OpDeletePerson,
	OpCreateOrganisation, OpUpdateOrganisation, OpDeleteOrganisation,
	OpAddAffiliation, OpUpdateAffiliation, OpRemoveAffiliation,
	OpCreatePartnership, OpRemovePartnership,
	OpCreateNetwork, OpUpdateNetwork, OpDeleteNetwork,
	OpAddMembership, OpUpdateMembership, OpRemoveMembership,
	OpConnect, OpUpdateTie, OpDisconnect,
	OpDismissIntroduction,
	OpImport,
	OpRequestMembership, OpDecideMembershipRequest,
}

// Stamp returns e completed for writing: a new id, the time at (in UTC) and
// the caller in ctx, or AuditSystem when there is none. Stores call it with
// an entry that says what the mutation did (Operation, IDs, Kind, Count).
func (e AuditEntry) Stamp(ctx context.Context, at time.Time) AuditEntry {
	e.ID = NewID(AuditIDPrefix)
	e.At = at.UTC()
	if c, ok := CallerFrom(ctx); ok {
		e.Subject, e.Role, e.RequestID = c.Subject, c.Role, c.RequestID
	} else {
		e.Subject, e.Role, e.RequestID = AuditSystem, "", ""
	}
	return e
}

// AuditFilter narrows the audit log; zero fields match every entry.
type AuditFilter struct {
	Subject   string     // entries made by this caller (exact)
	Operation string     // entries of this operation, one of AuditOperations
	ID        string     // entries whose IDs include this id
	Since     *time.Time // entries at or after Since
	Until     *time.Time // entries before Until
}

// Validate checks the filter: a known operation, and Since before Until when
// both are set.
func (f AuditFilter) Validate() error {
	if f.Operation != "" && !slices.Contains(AuditOperations, f.Operation) {
		return Invalid("operation", "must be one of the store's operations (got %q)", f.Operation)
	}
	if f.Since != nil && f.Until != nil && !f.Since.Before(*f.Until) {
		return Invalid("until", "must be after since")
	}
	return nil
}

// Match reports whether f matches e.
func (f AuditFilter) Match(e *AuditEntry) bool {
	switch {
	case f.Subject != "" && e.Subject != f.Subject,
		f.Operation != "" && e.Operation != f.Operation,
		f.ID != "" && !slices.Contains(e.IDs, f.ID),
		f.Since != nil && e.At.Before(*f.Since),
		f.Until != nil && !e.At.Before(*f.Until):
		return false
	}
	return true
}

// AuditLog is the record of every mutation a Store commits. The store writes
// exactly one entry per successful mutation, in the mutation's own
// transaction, so a change and its entry commit or fail together. A mutation
// that fails (invalid input, an unknown id, a conflict) writes no entry, and
// neither does one that changes nothing (a create naming an existing external
// id, an empty Import).
//
// Entries are not analysis data: writing one does not bump the data version,
// and they are not part of ReadGraph, exports or Import. Erasing a person
// does not erase entries that name their id: erasure removes personal data,
// and entries hold none (only opaque ids, operations, callers and times), so
// the trail of who did what remains.
//
// The store does not check who may read the log; the API lets only admins.
type AuditLog interface {
	// AuditEntries lists the entries f matches, newest first, with the total
	// number that match. An entry's cursor key is its ID. EINVALID for a bad
	// page or filter.
	AuditEntries(ctx context.Context, f AuditFilter, p Page) (*List[AuditEntry], error)
}
