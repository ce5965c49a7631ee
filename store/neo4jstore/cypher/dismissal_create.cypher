// MERGE on the pair ($a < $b): a retried transaction finds the dismissal it made instead of adding one.
MATCH (a:Person {id: $a})
MATCH (b:Person {id: $b})
MERGE (a)-[d:DISMISSED]->(b)
  ON CREATE SET d = $props
RETURN a.id AS a, b.id AS b, d.by AS by, d.at AS at, d.reason AS reason
