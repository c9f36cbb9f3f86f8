-- The catalog's trigram index is kept row by row by triggers, which costs most of a first
-- download's time (tens of thousands of rows). While a big version is stored the sync sets `bulk`
-- (in the transaction of its first chunk) and the triggers stand aside; after the version's last
-- chunk it rebuilds the index from the rows and clears `bulk` in one transaction. A sync killed
-- in between leaves `bulk` set: the next run rebuilds first.
CREATE TABLE catalog_fts_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  bulk INTEGER NOT NULL CHECK (bulk IN (0, 1))
);
INSERT INTO catalog_fts_state (id, bulk) VALUES (1, 0);

DROP TRIGGER catalog_items_fts_ai;
DROP TRIGGER catalog_items_fts_ad;
DROP TRIGGER catalog_items_fts_au;
CREATE TRIGGER catalog_items_fts_ai AFTER INSERT ON catalog_items
WHEN (SELECT bulk FROM catalog_fts_state WHERE id = 1) = 0 BEGIN
  INSERT INTO catalog_items_fts (rowid, name, generic_name, trade_name, manufacturer, approval_no)
  VALUES (new.rowid, new.name, new.generic_name, new.trade_name, new.manufacturer, new.approval_no);
END;
CREATE TRIGGER catalog_items_fts_ad AFTER DELETE ON catalog_items
WHEN (SELECT bulk FROM catalog_fts_state WHERE id = 1) = 0 BEGIN
  INSERT INTO catalog_items_fts (catalog_items_fts, rowid, name, generic_name, trade_name, manufacturer, approval_no)
  VALUES ('delete', old.rowid, old.name, old.generic_name, old.trade_name, old.manufacturer, old.approval_no);
END;
CREATE TRIGGER catalog_items_fts_au AFTER UPDATE ON catalog_items
WHEN (SELECT bulk FROM catalog_fts_state WHERE id = 1) = 0 BEGIN
  INSERT INTO catalog_items_fts (catalog_items_fts, rowid, name, generic_name, trade_name, manufacturer, approval_no)
  VALUES ('delete', old.rowid, old.name, old.generic_name, old.trade_name, old.manufacturer, old.approval_no);
  INSERT INTO catalog_items_fts (rowid, name, generic_name, trade_name, manufacturer, approval_no)
  VALUES (new.rowid, new.name, new.generic_name, new.trade_name, new.manufacturer, new.approval_no);
END;
