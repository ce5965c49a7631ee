// Tells a write which of the two organisations and the partnership (by key) exist.
OPTIONAL MATCH (a:Organisation {id: $fromId})
OPTIONAL MATCH (b:Organisation {id: $toId})
OPTIONAL MATCH ()-[r:PARTNERS_WITH {key: $key}]->()
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, count(r) > 0 AS relFound
