UNWIND $ids AS owner
MATCH (p:Person {id: owner})-[r:MEMBER_OF]->(n:Network)
RETURN owner, p.id AS fromId, n.id AS toId, r AS rel
ORDER BY owner, toId
