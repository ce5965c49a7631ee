MATCH (a:Person)-[t:TIE {key: $key}]->(b:Person)
SET t = $props
RETURN a.id AS fromId, b.id AS toId, t AS rel
