// Keyset on (person id, network id), as for affiliations.
MATCH (p:Person)-[r:MEMBER_OF]->(n:Network)
WHERE p.id >= $afterFrom AND (p.id > $afterFrom OR n.id > $afterTo)
RETURN p.id AS fromId, n.id AS toId, r AS rel
ORDER BY fromId, toId
LIMIT $limit
