MATCH (p:Person {id: $fromId})-[r:MEMBER_OF]->(n:Network {id: $toId})
SET r = $props
RETURN p.id AS fromId, n.id AS toId, r AS rel
