// MERGE on the key: a retried transaction finds the tie it made instead of adding one.
MATCH (a:Person {id: $fromId})
MATCH (b:Person {id: $toId})
MERGE (a)-[t:TIE {key: $key}]->(b)
  ON CREATE SET t = $props
RETURN a.id AS fromId, b.id AS toId, t AS rel
