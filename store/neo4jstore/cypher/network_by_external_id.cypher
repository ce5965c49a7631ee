MATCH (n:Network {externalId: $externalId})
RETURN n AS network
