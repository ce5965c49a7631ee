// Serves the exact-match type filter of network lists.
CREATE INDEX network_type IF NOT EXISTS
FOR (n:Network) ON (n.type)
