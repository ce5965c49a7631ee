// Erases the person with their ties, affiliations and memberships.
MATCH (p:Person {id: $id})
DETACH DELETE p
RETURN count(*) AS deleted
