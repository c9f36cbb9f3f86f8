-- The settle commit writes no index entry for its outbox messages (one B-tree less per commit):
-- queued messages are found by id from a mark (no queued message has a smaller id; new messages
-- take ids above every existing one, rows are never deleted), the unfinished messages the
-- forwarder has taken up (sending, unknown, held, dead) by a partial index in id order. A message
-- that goes back to queued (resend, redo, retry after a dead letter) moves the mark down to it
-- (trigger); the forwarder moves it up when it takes up the first queued message.
DROP INDEX outbox_unfinished;
CREATE INDEX outbox_active ON outbox (id, person_no, state) WHERE state IN ('sending', 'unknown', 'held', 'dead');
CREATE TABLE outbox_mark (
  k INTEGER PRIMARY KEY CHECK (k = 1),
  queued_from INTEGER NOT NULL
);
INSERT INTO outbox_mark (k, queued_from)
  VALUES (1, COALESCE((SELECT min(id) FROM outbox WHERE state = 'queued'), (SELECT COALESCE(max(id), 0) + 1 FROM outbox)));
CREATE TRIGGER outbox_requeued AFTER UPDATE OF state ON outbox WHEN new.state = 'queued'
BEGIN UPDATE outbox_mark SET queued_from = new.id WHERE queued_from > new.id; END;
