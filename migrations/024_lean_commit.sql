-- Fewer B-tree pages per settlement commit, continued (each page a settlement touches is written
-- to the WAL and synced with it):
--   * the layers live in the settlement row (JSON), no separate table;
--   * the link to a cancellation, and the fee split of the uploaded lines, live on the mutable
--     network record, which is created by the first change instead of with the settlement
--     (no row means: pending);
--   * the year's compliant burden lives in the ytd table under the keys '#burden.inpatient' and
--     '#burden.chronic' (in burden_fen);
--   * the per-person-per-day index covers offline settlements only (what the limit counts);
--   * the outbox is found by settlement through the network record, not an index of its own.
DROP TRIGGER settlements_immutable;
ALTER TABLE settlements ADD COLUMN layers TEXT NOT NULL DEFAULT '[]';
UPDATE settlements SET layers = COALESCE((
  SELECT json_group_array(json_object('key', key, 'name', name, 'ytdKey', ytd_key, 'baseFen', base_fen, 'amountFen', amount_fen, 'trace', trace))
  FROM (SELECT * FROM settlement_layers l WHERE l.settlement_id = settlements.id ORDER BY ord)
), '[]');
CREATE TRIGGER settlements_immutable BEFORE UPDATE ON settlements
BEGIN SELECT RAISE(ABORT, 'settlement documents are immutable'); END;
DROP TABLE settlement_layers;

ALTER TABLE settlement_network ADD COLUMN cancelled_by TEXT;
ALTER TABLE settlement_network ADD COLUMN fee_split TEXT;
INSERT INTO settlement_network (settlement_id, state, updated_at, cancelled_by)
  SELECT c.cancels_id, 'cancelled', c.created_at, c.id FROM settlements c
  WHERE c.kind = 'cancellation' AND c.cancels_id IS NOT NULL
  ON CONFLICT (settlement_id) DO UPDATE SET cancelled_by = excluded.cancelled_by;
DROP INDEX settlements_cancels;

INSERT INTO ytd (person_no, year, ytd_key, base_fen, paid_fen, burden_fen)
  SELECT person_no, year, '#burden.inpatient', 0, 0, inpatient_fen FROM ytd_burden;
INSERT INTO ytd (person_no, year, ytd_key, base_fen, paid_fen, burden_fen)
  SELECT person_no, year, '#burden.chronic', 0, 0, chronic_fen FROM ytd_burden;
DROP TABLE ytd_burden;

DROP INDEX settlements_person_day;
CREATE INDEX settlements_offline_day ON settlements (person_no, business_date) WHERE mode = 'offline';

DROP INDEX outbox_settlement;
