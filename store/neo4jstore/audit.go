package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/netgraph/netgraph"
)

// The audit log is one (:AuditEntry) node per committed mutation, with no
// relationships, so that it is not part of the graph and outlives the nodes
// it names. versioned writes the entry in the mutation's transaction, after
// the work and before the version bump, only if the work changed something.
var (
	qAuditCreate = mustStatement("audit_create")
	qAuditList   = mustStatement("audit_list")
)

// audit returns the stamped audit entry of a mutation of op on ids. It is
// made before the transaction, with the store's clock and the caller in ctx.
func (s *Store) audit(ctx context.Context, op string, ids ...string) *netgraph.AuditEntry {
	e := netgraph.AuditEntry{Operation: op, IDs: ids}.Stamp(ctx, s.now())
	return &e
}

// auditKind returns the stamped audit entry of a mutation of op on the tie
// or partnership of kind between a and b.
func (s *Store) auditKind(ctx context.Context, op, a, b, kind string) *netgraph.AuditEntry {
	e := netgraph.AuditEntry{Operation: op, IDs: []string{a, b}, Kind: kind}.Stamp(ctx, s.now())
	return &e
}

// auditParams returns the parameters of audit_create: the entry's id and its
// properties. Empty values are absent properties.
func auditParams(e *netgraph.AuditEntry) map[string]any {
	props := map[string]any{
		"id":        e.ID,
		"at":        e.At.UTC(),
		"subject":   e.Subject,
		"role":      optString(string(e.Role)),
		"requestId": optString(e.RequestID),
		"operation": e.Operation,
		"ids":       optStrings(e.IDs),
		"kind":      optString(e.Kind),
		"count":     nil,
	}
	if e.Count != 0 {
		props["count"] = int64(e.Count)
	}
	return map[string]any{"id": e.ID, "props": props}
}

// auditEntryFrom reads an audit entry from column key of rec.
func auditEntryFrom(rec *neo4j.Record, key string) (netgraph.AuditEntry, error) {
	p, err := node(rec, key)
	if err != nil {
		return netgraph.AuditEntry{}, err
	}
	e := netgraph.AuditEntry{
		ID:        p.str("id"),
		At:        p.time("at"),
		Subject:   p.str("subject"),
		Role:      netgraph.Role(p.str("role")),
		RequestID: p.str("requestId"),
		Operation: p.str("operation"),
		IDs:       p.strs("ids"),
		Kind:      p.str("kind"),
		Count:     int(p.integer("count")),
	}
	return e, p.err
}

// AuditEntries lists the audit entries f matches, newest first, from one
// statement, so that the page and the total agree.
func (s *Store) AuditEntries(ctx context.Context, f netgraph.AuditFilter, p netgraph.Page) (*netgraph.List[netgraph.AuditEntry], error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return read(ctx, s, "read audit log", listAudit(f, p))
}

// listAudit reads one page of the audit log. f and p must be valid.
func listAudit(f netgraph.AuditFilter, p netgraph.Page) readWork[*netgraph.List[netgraph.AuditEntry]] {
	params := map[string]any{
		"subject":   optString(f.Subject),
		"operation": optString(f.Operation),
		"id":        optString(f.ID),
		"since":     optTime(f.Since),
		"until":     optTime(f.Until),
		"after":     p.After,
		"limit":     int64(p.First + 1), // one more tells whether a next page exists
	}
	return func(ctx context.Context, tx neo4j.ManagedTransaction) (*netgraph.List[netgraph.AuditEntry], error) {
		return readPage(ctx, tx, qAuditList, params, p, "entry", auditEntryFrom)
	}
}
