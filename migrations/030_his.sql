-- HIS bridge (issue 6): visits received from the HIS, their fee lines, the catalog mapping,
-- the callback outbox (results pushed back to the HIS) and the file-drop ledger.

-- One visit as the HIS sent it. `state`: waiting, pre-settled, settled, cancelled.
-- `body_hash` is the SHA-256 of the canonical validated body: the same body again is a no-op.
-- `revision` counts replacements of the lines (a changed body before settlement).
CREATE TABLE his_visits (
  his_visit_id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'pre-settled', 'settled', 'cancelled')),
  revision INTEGER NOT NULL DEFAULT 1,
  body_hash TEXT NOT NULL,
  visit_type TEXT NOT NULL,
  patient_id_number TEXT,
  patient_name TEXT,
  patient_card_number TEXT,
  patient_region TEXT,
  body TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  line_count INTEGER NOT NULL,
  cancel_requested_at TEXT,
  cancel_reason TEXT,
  result TEXT,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX his_visits_state ON his_visits (state, received_at);

-- Fee lines of the visit's current revision (replaced as a whole when the HIS changes them).
CREATE TABLE his_visit_lines (
  his_visit_id TEXT NOT NULL REFERENCES his_visits (his_visit_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  item_code TEXT NOT NULL,
  item_name TEXT NOT NULL,
  quantity TEXT NOT NULL,
  unit_price TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  category TEXT,
  PRIMARY KEY (his_visit_id, seq)
);
CREATE INDEX his_visit_lines_item ON his_visit_lines (item_code);

-- HIS item code -> national catalog code, class A/B/C, self-pay ratio of class B, charge category.
-- `self_pay` = 1: the technician marked the item fully self-paid (class C, no catalog code).
CREATE TABLE his_catalog (
  his_code TEXT PRIMARY KEY,
  his_name TEXT NOT NULL,
  catalog_code TEXT NOT NULL,
  catalog_name TEXT NOT NULL,
  class TEXT NOT NULL CHECK (class IN ('A', 'B', 'C')),
  self_pay_ratio TEXT NOT NULL,
  category TEXT NOT NULL,
  self_pay INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Results pushed to the HIS callback URL (transactional outbox: written with the state change,
-- retried until the HIS acknowledges with a 2xx).
CREATE TABLE his_callbacks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  his_visit_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  acked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX his_callbacks_pending ON his_callbacks (acked_at, next_attempt_at);

-- Every dropped file processed, by content hash: a file is never imported twice.
CREATE TABLE his_drop_files (
  sha256 TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'failed')),
  visits INTEGER NOT NULL,
  reason TEXT,
  processed_at TEXT NOT NULL
);
