// Create-if-absent on the id chosen before the transaction, so a retried
// transaction never makes a second person.
MERGE (p:Person {id: $id})
  ON CREATE SET p = $props
RETURN p AS person
