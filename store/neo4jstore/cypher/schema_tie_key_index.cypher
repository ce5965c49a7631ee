// Fallback for servers without relationship uniqueness constraints (before 5.7):
// uniqueness is then kept by the store's serialised writes, and the index serves lookups.
CREATE INDEX tie_key_index IF NOT EXISTS
FOR ()-[t:TIE]-() ON (t.key)
