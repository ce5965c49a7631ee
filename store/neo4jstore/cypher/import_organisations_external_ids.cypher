// Names an imported organisation whose external id another organisation already has.
UNWIND $rows AS row
MATCH (o:Organisation {externalId: row.externalId})
WHERE o.id <> row.id
RETURN row.id AS id
LIMIT 1
