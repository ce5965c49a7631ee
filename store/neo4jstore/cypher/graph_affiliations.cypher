// Keyset on (person id, organisation id): the range on p.id lets the planner
// seek the person index instead of rescanning from the start for every page.
MATCH (p:Person)-[r:WORKS_AT]->(o:Organisation)
WHERE p.id >= $afterFrom AND (p.id > $afterFrom OR o.id > $afterTo)
RETURN p.id AS fromId, o.id AS toId, r AS rel
ORDER BY fromId, toId
LIMIT $limit
