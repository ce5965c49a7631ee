// One partnership per unordered pair of organisations and kind (Neo4j 5.7+).
CREATE CONSTRAINT partnership_key IF NOT EXISTS
FOR ()-[r:PARTNERS_WITH]-() REQUIRE r.key IS UNIQUE
