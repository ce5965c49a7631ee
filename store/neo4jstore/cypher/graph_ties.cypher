// Keyset on the tie key, which the tie_key constraint (or index) covers.
MATCH (a:Person)-[t:TIE]->(b:Person)
WHERE t.key > $afterFrom
RETURN a.id AS fromId, b.id AS toId, t AS rel
ORDER BY t.key
LIMIT $limit
