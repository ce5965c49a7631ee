// Filters are null when unset; text filters arrive lower-cased. The total is a
// count; the page a keyset read in id order on the organisation_id index (see
// people_list).
CALL () {
  MATCH (o:Organisation)
  WHERE ($sector IS NULL OR o.sector = $sector)
    AND ($nameContains IS NULL OR toLower(o.name) CONTAINS $nameContains)
    AND ($region IS NULL OR toLower(o.region) = $region)
  RETURN count(o) AS total
}
CALL () {
  MATCH (o:Organisation)
  WHERE o.id > $after
    AND ($sector IS NULL OR o.sector = $sector)
    AND ($nameContains IS NULL OR toLower(o.name) CONTAINS $nameContains)
    AND ($region IS NULL OR toLower(o.region) = $region)
  WITH o ORDER BY o.id LIMIT $limit
  RETURN collect(o) AS page
}
RETURN total, page
