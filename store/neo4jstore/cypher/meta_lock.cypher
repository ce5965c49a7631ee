// Opens every write transaction: makes sure the data-version node exists and
// takes its write lock (a SET that reads the property it writes locks before
// reading), so netgraph's writers run one at a time, on every replica.
MERGE (m:NetgraphMeta {id: 'singleton'})
  ON CREATE SET m.dataVersion = 0
SET m.dataVersion = m.dataVersion
RETURN m.dataVersion AS version
