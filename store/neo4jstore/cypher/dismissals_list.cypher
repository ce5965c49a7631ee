// Every dismissed introduction, by the ids of its two people (stored from the smaller id).
MATCH (p:Person)-[d:DISMISSED]->(q:Person)
RETURN p.id AS a, q.id AS b, d.by AS by, d.at AS at, d.reason AS reason
ORDER BY a, b
