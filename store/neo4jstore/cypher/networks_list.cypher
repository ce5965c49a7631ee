// Filters are null when unset; text filters arrive lower-cased. $text is the
// register's search: name, purpose or specialty. A network stored before
// networks had profiles has no status or policy: the defaults, which
// $defaultStatus and $defaultPolicy name. The total is a
// count; the page a keyset read in id order on the network_id index (see
// people_list).
CALL () {
  MATCH (n:Network)
  WHERE ($type IS NULL OR n.type = $type)
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS $nameContains)
    AND ($region IS NULL OR toLower(n.region) = $region)
    AND ($specialty IS NULL OR toLower(n.specialty) = $specialty)
    AND ($status IS NULL OR coalesce(n.status, $defaultStatus) = $status)
    AND ($membershipPolicy IS NULL OR coalesce(n.membershipPolicy, $defaultPolicy) = $membershipPolicy)
    AND ($text IS NULL OR toLower(n.name) CONTAINS $text OR toLower(coalesce(n.purpose, '')) CONTAINS $text
         OR toLower(coalesce(n.specialty, '')) CONTAINS $text)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Network)
  WHERE n.id > $after
    AND ($type IS NULL OR n.type = $type)
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS $nameContains)
    AND ($region IS NULL OR toLower(n.region) = $region)
    AND ($specialty IS NULL OR toLower(n.specialty) = $specialty)
    AND ($status IS NULL OR coalesce(n.status, $defaultStatus) = $status)
    AND ($membershipPolicy IS NULL OR coalesce(n.membershipPolicy, $defaultPolicy) = $membershipPolicy)
    AND ($text IS NULL OR toLower(n.name) CONTAINS $text OR toLower(coalesce(n.purpose, '')) CONTAINS $text
         OR toLower(coalesce(n.specialty, '')) CONTAINS $text)
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect(n) AS page
}
RETURN total, page
