// Removes the network with its memberships; people stay.
MATCH (n:Network {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted
