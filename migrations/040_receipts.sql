-- Receipts (print area): one row per issued receipt sheet, its data as printed (JSON of the
-- ReceiptData model) and where its archived PDF lies (relative to the data dir). The data of a
-- receipt never changes once written; only the print and reprint counters move.
CREATE TABLE receipts (
  receipt_no TEXT PRIMARY KEY,
  settlement_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('settlement', 'reversal')),
  settled_at TEXT NOT NULL,
  settled_day TEXT NOT NULL,
  patient_name TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  cash_fen INTEGER NOT NULL,
  offline INTEGER NOT NULL CHECK (offline IN (0, 1)),
  data TEXT NOT NULL,
  pdf_path TEXT NOT NULL,
  print_count INTEGER NOT NULL DEFAULT 0,
  reprint_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX receipts_day ON receipts (settled_day);
CREATE INDEX receipts_settlement ON receipts (settlement_id);
CREATE INDEX receipts_name ON receipts (patient_name);
CREATE TRIGGER receipts_data_immutable BEFORE UPDATE OF receipt_no, settlement_id, kind, data ON receipts
BEGIN SELECT RAISE(ABORT, 'receipt data is immutable'); END;

-- Every print of a receipt: the original (reprint_no 0) and each reprint N, where it went, and
-- the archived PDF of that sheet (a reprint's PDF carries its "重打 N" mark).
CREATE TABLE receipt_prints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  receipt_no TEXT NOT NULL REFERENCES receipts(receipt_no),
  reprint_no INTEGER NOT NULL,
  target TEXT NOT NULL,
  operator TEXT,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  detail TEXT,
  pdf_path TEXT,
  printed_at TEXT NOT NULL
);
CREATE INDEX receipt_prints_receipt ON receipt_prints (receipt_no, id);
