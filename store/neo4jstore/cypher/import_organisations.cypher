UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
SET o = row
RETURN count(*) AS written
