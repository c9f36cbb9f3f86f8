-- A document that arrives under an id the center already holds for that window, with other
-- content: a window restored from an older backup numbers its new settlements again from where the
-- backup stood. The center keeps what it has and records the newcomer here (never dropped in
-- silence), for the center view and a person to resolve.
CREATE TABLE replication_conflicts (
  window_id text NOT NULL,
  settlement_id text NOT NULL,
  receipt_no text NOT NULL,
  doc jsonb NOT NULL,
  doc_md5 text GENERATED ALWAYS AS (md5(doc::text)) STORED,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (window_id, settlement_id, doc_md5)
);
CREATE INDEX replication_conflicts_window ON replication_conflicts (window_id);
