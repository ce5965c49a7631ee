// One tie per unordered pair of people and kind (Neo4j 5.7+).
CREATE CONSTRAINT tie_key IF NOT EXISTS
FOR ()-[t:TIE]-() REQUIRE t.key IS UNIQUE
