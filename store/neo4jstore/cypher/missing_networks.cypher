UNWIND $ids AS id
WITH id WHERE NOT EXISTS { MATCH (:Network {id: id}) }
RETURN id
LIMIT 1
