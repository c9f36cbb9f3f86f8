-- National catalogs and dictionaries kept current from the network, their change log, and the
-- matching of the HIS's own items to national codes (catalog area, electron/catalog).

-- One row per national code (med_list_codg) as the newest downloaded version has it. `row_hash`
-- is a hash of the fields kept, so a row sent again unchanged is not counted as a change.
CREATE TABLE catalog_items (
  code TEXT PRIMARY KEY,
  catalog TEXT NOT NULL,
  list_type TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  generic_name TEXT NOT NULL DEFAULT '',
  trade_name TEXT NOT NULL DEFAULT '',
  spec TEXT NOT NULL DEFAULT '',
  dosage_form TEXT NOT NULL DEFAULT '',
  manufacturer TEXT NOT NULL DEFAULT '',
  approval_no TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  pinyin TEXT NOT NULL DEFAULT '',
  national_class TEXT NOT NULL DEFAULT '',
  begin_date TEXT NOT NULL DEFAULT '',
  end_date TEXT NOT NULL DEFAULT '',
  valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
  ver TEXT NOT NULL,
  row_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX catalog_items_catalog ON catalog_items (catalog);
CREATE INDEX catalog_items_name ON catalog_items (name);
CREATE INDEX catalog_items_generic ON catalog_items (generic_name);
CREATE INDEX catalog_items_approval ON catalog_items (approval_no) WHERE approval_no <> '';
CREATE INDEX catalog_items_pinyin ON catalog_items (pinyin) WHERE pinyin <> '';

-- The search index: trigrams of the names, manufacturer and approval number (Chinese text has no
-- word breaks; a trigram index finds any part of a name of three characters or more).
CREATE VIRTUAL TABLE catalog_items_fts USING fts5(
  name, generic_name, trade_name, manufacturer, approval_no,
  content = 'catalog_items', content_rowid = 'rowid', tokenize = 'trigram'
);
CREATE TRIGGER catalog_items_fts_ai AFTER INSERT ON catalog_items BEGIN
  INSERT INTO catalog_items_fts (rowid, name, generic_name, trade_name, manufacturer, approval_no)
  VALUES (new.rowid, new.name, new.generic_name, new.trade_name, new.manufacturer, new.approval_no);
END;
CREATE TRIGGER catalog_items_fts_ad AFTER DELETE ON catalog_items BEGIN
  INSERT INTO catalog_items_fts (catalog_items_fts, rowid, name, generic_name, trade_name, manufacturer, approval_no)
  VALUES ('delete', old.rowid, old.name, old.generic_name, old.trade_name, old.manufacturer, old.approval_no);
END;
CREATE TRIGGER catalog_items_fts_au AFTER UPDATE ON catalog_items BEGIN
  INSERT INTO catalog_items_fts (catalog_items_fts, rowid, name, generic_name, trade_name, manufacturer, approval_no)
  VALUES ('delete', old.rowid, old.name, old.generic_name, old.trade_name, old.manufacturer, old.approval_no);
  INSERT INTO catalog_items_fts (rowid, name, generic_name, trade_name, manufacturer, approval_no)
  VALUES (new.rowid, new.name, new.generic_name, new.trade_name, new.manufacturer, new.approval_no);
END;

-- The newest version fully stored per file catalog (recorded after its last row: a sync killed
-- mid-way goes on after the last version recorded). `complete` = 1 once a run has reached the end
-- of the catalog: until then the download is the baseline, and nothing is logged as a change.
CREATE TABLE catalog_versions (
  catalog TEXT PRIMARY KEY,
  ver TEXT NOT NULL,
  complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
  updated_at TEXT NOT NULL
);

-- Where each paged query (1312, 1318, 1319) stands: rows updated since `since` are asked for;
-- `next_page` > 1 while a run is under way (each page is stored with its progress), `high` the
-- newest updt_time seen in the run, which becomes the next run's `since`. Until a first run has
-- gone through every page (`since` still the first one) the download is the baseline.
CREATE TABLE catalog_query_state (
  query TEXT PRIMARY KEY,
  since TEXT NOT NULL,
  next_page INTEGER NOT NULL,
  high TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Dated terms per national code: class and charge category (1312), self-pay ratio (1319), price
-- cap in fen (1318). The term in force on a day is the one with the latest begin on or before it.
CREATE TABLE catalog_terms (
  kind TEXT NOT NULL CHECK (kind IN ('class', 'ratio', 'cap')),
  code TEXT NOT NULL,
  begin_date TEXT NOT NULL,
  qualifier TEXT NOT NULL DEFAULT '',
  end_date TEXT NOT NULL DEFAULT '',
  value TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  cap_fen INTEGER,
  valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
  updt_time TEXT NOT NULL,
  PRIMARY KEY (kind, code, begin_date, qualifier)
) WITHOUT ROWID;

-- The 1901 dictionaries as downloaded (department codes, identity types, medical types ...).
CREATE TABLE catalog_dict (
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  label TEXT NOT NULL,
  parent TEXT NOT NULL DEFAULT '',
  sort INTEGER,
  valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (type, value)
) WITHOUT ROWID;

-- One row per sync run; `counts` the rows new or changed per catalog and dictionaries (JSON).
CREATE TABLE catalog_syncs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
  counts TEXT NOT NULL DEFAULT '{}',
  error TEXT
);

-- What a sync changed (after the first, baseline download of a catalog): a new code, a class,
-- self-pay ratio or price cap changed, a code expired, a row's description changed. A technician
-- reviews those that touch matched HIS items.
CREATE TABLE catalog_changes (
  id INTEGER PRIMARY KEY,
  sync_id INTEGER NOT NULL REFERENCES catalog_syncs (id),
  code TEXT NOT NULL,
  catalog TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('new', 'class', 'ratio', 'price', 'expired', 'changed')),
  before TEXT NOT NULL DEFAULT '',
  after TEXT NOT NULL DEFAULT '',
  effective TEXT NOT NULL DEFAULT '',
  reviewed_at TEXT,
  reviewed_by TEXT
);
CREATE INDEX catalog_changes_code ON catalog_changes (code);
CREATE INDEX catalog_changes_pending ON catalog_changes (reviewed_at, id);

-- The HIS's item list (imported from a CSV or from the items the HIS bridge has seen) and each
-- item's matching: `state` todo (no usable candidate), proposed (the best candidate and its
-- score), confirmed (a technician's decision; written to his_catalog), selfPay (paid fully by the
-- patient). `upload`: where the matching stands on the network (3301 / 3302, read back by 1317).
CREATE TABLE catalog_his_items (
  his_code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  spec TEXT NOT NULL DEFAULT '',
  dosage_form TEXT NOT NULL DEFAULT '',
  manufacturer TEXT NOT NULL DEFAULT '',
  approval_no TEXT NOT NULL DEFAULT '',
  national_code TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  price_fen INTEGER,
  source TEXT NOT NULL CHECK (source IN ('csv', 'bridge')),
  imported_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('todo', 'proposed', 'confirmed', 'selfPay')),
  code TEXT NOT NULL DEFAULT '',
  score INTEGER NOT NULL DEFAULT 0,
  method TEXT NOT NULL DEFAULT '',
  decided_by TEXT,
  decided_at TEXT,
  upload TEXT NOT NULL DEFAULT 'none' CHECK (upload IN ('none', 'uploaded', 'accepted', 'withdrawn', 'rejected')),
  upload_code TEXT NOT NULL DEFAULT '',
  upload_list_type TEXT NOT NULL DEFAULT '',
  uploaded_at TEXT,
  upload_error TEXT
);
CREATE INDEX catalog_his_items_state ON catalog_his_items (state, score);
CREATE INDEX catalog_his_items_code ON catalog_his_items (code);
