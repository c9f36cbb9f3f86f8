-- Fewer B-tree pages per settlement commit, continued (settle area). Each page a commit touches is
-- one more WAL frame written and synced; after 024 a settlement still touched ~16. Here:
--   * settlements are keyed by `doc_key` = business day (YYYYMMDD) x 10^7 + the day's sequence
--     number: new documents append at the right edge, the next number of a day is one seek
--     (max doc_key of the day; settlement_counters goes), a day's documents are one key range
--     (settlements_day goes). `id` stays UNIQUE (it is what every other table refers to);
--     receipt_no is made from the id (R... <-> S...) and needs no index of its own.
--   * the per-person-per-day offline total (the offline limit) is an accumulator in the ytd
--     table, next to the person's year-to-date rows the same commit updates, under the key
--     '#offline:YYYY-MM-DD' (in base_fen); settlements_offline_day goes.
--   * the outbox drops AUTOINCREMENT (no sqlite_sequence write per commit; rows are never
--     deleted, so ids are never reused) and its index of unfinished messages is ordered by id,
--     so new messages append at its right edge instead of splitting pages in the middle.
-- Tables other tables refer to are rebuilt by copy, drop, create, re-insert under deferred
-- foreign keys: the re-inserted parents satisfy the children again before the commit.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE settle_052_docs AS
  SELECT CAST(replace(s.business_date, '-', '') AS INTEGER) * 10000000
           + max(COALESCE(c.seq, 0), COUNT(*) OVER (PARTITION BY s.business_date))
           - COUNT(*) OVER (PARTITION BY s.business_date)
           + ROW_NUMBER() OVER (PARTITION BY s.business_date ORDER BY s.rowid) AS doc_key,
         s.*
  FROM settlements s LEFT JOIN settlement_counters c ON c.business_date = s.business_date;

DROP TABLE settlements;
CREATE TABLE settlements (
  doc_key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  receipt_no TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('settlement', 'cancellation')),
  cancels_id TEXT REFERENCES settlements(id),
  visit_ref TEXT NOT NULL,
  visit_source TEXT NOT NULL CHECK (visit_source IN ('his', 'manual')),
  person_no TEXT NOT NULL,
  person_name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  insurance_type TEXT NOT NULL,
  insutype TEXT NOT NULL,
  insurance_region TEXT NOT NULL,
  identities TEXT NOT NULL,
  enrolled TEXT NOT NULL,
  region TEXT NOT NULL,
  cert_type TEXT NOT NULL,
  cert_no TEXT NOT NULL,
  visit_type TEXT NOT NULL,
  facility_level TEXT NOT NULL,
  visit_date TEXT NOT NULL,
  pack_id TEXT NOT NULL,
  pack_hash TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  in_scope_fen INTEGER NOT NULL,
  pre_self_pay_fen INTEGER NOT NULL,
  full_self_pay_fen INTEGER NOT NULL,
  funds_fen INTEGER NOT NULL,
  account_fen INTEGER NOT NULL,
  cash_fen INTEGER NOT NULL,
  adjustment_fen INTEGER NOT NULL DEFAULT 0,
  categories TEXT NOT NULL,
  lines TEXT NOT NULL,
  trace TEXT NOT NULL,
  ytd_delta TEXT NOT NULL,
  payment_method TEXT NOT NULL,
  payment_ref TEXT,
  tendered_fen INTEGER,
  operator_id TEXT NOT NULL,
  card_free INTEGER NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('online', 'offline')),
  person_fetched_at TEXT,
  reason TEXT,
  business_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  layers TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO settlements (
  doc_key, id, receipt_no, kind, cancels_id, visit_ref, visit_source, person_no, person_name, id_number, insurance_type,
  insutype, insurance_region, identities, enrolled, region, cert_type, cert_no, visit_type, facility_level, visit_date,
  pack_id, pack_hash, total_fen, in_scope_fen, pre_self_pay_fen, full_self_pay_fen, funds_fen, account_fen, cash_fen,
  adjustment_fen, categories, lines, trace, ytd_delta, payment_method, payment_ref, tendered_fen, operator_id, card_free,
  mode, person_fetched_at, reason, business_date, created_at, layers)
SELECT
  doc_key, id, receipt_no, kind, cancels_id, visit_ref, visit_source, person_no, person_name, id_number, insurance_type,
  insutype, insurance_region, identities, enrolled, region, cert_type, cert_no, visit_type, facility_level, visit_date,
  pack_id, pack_hash, total_fen, in_scope_fen, pre_self_pay_fen, full_self_pay_fen, funds_fen, account_fen, cash_fen,
  adjustment_fen, categories, lines, trace, ytd_delta, payment_method, payment_ref, tendered_fen, operator_id, card_free,
  mode, person_fetched_at, reason, business_date, created_at, layers
FROM temp.settle_052_docs ORDER BY doc_key;
DROP TABLE temp.settle_052_docs;
CREATE TRIGGER settlements_immutable BEFORE UPDATE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlement documents are immutable'); END;
CREATE TRIGGER settlements_undeletable BEFORE DELETE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlement documents are never deleted'); END;
DROP TABLE settlement_counters;

INSERT INTO ytd (person_no, year, ytd_key, base_fen, paid_fen, burden_fen)
  SELECT s.person_no, CAST(substr(s.business_date, 1, 4) AS INTEGER), '#offline:' || s.business_date, SUM(s.total_fen), 0, 0
  FROM settlements s LEFT JOIN settlement_network n ON n.settlement_id = s.id
  WHERE s.mode = 'offline' AND s.kind = 'settlement' AND n.cancelled_by IS NULL
  GROUP BY s.person_no, s.business_date;

CREATE TEMP TABLE settle_052_outbox AS SELECT * FROM outbox;
DROP TABLE outbox;
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  person_no TEXT NOT NULL,
  step TEXT NOT NULL,
  infno TEXT NOT NULL,
  -- queued: waiting (a kept msgid is resent as is: the earlier attempt certainly never arrived);
  -- sending: msgid persisted, request under way; unknown: outcome to be resolved (5203/2601);
  -- held: behind a dead letter of the same settlement; done / dead / cancelled.
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'unknown', 'held', 'done', 'dead', 'cancelled')),
  msgid TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  maybe_sent INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_error_code TEXT,
  result TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  done_at TEXT
);
INSERT INTO outbox (
  id, settlement_id, person_no, step, infno, state, msgid, attempts, next_attempt_at, maybe_sent, last_error,
  last_error_code, result, created_at, updated_at, done_at)
SELECT
  id, settlement_id, person_no, step, infno, state, msgid, attempts, next_attempt_at, maybe_sent, last_error,
  last_error_code, result, created_at, updated_at, done_at
FROM temp.settle_052_outbox ORDER BY id;
DROP TABLE temp.settle_052_outbox;
-- The unfinished messages in id order, covering what the forwarder's head queries read (the
-- queries repeat this exact term so the partial index applies).
CREATE INDEX outbox_unfinished ON outbox (id, person_no, state) WHERE state NOT IN ('done', 'cancelled');
