// Removes the organisation with its affiliations and partnerships; people stay.
MATCH (o:Organisation {id: $id})
DETACH DELETE o
RETURN count(*) AS deleted
