MATCH (a:Organisation {id: $fromId})
MATCH (b:Organisation {id: $toId})
MERGE (a)-[r:PARTNERS_WITH {key: $key}]->(b)
  ON CREATE SET r = $props
RETURN a.id AS fromId, b.id AS toId, r AS rel
