// Opens every write transaction: makes sure the data-version node exists and
// takes its write lock, so netgraph's writers run one at a time, on every
// replica. Writing a property takes the lock. Rewriting a property's own value
// (SET m.dataVersion = m.dataVersion) did not: on Neo4j 5.26 the contract
// suite's concurrent writers then lost data versions. So it sets and removes a
// property of its own: the lock is held to the end of the transaction and the
// node is left as it was. Later statements of the transaction read the state
// committed before the lock was granted.
MERGE (m:NetgraphMeta {id: 'singleton'})
  ON CREATE SET m.dataVersion = 0
SET m.lock = true
REMOVE m.lock
RETURN m.dataVersion AS version
