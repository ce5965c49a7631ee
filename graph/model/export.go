package model

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/netgraph/netgraph"
)

// PersonalDataExport is everything netgraph holds about one person, built by
// package graph for Query.exportPersonalData. Other people appear in it by
// id only.
type PersonalDataExport struct {
	ExportedAt   time.Time
	Person       *netgraph.Person
	Affiliations []*PersonalAffiliation
	Memberships  []*PersonalMembership
	// MembershipRequests are the person's requests, oldest first.
	MembershipRequests []*PersonalMembershipRequest
	// Ties are the person's ties as the store holds them (both ends by id).
	Ties []*netgraph.Tie
	// AuditEntries are the entries naming the person's id, newest first.
	AuditEntries []*netgraph.AuditEntry
	// Metrics are the person's figures, one per scope they are in.
	Metrics []*PersonMetrics
}

// JSON returns the export as one JSON document whose fields are the
// schema's (PersonalDataExport without json): the person and their ties in
// the domain's JSON (the format of export files), the rest as the schema
// names it.
func (e *PersonalDataExport) JSON() (string, error) {
	doc := struct {
		ExportedAt         time.Time                    `json:"exportedAt"`
		Person             *netgraph.Person             `json:"person"`
		Affiliations       []*PersonalAffiliation       `json:"affiliations"`
		Memberships        []*PersonalMembership        `json:"memberships"`
		MembershipRequests []*PersonalMembershipRequest `json:"membershipRequests"`
		Ties               []*netgraph.Tie              `json:"ties"`
		AuditEntries       []auditEntryJSON             `json:"auditEntries"`
		Metrics            []*PersonMetrics             `json:"metrics"`
	}{
		ExportedAt:         e.ExportedAt,
		Person:             e.Person,
		Affiliations:       e.Affiliations,
		Memberships:        e.Memberships,
		MembershipRequests: e.MembershipRequests,
		Ties:               e.Ties,
		AuditEntries:       make([]auditEntryJSON, len(e.AuditEntries)),
		Metrics:            e.Metrics,
	}
	for i, a := range e.AuditEntries {
		doc.AuditEntries[i] = auditEntryJSON{
			ID: a.ID, At: a.At, Subject: a.Subject, Role: strings.ToUpper(string(a.Role)), RequestID: a.RequestID,
			Operation: a.Operation, IDs: a.IDs, Kind: a.Kind, Count: a.Count,
		}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// auditEntryJSON is an audit entry with the schema's field names.
type auditEntryJSON struct {
	ID        string    `json:"id"`
	At        time.Time `json:"at"`
	Subject   string    `json:"subject"`
	Role      string    `json:"role,omitempty"` // the schema's Role: VIEWER, …
	RequestID string    `json:"requestId,omitempty"`
	Operation string    `json:"operation"`
	IDs       []string  `json:"ids,omitempty"`
	Kind      string    `json:"kind,omitempty"`
	Count     int       `json:"count,omitempty"`
}
