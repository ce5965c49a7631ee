MATCH (p:Person)
WHERE p.id > $afterFrom
RETURN p AS person
ORDER BY p.id
LIMIT $limit
