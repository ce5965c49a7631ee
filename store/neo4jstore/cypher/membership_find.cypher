// Tells a write which of the person, the network and the membership exist.
OPTIONAL MATCH (p:Person {id: $fromId})
OPTIONAL MATCH (n:Network {id: $toId})
OPTIONAL MATCH (p)-[r:MEMBER_OF]->(n)
RETURN p IS NOT NULL AS fromFound, n IS NOT NULL AS toFound, count(r) > 0 AS relFound
