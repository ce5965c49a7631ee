MATCH (p:Person {externalId: $externalId})
RETURN p AS person
