MATCH (n:Network {id: $id})
SET n = $props
RETURN n AS network
