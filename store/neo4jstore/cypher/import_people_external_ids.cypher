// Names an imported person whose external id another person already has.
UNWIND $rows AS row
MATCH (p:Person {externalId: row.externalId})
WHERE p.id <> row.id
RETURN row.id AS id
LIMIT 1
