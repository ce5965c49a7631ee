// Names an imported person whose external id another person holds when its
// row is written. Rows are written in order, so a person that an earlier row
// rewrites no longer holds the external id the database still shows for it
// (an import may hand an external id on); the batch itself gives no external
// id to two people (importBatches checks that).
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (p:Person {externalId: row.externalId})
WHERE p.id <> row.id
  AND none(j IN range(0, i - 1) WHERE $rows[j].id = p.id)
RETURN row.id AS id
ORDER BY i
LIMIT 1
