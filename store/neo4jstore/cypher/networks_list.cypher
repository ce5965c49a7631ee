// Filters are null when unset; text filters arrive lower-cased. The total is a
// count; the page a keyset read in id order on the network_id index (see
// people_list).
CALL () {
  MATCH (n:Network)
  WHERE ($type IS NULL OR n.type = $type)
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS $nameContains)
    AND ($region IS NULL OR toLower(n.region) = $region)
    AND ($specialty IS NULL OR toLower(n.specialty) = $specialty)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Network)
  WHERE n.id > $after
    AND ($type IS NULL OR n.type = $type)
    AND ($nameContains IS NULL OR toLower(n.name) CONTAINS $nameContains)
    AND ($region IS NULL OR toLower(n.region) = $region)
    AND ($specialty IS NULL OR toLower(n.specialty) = $specialty)
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect(n) AS page
}
RETURN total, page
