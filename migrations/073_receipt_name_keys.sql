-- The receipt search by name through an index fit for a name nobody may store whole a second
-- time: keyed hashes (HMAC-SHA256 under a per-store key, cut to 48 bits) of the name and of each
-- of its leading parts (张, 张建, 张建国), with the receipt's time (seconds) for newest-first order.
-- `LIKE '%...%'` read every receipt. The key is made here, kept with the data it indexes (a backup
-- restores both). Receipts written before this migration are indexed by the app in the background
-- (store_meta 'receipt_name_backfill': the receipts rowid from which it continues, up to the last
-- one that existed here); the search reads that rest by name until it is done.
CREATE TABLE receipt_name_keys (
  k INTEGER NOT NULL,
  at INTEGER NOT NULL,
  receipt_no TEXT NOT NULL,
  PRIMARY KEY (k, at, receipt_no)
) WITHOUT ROWID;
INSERT INTO store_meta (key, value) VALUES ('receipt_name_key', lower(hex(randomblob(32))));
INSERT INTO store_meta (key, value) SELECT 'receipt_name_backfill', json_object('next', 1, 'end', COALESCE(max(rowid), 0)) FROM receipts;
DROP INDEX receipts_name;
-- A date range of receipts is read newest first from the end of a time index (the day index gave
-- the range, every receipt of it then sorted).
DROP INDEX receipts_day;
CREATE INDEX receipts_at ON receipts (settled_at);
