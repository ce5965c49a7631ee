// The data-version node is a singleton: MERGE on its id must never duplicate it.
CREATE CONSTRAINT netgraph_meta_id IF NOT EXISTS
FOR (m:NetgraphMeta) REQUIRE m.id IS UNIQUE
