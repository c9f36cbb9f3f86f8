-- Cancelling a settlement the network holds: the 2208 (inpatient 2305) goes to the network before
-- anything changes locally, and only the network's acceptance commits the local cancellation.
-- One row per attempt, its msgid stored before the request leaves. An attempt still 'sending'
-- at a start, or 'unknown' (no answer), is open: it is resolved (5203, then 2601) before anything
-- else is done about that settlement, and commits the local cancellation if it turns out applied.
CREATE TABLE cancel_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  settlement_id TEXT NOT NULL REFERENCES settlements (id),
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL UNIQUE,
  reason TEXT NOT NULL,
  operator_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('sending', 'unknown', 'accepted', 'refused', 'notSent', 'notApplied')),
  cancellation_id TEXT REFERENCES settlements (id),
  message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- At most one open attempt per settlement.
CREATE UNIQUE INDEX cancel_requests_open ON cancel_requests (settlement_id) WHERE state IN ('sending', 'unknown');
