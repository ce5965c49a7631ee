// Tells a write which of the person, the organisation and the affiliation exist.
OPTIONAL MATCH (p:Person {id: $fromId})
OPTIONAL MATCH (o:Organisation {id: $toId})
OPTIONAL MATCH (p)-[r:WORKS_AT]->(o)
RETURN p IS NOT NULL AS fromFound, o IS NOT NULL AS toFound, count(r) > 0 AS relFound
