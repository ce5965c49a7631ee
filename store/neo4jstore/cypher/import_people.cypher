UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p = row
RETURN count(*) AS written
