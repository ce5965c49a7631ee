// Filters are null when unset; text filters arrive lower-cased. The total counts
// every match, the page is the matches after the cursor in id (creation) order.
MATCH (p:Person)
WHERE ($organisationId IS NULL OR EXISTS { (p)-[:WORKS_AT]->(:Organisation {id: $organisationId}) })
  AND ($networkId IS NULL OR EXISTS { (p)-[:MEMBER_OF]->(:Network {id: $networkId}) })
  AND ($nameContains IS NULL OR toLower(p.name) CONTAINS $nameContains)
  AND ($profession IS NULL OR toLower(p.profession) = $profession)
  AND ($region IS NULL OR toLower(p.region) = $region)
  AND ($interest IS NULL OR any(i IN p.interests WHERE toLower(i) = $interest))
WITH p ORDER BY p.id
WITH count(p) AS total, collect(CASE WHEN p.id > $after THEN p END) AS rest
RETURN total, rest[..$limit] AS page
