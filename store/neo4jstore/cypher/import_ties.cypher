// A tie with the same key is replaced, whichever direction it was stored in.
// Rows arrive with distinct keys.
UNWIND $rows AS row
MATCH (a:Person {id: row.fromId})
MATCH (b:Person {id: row.toId})
OPTIONAL MATCH ()-[old:TIE {key: row.props.key}]->()
DELETE old
WITH a, b, row
CREATE (a)-[t:TIE]->(b)
SET t = row.props
RETURN count(*) AS written
