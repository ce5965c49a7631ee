MERGE (n:Network {id: $id})
  ON CREATE SET n = $props
RETURN n AS network
