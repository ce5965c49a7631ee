// An unfiltered list: the total from Neo4j's count store (no node is read
// for it), the page by keyset in id order on the network_id index.
CALL () {
  MATCH (n:Network)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Network)
  WHERE n.id > $after
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect(n) AS page
}
RETURN total, page
