UNWIND $ids AS owner
MATCH (o:Organisation {id: owner})<-[r:WORKS_AT]-(p:Person)
RETURN owner, p.id AS fromId, o.id AS toId, r AS rel
ORDER BY owner, fromId
