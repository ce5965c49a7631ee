// An unfiltered list: the total from Neo4j's count store (no node is read
// for it), the page by keyset in id order on the organisation_id index.
CALL () {
  MATCH (o:Organisation)
  RETURN count(o) AS total
}
CALL () {
  MATCH (o:Organisation)
  WHERE o.id > $after
  WITH o ORDER BY o.id LIMIT $limit
  RETURN collect(o) AS page
}
RETURN total, page
