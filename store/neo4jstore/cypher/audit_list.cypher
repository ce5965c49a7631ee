// One page of the audit log, newest first (ids sort by creation time), with
// the number of entries that match. Filters are null when unset. The page is
// the matches before the cursor ($after, an entry id; '' for the first page),
// the first $limit by id descending: a top-k sort, so only a page of entries
// is held, however long the log. With no match, the one row has a null entry,
// which collect drops.
MATCH (a:AuditEntry)
WHERE ($subject IS NULL OR a.subject = $subject)
  AND ($operation IS NULL OR a.operation = $operation)
  AND ($id IS NULL OR $id IN a.ids)
  AND ($since IS NULL OR a.at >= $since)
  AND ($until IS NULL OR a.at < $until)
WITH count(a) AS total
OPTIONAL MATCH (e:AuditEntry)
WHERE ($after = '' OR e.id < $after)
  AND ($subject IS NULL OR e.subject = $subject)
  AND ($operation IS NULL OR e.operation = $operation)
  AND ($id IS NULL OR $id IN e.ids)
  AND ($since IS NULL OR e.at >= $since)
  AND ($until IS NULL OR e.at < $until)
WITH total, e ORDER BY e.id DESC LIMIT $limit
RETURN total, collect(e) AS page
