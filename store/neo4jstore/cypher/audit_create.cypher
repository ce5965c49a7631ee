// Records a mutation in the audit log, in the mutation's own transaction, so
// the two commit or fail together. Create-if-absent on the id chosen before
// the transaction, so a retried transaction never records a mutation twice.
// Entries are not graph data: they have no relationships and no effect on the
// data version.
MERGE (a:AuditEntry {id: $id})
  ON CREATE SET a = $props
