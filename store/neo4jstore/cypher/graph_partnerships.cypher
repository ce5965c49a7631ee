// Keyset on the partnership key, which the partnership_key constraint (or index) covers.
MATCH (a:Organisation)-[r:PARTNERS_WITH]->(b:Organisation)
WHERE r.key > $afterFrom
RETURN a.id AS fromId, b.id AS toId, r AS rel
ORDER BY r.key
LIMIT $limit
