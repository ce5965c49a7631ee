MATCH (m:NetgraphMeta {id: 'singleton'})
RETURN m.dataVersion AS version
