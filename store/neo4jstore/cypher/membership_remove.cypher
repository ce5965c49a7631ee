MATCH (:Person {id: $fromId})-[r:MEMBER_OF]->(:Network {id: $toId})
DELETE r
RETURN count(*) AS deleted
