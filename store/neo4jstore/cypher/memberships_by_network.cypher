UNWIND $ids AS owner
MATCH (n:Network {id: owner})<-[r:MEMBER_OF]-(p:Person)
RETURN owner, p.id AS fromId, n.id AS toId, r AS rel
ORDER BY owner, fromId
