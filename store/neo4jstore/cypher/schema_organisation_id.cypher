CREATE CONSTRAINT organisation_id IF NOT EXISTS
FOR (o:Organisation) REQUIRE o.id IS UNIQUE
