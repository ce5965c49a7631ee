// Names an imported network whose external id another network already has.
UNWIND $rows AS row
MATCH (n:Network {externalId: row.externalId})
WHERE n.id <> row.id
RETURN row.id AS id
LIMIT 1
