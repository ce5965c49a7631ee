// Closes every write transaction that changed something.
MATCH (m:NetgraphMeta {id: 'singleton'})
SET m.dataVersion = m.dataVersion + 1
RETURN m.dataVersion AS version
