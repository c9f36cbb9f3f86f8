-- The center store: every window of a health center (and its village clinics) on one PostgreSQL.
-- Rows are keyed by the window (its store id) and the window's own key, so a row sent twice is the
-- same row (replication is idempotent). Money in integer fen (bigint).

-- The windows: the center gives each its terminal number (msgids are institution code + time +
-- terminal + counter, so (institution, terminal) must be unique across the center).
CREATE TABLE windows (
  window_id text PRIMARY KEY,
  institution_code text NOT NULL,
  terminal_no text NOT NULL CHECK (terminal_no ~ '^[0-9]{2}$'),
  name text NOT NULL DEFAULT '',
  registered_at timestamptz NOT NULL DEFAULT now(),
  last_contact_at timestamptz,
  unsent_network integer NOT NULL DEFAULT 0,
  unsent_center integer NOT NULL DEFAULT 0,
  UNIQUE (institution_code, terminal_no)
);

-- Settlement and cancellation documents as the windows committed them.
CREATE TABLE settlements (
  window_id text NOT NULL REFERENCES windows,
  settlement_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('settlement', 'cancellation')),
  cancels_id text,
  receipt_no text NOT NULL,
  visit_ref text NOT NULL,
  person_no text NOT NULL,
  business_date date NOT NULL,
  mode text NOT NULL CHECK (mode IN ('online', 'offline')),
  total_fen bigint NOT NULL,
  funds_fen bigint NOT NULL,
  account_fen bigint NOT NULL,
  cash_fen bigint NOT NULL,
  operator_id text NOT NULL,
  created_at timestamptz NOT NULL,
  doc jsonb NOT NULL,
  replicated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (window_id, settlement_id)
);
CREATE INDEX settlements_day ON settlements (business_date, window_id);
CREATE INDEX settlements_person ON settlements (person_no, business_date);

-- The network's side of each document (mutable): version = the window's outbox row id, so an
-- older state arriving late never overwrites a newer one.
CREATE TABLE settlement_network (
  window_id text NOT NULL,
  settlement_id text NOT NULL,
  version bigint NOT NULL,
  state text NOT NULL,
  net_settlement_id text,
  visit_id text,
  net_day date,
  total_fen bigint,
  fund_fen bigint,
  account_fen bigint,
  cash_fen bigint,
  insutype text,
  clearing_type text,
  clearing_agency text,
  PRIMARY KEY (window_id, settlement_id)
);
CREATE INDEX settlement_network_day ON settlement_network (net_day) WHERE net_day IS NOT NULL;

-- Year-to-date accumulators per person, year, key and window (the window's own part; a window
-- adds the other windows' parts to its own book). '#offline:YYYY-MM-DD' keys hold the person's
-- offline total of a day, net of cancellations, as in the window's ytd table.
CREATE TABLE person_ytd (
  person_no text NOT NULL,
  year integer NOT NULL,
  ytd_key text NOT NULL,
  window_id text NOT NULL,
  base_fen bigint NOT NULL DEFAULT 0,
  paid_fen bigint NOT NULL DEFAULT 0,
  burden_fen bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (person_no, year, ytd_key, window_id)
);

-- An offline settlement about to be committed at a window holds its amount here first, so two
-- windows settling one person offline at the same moment cannot both pass the center-wide limit.
-- The hold goes when the settlement arrives (same transaction), or expires (a window that crashed
-- before committing).
CREATE TABLE offline_holds (
  window_id text NOT NULL,
  visit_ref text NOT NULL,
  person_no text NOT NULL,
  business_date date NOT NULL,
  fen bigint NOT NULL,
  held_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (window_id, visit_ref)
);
CREATE INDEX offline_holds_person ON offline_holds (person_no, business_date);

-- Every window's audit entries (each window's chain stays verifiable by its own key).
CREATE TABLE audit (
  window_id text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  action text NOT NULL,
  operator_id text,
  channel text NOT NULL,
  summary text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (window_id, seq)
);

-- Setup set once for all windows (offline limits, card-free rules, policy packs, operators ...).
CREATE TABLE config (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Center-wide day-end reconciliations (3201/3202 for the institution against all windows).
CREATE TABLE reconcile_runs (
  id bigserial PRIMARY KEY,
  institution_code text NOT NULL,
  day date NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  balanced boolean,
  result jsonb NOT NULL
);
