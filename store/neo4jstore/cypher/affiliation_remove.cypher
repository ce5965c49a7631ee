MATCH (:Person {id: $fromId})-[r:WORKS_AT]->(:Organisation {id: $toId})
DELETE r
RETURN count(*) AS deleted
