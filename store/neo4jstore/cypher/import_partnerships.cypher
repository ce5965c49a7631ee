// A partnership with the same key is replaced, whichever direction it was stored in.
// Rows arrive with distinct keys.
UNWIND $rows AS row
MATCH (a:Organisation {id: row.fromId})
MATCH (b:Organisation {id: row.toId})
OPTIONAL MATCH ()-[old:PARTNERS_WITH {key: row.props.key}]->()
DELETE old
WITH a, b, row
CREATE (a)-[r:PARTNERS_WITH]->(b)
SET r = row.props
RETURN count(*) AS written
