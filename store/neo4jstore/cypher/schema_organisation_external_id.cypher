CREATE CONSTRAINT organisation_external_id IF NOT EXISTS
FOR (o:Organisation) REQUIRE o.externalId IS UNIQUE
