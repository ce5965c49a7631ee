UNWIND $rows AS row
MERGE (n:Network {id: row.id})
SET n = row
RETURN count(*) AS written
