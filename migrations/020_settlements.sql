-- Settlement documents (settle area). A document is immutable once written: a cancellation is a
-- new document (kind 'cancellation') that links to the one it cancels. Money in integer fen.
CREATE TABLE settlements (
  id TEXT PRIMARY KEY,
  receipt_no TEXT NOT NULL UNIQUE,
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
  created_at TEXT NOT NULL
);
CREATE INDEX settlements_person ON settlements (person_no, created_at);
CREATE INDEX settlements_day ON settlements (business_date, operator_id);
CREATE INDEX settlements_visit ON settlements (visit_ref);
CREATE INDEX settlements_cancels ON settlements (cancels_id);
CREATE TRIGGER settlements_immutable BEFORE UPDATE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlement documents are immutable'); END;
CREATE TRIGGER settlements_undeletable BEFORE DELETE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlement documents are never deleted'); END;

-- Each layer of a settlement, in pack order.
CREATE TABLE settlement_layers (
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  ord INTEGER NOT NULL,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  ytd_key TEXT NOT NULL,
  base_fen INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  trace TEXT NOT NULL,
  PRIMARY KEY (settlement_id, ord)
);
CREATE TRIGGER settlement_layers_immutable BEFORE UPDATE ON settlement_layers
BEGIN SELECT RAISE(ABORT, 'settlement layers are immutable'); END;

-- One live (not cancelled) settlement per visit: the row is inserted with the settlement and
-- removed by its cancellation, so a visit can never be settled twice.
CREATE TABLE visit_claims (
  visit_ref TEXT PRIMARY KEY,
  settlement_id TEXT NOT NULL REFERENCES settlements(id)
);

-- The network's side of a document (mutable): state, the network's ids, confirmed amounts.
CREATE TABLE settlement_network (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'dead', 'cancelled', 'local')),
  visit_id TEXT,
  net_settlement_id TEXT,
  confirmed TEXT,
  confirmed_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX settlement_network_state ON settlement_network (state);

-- Local and network amounts that differ after confirmation; never silently overwritten.
CREATE TABLE settlement_differences (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements(id),
  person_no TEXT NOT NULL,
  items TEXT NOT NULL,
  cash_diff_fen INTEGER NOT NULL,
  policy TEXT NOT NULL CHECK (policy IN ('institution', 'patient')),
  status TEXT NOT NULL CHECK (status IN ('open', 'borne', 'collected')),
  resolved_by TEXT REFERENCES settlements(id),
  created_at TEXT NOT NULL
);
CREATE INDEX settlement_differences_person ON settlement_differences (person_no, status);

-- High-cost warnings raised by the engine.
CREATE TABLE settlement_warnings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  person_no TEXT NOT NULL,
  kind TEXT NOT NULL,
  threshold_fen INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL
);
