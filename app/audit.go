package app

import (
	"context"

	"github.com/netgraph/netgraph"
)

// AuditLog returns a page of the audit log, newest first. EINVALID for a bad
// filter or page, on the filter's or page's own field ("operation", "first").
// Who may read it is the edge's to check (admins only).
func AuditLog(ctx context.Context, s netgraph.AuditLog, f netgraph.AuditFilter, p netgraph.Page) (*netgraph.List[netgraph.AuditEntry], error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return s.AuditEntries(ctx, f, p)
}
