// Serves the since/until window of audit log queries.
CREATE INDEX audit_entry_at IF NOT EXISTS
FOR (a:AuditEntry) ON (a.at)
