// Used only by tests (neo4jtest.Clear): empties the database, in batches so
// that a large graph left by a benchmark fits in the server's memory. It runs
// as an auto-commit transaction, which CALL … IN TRANSACTIONS needs.
MATCH (n)
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS
