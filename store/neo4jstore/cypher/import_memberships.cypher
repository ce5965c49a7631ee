UNWIND $rows AS row
MATCH (p:Person {id: row.fromId})
MATCH (n:Network {id: row.toId})
MERGE (p)-[r:MEMBER_OF]->(n)
SET r = row.props
RETURN count(*) AS written
