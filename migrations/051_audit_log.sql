-- The append-only audit log: every action that moves money or changes setup. Each entry's hash is
-- SHA-256(previous hash + canonical JSON of the entry), so any edit breaks the chain
-- (`cli audit-verify`). The triggers refuse UPDATE and DELETE outright.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  operator_id TEXT,
  channel TEXT NOT NULL,
  summary TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
