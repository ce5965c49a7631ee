MATCH (n:Network)
WHERE n.id > $afterFrom
RETURN n AS network
ORDER BY n.id
LIMIT $limit
