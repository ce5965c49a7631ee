UNWIND $ids AS id
WITH id WHERE NOT EXISTS { MATCH (:Organisation {id: id}) }
RETURN id
LIMIT 1
