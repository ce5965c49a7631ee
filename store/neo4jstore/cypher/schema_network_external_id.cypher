CREATE CONSTRAINT network_external_id IF NOT EXISTS
FOR (n:Network) REQUIRE n.externalId IS UNIQUE
