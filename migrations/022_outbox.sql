-- The transactional outbox: every network message of a settlement, written in the same
-- transaction as the settlement. `id` is the order (per person, messages go in id order).
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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
-- The open messages (the queries use this exact term so the partial index applies).
CREATE INDEX outbox_open ON outbox (person_no, id) WHERE state IN ('queued', 'sending', 'unknown');
CREATE INDEX outbox_state ON outbox (state);
CREATE INDEX outbox_settlement ON outbox (settlement_id);

-- Every msgid ever used, persisted before its request was sent (2601 and 3202 cite them).
CREATE TABLE outbox_msgids (
  msgid TEXT PRIMARY KEY,
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  infno TEXT NOT NULL,
  created_at TEXT NOT NULL,
  outcome TEXT
);
CREATE INDEX outbox_msgids_outbox ON outbox_msgids (outbox_id);

-- Business rejections, for a person to act on (retry after fix, or cancel with a reason).
CREATE TABLE dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolution TEXT CHECK (resolution IN ('retry', 'cancelled')),
  reason TEXT,
  operator_id TEXT
);
CREATE INDEX dead_letters_open ON dead_letters (resolved_at);

-- Day-end reconciliation runs (3201 totals, 3202 details) and the mismatches they found.
CREATE TABLE reconcile_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  operator_id TEXT,
  local_count INTEGER NOT NULL DEFAULT 0,
  local_medfee_fen INTEGER NOT NULL DEFAULT 0,
  local_fund_fen INTEGER NOT NULL DEFAULT 0,
  local_account_fen INTEGER NOT NULL DEFAULT 0,
  local_cash_fen INTEGER NOT NULL DEFAULT 0,
  totals_balanced INTEGER,
  totals_code TEXT,
  totals_message TEXT,
  mismatch_count INTEGER NOT NULL DEFAULT 0,
  unsent_count INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE TABLE reconcile_mismatches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES reconcile_runs(id),
  kind TEXT NOT NULL,
  settlement_id TEXT,
  person_no TEXT,
  visit_id TEXT,
  net_settlement_id TEXT,
  local_fen INTEGER,
  network_fen INTEGER,
  code TEXT,
  memo TEXT NOT NULL
);
CREATE INDEX reconcile_mismatches_run ON reconcile_mismatches (run_id);
