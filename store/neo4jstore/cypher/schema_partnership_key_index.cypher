// Fallback for servers without relationship uniqueness constraints (before 5.7).
CREATE INDEX partnership_key_index IF NOT EXISTS
FOR ()-[r:PARTNERS_WITH]-() ON (r.key)
