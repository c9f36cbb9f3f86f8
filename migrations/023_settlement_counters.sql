-- Fewer B-tree pages per settlement commit (each page touched is written to the WAL and synced):
-- small keyed tables become WITHOUT ROWID, indexes nobody needs on the hot path go, the outbox
-- keeps one partial index over its unfinished messages. Plus the window's daily document
-- sequence as a counter, and an index for the per-person-per-day offline limit.
CREATE TABLE settlement_counters (
  business_date TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO settlement_counters (business_date, seq)
  SELECT business_date, COUNT(*) FROM settlements GROUP BY business_date;

DROP INDEX settlements_person;
DROP INDEX settlements_visit;
CREATE INDEX settlements_person_day ON settlements (person_no, business_date);

CREATE TABLE visit_claims_new (
  visit_ref TEXT PRIMARY KEY,
  settlement_id TEXT NOT NULL REFERENCES settlements(id)
) WITHOUT ROWID;
INSERT INTO visit_claims_new SELECT visit_ref, settlement_id FROM visit_claims;
DROP TABLE visit_claims;
ALTER TABLE visit_claims_new RENAME TO visit_claims;

CREATE TABLE settlement_layers_new (
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  ord INTEGER NOT NULL,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  ytd_key TEXT NOT NULL,
  base_fen INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  trace TEXT NOT NULL,
  PRIMARY KEY (settlement_id, ord)
) WITHOUT ROWID;
INSERT INTO settlement_layers_new SELECT settlement_id, ord, key, name, ytd_key, base_fen, amount_fen, trace FROM settlement_layers;
DROP TABLE settlement_layers;
ALTER TABLE settlement_layers_new RENAME TO settlement_layers;
CREATE TRIGGER settlement_layers_immutable BEFORE UPDATE ON settlement_layers
BEGIN SELECT RAISE(ABORT, 'settlement layers are immutable'); END;

CREATE TABLE settlement_network_new (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'dead', 'cancelled', 'local')),
  visit_id TEXT,
  net_settlement_id TEXT,
  confirmed TEXT,
  confirmed_at TEXT,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO settlement_network_new SELECT settlement_id, state, visit_id, net_settlement_id, confirmed, confirmed_at, updated_at FROM settlement_network;
DROP TABLE settlement_network;
ALTER TABLE settlement_network_new RENAME TO settlement_network;

CREATE TABLE ytd_new (
  person_no TEXT NOT NULL,
  year INTEGER NOT NULL,
  ytd_key TEXT NOT NULL,
  base_fen INTEGER NOT NULL,
  paid_fen INTEGER NOT NULL,
  burden_fen INTEGER NOT NULL,
  PRIMARY KEY (person_no, year, ytd_key)
) WITHOUT ROWID;
INSERT INTO ytd_new SELECT person_no, year, ytd_key, base_fen, paid_fen, burden_fen FROM ytd;
DROP TABLE ytd;
ALTER TABLE ytd_new RENAME TO ytd;

CREATE TABLE ytd_burden_new (
  person_no TEXT NOT NULL,
  year INTEGER NOT NULL,
  inpatient_fen INTEGER NOT NULL,
  chronic_fen INTEGER NOT NULL,
  PRIMARY KEY (person_no, year)
) WITHOUT ROWID;
INSERT INTO ytd_burden_new SELECT person_no, year, inpatient_fen, chronic_fen FROM ytd_burden;
DROP TABLE ytd_burden;
ALTER TABLE ytd_burden_new RENAME TO ytd_burden;

-- One covering partial index over the unfinished messages (queries repeat its exact term).
DROP INDEX outbox_open;
DROP INDEX outbox_state;
CREATE INDEX outbox_unfinished ON outbox (person_no, id, state) WHERE state NOT IN ('done', 'cancelled');
