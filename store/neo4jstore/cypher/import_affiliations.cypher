// Rows whose person or organisation is unknown match nothing: the caller
// compares the count written with the rows sent.
UNWIND $rows AS row
MATCH (p:Person {id: row.fromId})
MATCH (o:Organisation {id: row.toId})
MERGE (p)-[r:WORKS_AT]->(o)
SET r = row.props
RETURN count(*) AS written
