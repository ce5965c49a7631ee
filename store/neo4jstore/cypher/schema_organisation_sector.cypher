// Serves the exact-match sector filter of organisation lists.
CREATE INDEX organisation_sector IF NOT EXISTS
FOR (o:Organisation) ON (o.sector)
