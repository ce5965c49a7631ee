UNWIND $ids AS id
MATCH (n:Network {id: id})
RETURN n AS network
