// Filters are null when unset; text filters arrive lower-cased.
MATCH (n:Network)
WHERE ($type IS NULL OR n.type = $type)
  AND ($nameContains IS NULL OR toLower(n.name) CONTAINS $nameContains)
  AND ($region IS NULL OR toLower(n.region) = $region)
  AND ($specialty IS NULL OR toLower(n.specialty) = $specialty)
WITH n ORDER BY n.id
WITH count(n) AS total, collect(CASE WHEN n.id > $after THEN n END) AS rest
RETURN total, rest[..$limit] AS page
