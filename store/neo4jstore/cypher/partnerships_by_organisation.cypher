// Each organisation's partnerships, either direction, by the other's id, then kind.
UNWIND $ids AS owner
MATCH (o:Organisation {id: owner})-[r:PARTNERS_WITH]-(other:Organisation)
RETURN owner, startNode(r).id AS fromId, endNode(r).id AS toId, r AS rel
ORDER BY owner, other.id, r.kind
