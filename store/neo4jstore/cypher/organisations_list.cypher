// Filters are null when unset; text filters arrive lower-cased.
MATCH (o:Organisation)
WHERE ($sector IS NULL OR o.sector = $sector)
  AND ($nameContains IS NULL OR toLower(o.name) CONTAINS $nameContains)
  AND ($region IS NULL OR toLower(o.region) = $region)
WITH o ORDER BY o.id
WITH count(o) AS total, collect(CASE WHEN o.id > $after THEN o END) AS rest
RETURN total, rest[..$limit] AS page
