MATCH (p:Person {id: $fromId})-[r:WORKS_AT]->(o:Organisation {id: $toId})
SET r = $props
RETURN p.id AS fromId, o.id AS toId, r AS rel
