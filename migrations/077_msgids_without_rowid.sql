-- The msgid ledgers stored in their key's B-tree (WITHOUT ROWID): the msgid was stored twice, in
-- the row and in its primary-key index. A message's msgids are keyed by the message, then the
-- msgid (the message's msgids are what is read; a msgid is unique by how it is made: the stamp and
-- counter of network_msgid_state); the index by message goes with it. Rows are copied as they are.
CREATE TABLE outbox_msgids_new (
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  msgid TEXT NOT NULL,
  infno TEXT NOT NULL,
  created_at TEXT NOT NULL,
  outcome TEXT,
  PRIMARY KEY (outbox_id, msgid)
) WITHOUT ROWID;
INSERT INTO outbox_msgids_new (msgid, outbox_id, infno, created_at, outcome)
  SELECT msgid, outbox_id, infno, created_at, outcome FROM outbox_msgids;
DROP TABLE outbox_msgids;
ALTER TABLE outbox_msgids_new RENAME TO outbox_msgids;

CREATE TABLE network_msgids_new (
  msgid TEXT PRIMARY KEY,
  infno TEXT NOT NULL DEFAULT '',
  allocated_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO network_msgids_new (msgid, infno, allocated_at) SELECT msgid, infno, allocated_at FROM network_msgids;
DROP TABLE network_msgids;
ALTER TABLE network_msgids_new RENAME TO network_msgids;
