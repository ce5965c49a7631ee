// Unset external ids are stored as absent properties, which the constraint ignores.
CREATE CONSTRAINT person_external_id IF NOT EXISTS
FOR (p:Person) REQUIRE p.externalId IS UNIQUE
