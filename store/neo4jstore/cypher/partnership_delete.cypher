MATCH ()-[r:PARTNERS_WITH {key: $key}]->()
DELETE r
RETURN count(*) AS deleted
