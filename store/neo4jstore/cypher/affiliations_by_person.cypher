UNWIND $ids AS owner
MATCH (p:Person {id: owner})-[r:WORKS_AT]->(o:Organisation)
RETURN owner, p.id AS fromId, o.id AS toId, r AS rel
ORDER BY owner, toId
