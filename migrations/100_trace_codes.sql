-- Drug traceability codes (追溯码) scanned at the window, their sale records and their upload.

-- A visit's scanning before it is settled: its drug lines (pack size, whether the line sells part
-- of a pack, the reason when it has no codes) and the codes scanned. The primary key of
-- trace_scans is what refuses a code scanned twice in one sale. Both go once the visit is settled.
CREATE TABLE trace_lines (
  visit_ref TEXT NOT NULL,
  line_no TEXT NOT NULL,
  list_code TEXT NOT NULL,
  hosp_code TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity TEXT NOT NULL,
  unit_price TEXT NOT NULL,
  pack INTEGER NOT NULL CHECK (pack >= 1),
  split INTEGER NOT NULL CHECK (split IN (0, 1)),
  reason TEXT,
  prescriber TEXT NOT NULL DEFAULT '',
  lot_no TEXT,
  made_on TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (visit_ref, line_no)
) WITHOUT ROWID;

CREATE TABLE trace_scans (
  visit_ref TEXT NOT NULL,
  code TEXT NOT NULL,
  line_no TEXT NOT NULL,
  -- The units of the code's pack this sale uses (a whole pack: the pack size).
  units TEXT NOT NULL,
  warning TEXT,
  scanned_at TEXT NOT NULL,
  PRIMARY KEY (visit_ref, code)
) WITHOUT ROWID;

-- Each drug line of a settlement as sold: its codes (JSON [{code, units}]) or the reason it has none.
CREATE TABLE trace_sales (
  settlement_id TEXT NOT NULL,
  line_no TEXT NOT NULL,
  business_date TEXT NOT NULL,
  list_code TEXT NOT NULL,
  hosp_code TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity TEXT NOT NULL,
  unit_price TEXT NOT NULL,
  pack INTEGER NOT NULL,
  split INTEGER NOT NULL,
  codes TEXT NOT NULL,
  reason TEXT,
  prescriber TEXT NOT NULL DEFAULT '',
  lot_no TEXT,
  made_on TEXT,
  returned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (settlement_id, line_no)
) WITHOUT ROWID;
CREATE INDEX trace_sales_day ON trace_sales (business_date);

-- The upload queue, written in the settlement's (or cancellation's) own transaction: one row per
-- sale record. 'waiting': to send once its turn comes (3505: the settlement confirmed at the
-- network; 3506: the 3505 done and the cancellation applied there); 'sending': its msgid stored,
-- the outcome not known yet (sent again under the same msgid); 'done'; 'rejected' with the
-- network's words; 'void': nothing to send (cancelled before the sale record left).
CREATE TABLE trace_uploads (
  id INTEGER PRIMARY KEY,
  settlement_id TEXT NOT NULL,
  line_no TEXT NOT NULL,
  infno TEXT NOT NULL CHECK (infno IN ('3505', '3506')),
  state TEXT NOT NULL CHECK (state IN ('waiting', 'sending', 'done', 'rejected', 'void')),
  msgid TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TEXT,
  message TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (settlement_id, line_no, infno)
);
CREATE INDEX trace_uploads_open ON trace_uploads (state) WHERE state IN ('waiting', 'sending');

-- What this institution sold of each code: whole packs sold and not returned (a second sale is
-- warned at the scan), and the units of a split pack used so far (refused once used up).
CREATE TABLE trace_codes (
  code TEXT PRIMARY KEY,
  list_code TEXT NOT NULL,
  pack INTEGER NOT NULL,
  whole_sold INTEGER NOT NULL DEFAULT 0,
  units_used TEXT NOT NULL DEFAULT '0',
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
