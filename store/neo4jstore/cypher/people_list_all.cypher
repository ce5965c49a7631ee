// An unfiltered list: the total from Neo4j's count store (no node is read
// for it), the page by keyset in id order on the person_id index.
CALL () {
  MATCH (p:Person)
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Person)
  WHERE p.id > $after
  WITH p ORDER BY p.id LIMIT $limit
  RETURN collect(p) AS page
}
RETURN total, page
