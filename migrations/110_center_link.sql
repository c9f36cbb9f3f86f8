-- The center store (PostgreSQL, `--center URL`). A window linked to a center replicates its
-- settlements, cancellations, their network records and its audit entries there through
-- center_outbox. The outbox rows are written by these triggers inside the very transaction that
-- writes the document / network record / audit entry (nothing can be committed without its outbox
-- row, whatever code path committed it), and only while the window is linked (a center_link row
-- exists): a window that runs alone writes nothing more than before. When a window is first
-- linked, electron/center fills the outbox with what it already holds, in the same transaction as
-- the link row. A row is deleted once the center has committed it (the center's writes are
-- idempotent, so a row sent twice after a crash changes nothing there).
CREATE TABLE center_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  center_key TEXT NOT NULL,
  window_id TEXT NOT NULL,
  terminal_no TEXT,
  linked_at TEXT NOT NULL,
  last_contact_at TEXT
);

-- AUTOINCREMENT: ids are never reused once rows are deleted, so an id orders a record's changes.
CREATE TABLE center_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('settlement', 'network', 'audit')),
  ref TEXT NOT NULL
);

CREATE TRIGGER center_outbox_settlement AFTER INSERT ON settlements
WHEN EXISTS (SELECT 1 FROM center_link)
BEGIN INSERT INTO center_outbox (kind, ref) VALUES ('settlement', new.id); END;

CREATE TRIGGER center_outbox_network_added AFTER INSERT ON settlement_network
WHEN EXISTS (SELECT 1 FROM center_link)
BEGIN INSERT INTO center_outbox (kind, ref) VALUES ('network', new.settlement_id); END;

CREATE TRIGGER center_outbox_network_changed AFTER UPDATE ON settlement_network
WHEN EXISTS (SELECT 1 FROM center_link)
  AND (old.state IS NOT new.state OR old.net_settlement_id IS NOT new.net_settlement_id
       OR old.confirmed IS NOT new.confirmed OR old.net_day IS NOT new.net_day)
BEGIN INSERT INTO center_outbox (kind, ref) VALUES ('network', new.settlement_id); END;

CREATE TRIGGER center_outbox_audit AFTER INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM center_link)
BEGIN INSERT INTO center_outbox (kind, ref) VALUES ('audit', CAST(new.seq AS TEXT)); END;
