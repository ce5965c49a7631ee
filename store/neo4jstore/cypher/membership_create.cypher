MATCH (p:Person {id: $fromId})
MATCH (n:Network {id: $toId})
MERGE (p)-[r:MEMBER_OF]->(n)
  ON CREATE SET r = $props
RETURN p.id AS fromId, n.id AS toId, r AS rel
