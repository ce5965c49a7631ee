// Names one of the ids that no person has, to explain a refused import.
UNWIND $ids AS id
WITH id WHERE NOT EXISTS { MATCH (:Person {id: id}) }
RETURN id
LIMIT 1
