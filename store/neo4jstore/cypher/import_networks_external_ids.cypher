// Names an imported network whose external id another network holds when its
// row is written. Rows are written in order, so a network that an earlier row
// rewrites no longer holds the external id the database still shows for it
// (an import may hand an external id on); the batch itself gives no external
// id to two networks (importBatches checks that).
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (n:Network {externalId: row.externalId})
WHERE n.id <> row.id
  AND none(j IN range(0, i - 1) WHERE $rows[j].id = n.id)
RETURN row.id AS id
ORDER BY i
LIMIT 1
