MATCH (p:Person {id: $fromId})
MATCH (o:Organisation {id: $toId})
MERGE (p)-[r:WORKS_AT]->(o)
  ON CREATE SET r = $props
RETURN p.id AS fromId, o.id AS toId, r AS rel
