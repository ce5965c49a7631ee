MATCH (o:Organisation)
WHERE o.id > $afterFrom
RETURN o AS organisation
ORDER BY o.id
LIMIT $limit
