-- The network decides online: a visit is registered and its fee lines uploaded before the patient
-- pays (net_visits, net_calls), and the settlement itself (2207 / 2304) is sent before anything is
-- committed locally (settle_requests); the local engine's result is kept beside the network's
-- figures for explanation (settlement_local).

-- A visit's side at the network before it is settled: its mdtrt_id, the fee batch uploaded (with
-- what it uploaded and the network's split of it), batches to take back, and why it cannot go on.
CREATE TABLE net_visits (
  id INTEGER PRIMARY KEY,
  visit_ref TEXT NOT NULL UNIQUE,
  person_no TEXT NOT NULL,
  med_type TEXT NOT NULL,
  insutype TEXT NOT NULL,
  insurance_region TEXT NOT NULL,
  cert_type TEXT NOT NULL,
  cert_no TEXT NOT NULL,
  visit_id TEXT,
  batch_no TEXT,
  batch_rev INTEGER NOT NULL DEFAULT 0,
  fingerprint TEXT,
  uploaded BLOB,
  discharged INTEGER NOT NULL DEFAULT 0,
  stale_batches TEXT NOT NULL DEFAULT '[]',
  problem TEXT,
  problem_code TEXT,
  problem_field TEXT,
  settled_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX net_visits_person ON net_visits (person_no);

-- Every call of a visit's steps, its msgid stored before the request leaves. 'open': sent or about
-- to be, outcome not known (sent again under the same msgid and body: these steps are not
-- reversible, the platform answers a repeat as the first time); 'done' with the answer;
-- 'rejected' with the network's words; 'dropped': certainly not applied (refused for an ended
-- sign-in, or never sent), a later attempt takes a new msgid.
CREATE TABLE net_calls (
  id INTEGER PRIMARY KEY,
  net_visit_id INTEGER NOT NULL REFERENCES net_visits (id),
  step TEXT NOT NULL,
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL UNIQUE,
  input BLOB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'rejected', 'dropped')),
  result BLOB,
  message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX net_calls_open ON net_calls (net_visit_id, step) WHERE state = 'open';

-- Each attempt to settle a visit at the network, stored with its msgid and what the settlement is
-- built from before the request leaves. 'sending' / 'unknown' are open (resolved by 5203 or 2601
-- before anything else is done about that visit); at most one is open per visit.
CREATE TABLE settle_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  visit_ref TEXT NOT NULL,
  person_no TEXT NOT NULL,
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL UNIQUE,
  request BLOB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('sending', 'unknown', 'settled', 'refused', 'notSent', 'notApplied')),
  settlement_id TEXT REFERENCES settlements (id),
  message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX settle_requests_open ON settle_requests (visit_ref) WHERE state IN ('sending', 'unknown');

-- The local engine's result of a settlement the network decided (packed): its layers, totals,
-- trace and the differences to the network's figures, kept to explain them.
CREATE TABLE settlement_local (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements (id),
  body BLOB NOT NULL
) WITHOUT ROWID;
