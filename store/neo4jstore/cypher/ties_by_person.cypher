// Each person's ties, either direction, by the other person's id, then kind.
UNWIND $ids AS owner
MATCH (p:Person {id: owner})-[t:TIE]-(other:Person)
RETURN owner, startNode(t).id AS fromId, endNode(t).id AS toId, t AS rel
ORDER BY owner, other.id, t.kind
