// Used only by the contract-suite test: empties the database between subtests.
MATCH (n)
DETACH DELETE n
