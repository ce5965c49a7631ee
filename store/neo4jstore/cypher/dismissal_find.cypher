// Whether both people exist, and the dismissal of their introduction if there is one ($a < $b).
OPTIONAL MATCH (a:Person {id: $a})
OPTIONAL MATCH (b:Person {id: $b})
OPTIONAL MATCH (a)-[d:DISMISSED]->(b)
RETURN a IS NOT NULL AS aFound, b IS NOT NULL AS bFound, d IS NOT NULL AS found,
  d.by AS by, d.at AS at, d.reason AS reason
