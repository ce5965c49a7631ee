MATCH (p:Person {id: $id})
SET p = $props
RETURN p AS person
