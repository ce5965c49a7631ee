// Names an imported organisation whose external id another organisation holds when its
// row is written. Rows are written in order, so a organisation that an earlier row
// rewrites no longer holds the external id the database still shows for it
// (an import may hand an external id on); the batch itself gives no external
// id to two organisations (importBatches checks that).
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
MATCH (o:Organisation {externalId: row.externalId})
WHERE o.id <> row.id
  AND none(j IN range(0, i - 1) WHERE $rows[j].id = o.id)
RETURN row.id AS id
ORDER BY i
LIMIT 1
