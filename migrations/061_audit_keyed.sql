-- Audit entries keyed with an HMAC: the per-installation key is kept outside this database file
-- (Electron's safeStorage where it exists, else DATA_DIR/keys/audit.key readable by the user only),
-- so an entry cannot be changed and the chain recomputed with the database alone. `alg` says how
-- an entry's hash was made; entries written before keep 'sha256'.
ALTER TABLE audit_log ADD COLUMN alg TEXT NOT NULL DEFAULT 'sha256' CHECK (alg IN ('sha256', 'hmac-sha256'));
