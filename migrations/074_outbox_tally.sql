-- The queue's counts kept as they change, so that asking them costs the same with 50,000
-- messages queued as with none (they were counted over the queue at every queue.status, polled
-- every few seconds): messages per state, and the settlements with unfinished messages (queued,
-- sending, unknown, held, dead) with how many each has. Kept by triggers on the outbox, in the
-- transaction that changes it. Outbox rows are never deleted.
CREATE TABLE outbox_tally (
  k TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO outbox_tally (k, n) VALUES ('queued', 0), ('sending', 0), ('unknown', 0), ('held', 0), ('dead', 0), ('done', 0), ('cancelled', 0), ('settlements', 0);
UPDATE outbox_tally SET n = (SELECT COUNT(*) FROM outbox WHERE outbox.state = outbox_tally.k) WHERE k <> 'settlements';

CREATE TABLE outbox_open_settlements (
  settlement_id TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO outbox_open_settlements (settlement_id, n)
  SELECT settlement_id, COUNT(*) FROM outbox WHERE state IN ('queued', 'sending', 'unknown', 'held', 'dead') GROUP BY settlement_id;
UPDATE outbox_tally SET n = (SELECT COUNT(*) FROM outbox_open_settlements) WHERE k = 'settlements';

CREATE TRIGGER outbox_open_settlements_added AFTER INSERT ON outbox_open_settlements
BEGIN UPDATE outbox_tally SET n = n + 1 WHERE k = 'settlements'; END;
CREATE TRIGGER outbox_open_settlements_removed AFTER DELETE ON outbox_open_settlements
BEGIN UPDATE outbox_tally SET n = n - 1 WHERE k = 'settlements'; END;

CREATE TRIGGER outbox_tally_inserted AFTER INSERT ON outbox
BEGIN UPDATE outbox_tally SET n = n + 1 WHERE k = new.state; END;
CREATE TRIGGER outbox_tally_inserted_open AFTER INSERT ON outbox WHEN new.state IN ('queued', 'sending', 'unknown', 'held', 'dead')
BEGIN
  INSERT INTO outbox_open_settlements (settlement_id, n) VALUES (new.settlement_id, 1)
    ON CONFLICT (settlement_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER outbox_tally_moved AFTER UPDATE OF state ON outbox WHEN old.state <> new.state
BEGIN
  UPDATE outbox_tally SET n = n - 1 WHERE k = old.state;
  UPDATE outbox_tally SET n = n + 1 WHERE k = new.state;
END;
CREATE TRIGGER outbox_tally_reopened AFTER UPDATE OF state ON outbox
  WHEN old.state NOT IN ('queued', 'sending', 'unknown', 'held', 'dead') AND new.state IN ('queued', 'sending', 'unknown', 'held', 'dead')
BEGIN
  INSERT INTO outbox_open_settlements (settlement_id, n) VALUES (new.settlement_id, 1)
    ON CONFLICT (settlement_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER outbox_tally_finished AFTER UPDATE OF state ON outbox
  WHEN old.state IN ('queued', 'sending', 'unknown', 'held', 'dead') AND new.state NOT IN ('queued', 'sending', 'unknown', 'held', 'dead')
BEGIN
  UPDATE outbox_open_settlements SET n = n - 1 WHERE settlement_id = old.settlement_id;
  DELETE FROM outbox_open_settlements WHERE settlement_id = old.settlement_id AND n <= 0;
END;
