// Filters are null when unset; text filters arrive lower-cased. The total is a
// count: no person is loaded for it. The page is read by keyset: the matches
// after the cursor in id (creation) order, which the person_id constraint's
// index yields in order, so only the page's people are read.
CALL () {
  MATCH (p:Person)
  WHERE ($organisationId IS NULL OR EXISTS { (p)-[:WORKS_AT]->(:Organisation {id: $organisationId}) })
    AND ($networkId IS NULL OR EXISTS { (p)-[:MEMBER_OF]->(:Network {id: $networkId}) })
    AND ($nameContains IS NULL OR toLower(p.name) CONTAINS $nameContains)
    AND ($profession IS NULL OR toLower(p.profession) = $profession)
    AND ($region IS NULL OR toLower(p.region) = $region)
    AND ($interest IS NULL OR any(i IN p.interests WHERE toLower(i) = $interest))
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Person)
  WHERE p.id > $after
    AND ($organisationId IS NULL OR EXISTS { (p)-[:WORKS_AT]->(:Organisation {id: $organisationId}) })
    AND ($networkId IS NULL OR EXISTS { (p)-[:MEMBER_OF]->(:Network {id: $networkId}) })
    AND ($nameContains IS NULL OR toLower(p.name) CONTAINS $nameContains)
    AND ($profession IS NULL OR toLower(p.profession) = $profession)
    AND ($region IS NULL OR toLower(p.region) = $region)
    AND ($interest IS NULL OR any(i IN p.interests WHERE toLower(i) = $interest))
  WITH p ORDER BY p.id LIMIT $limit
  RETURN collect(p) AS page
}
RETURN total, page
