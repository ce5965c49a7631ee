MATCH ()-[t:TIE {key: $key}]->()
DELETE t
RETURN count(*) AS deleted
