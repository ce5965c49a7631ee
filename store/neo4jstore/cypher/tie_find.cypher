// Tells a write which of the two people and the tie (by key, either direction) exist.
OPTIONAL MATCH (a:Person {id: $fromId})
OPTIONAL MATCH (b:Person {id: $toId})
OPTIONAL MATCH ()-[t:TIE {key: $key}]->()
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, count(t) > 0 AS relFound
