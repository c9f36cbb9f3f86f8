-- Key/value settings of this window (institution, network endpoint, devices, printer, limits).
-- Values are JSON text; each area validates its own keys when reading them.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Facts about this database file itself (its id, when it was created), used by backup/restore.
CREATE TABLE store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
