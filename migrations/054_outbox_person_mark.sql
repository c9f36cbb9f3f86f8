-- A lower bound per person for their queued messages, so that finding a person's next message
-- reads from near it instead of from the global mark (053), which stays behind at the slowest
-- person: during a long drain that was thousands of other persons' rows read per message.
-- Invariant: no queued message of a person has an id below the person's mark. A person without
-- a row falls back to the global mark. New messages take ids above every existing one, so the
-- settle commit writes nothing here; the forwarder raises a person's mark past the message it
-- begins (the lowest queued one of that person), and a message that goes back to queued lowers
-- it (trigger, beside the global one).
CREATE TABLE outbox_person_mark (
  person_no TEXT PRIMARY KEY,
  queued_from INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER outbox_person_requeued AFTER UPDATE OF state ON outbox WHEN new.state = 'queued'
BEGIN UPDATE outbox_person_mark SET queued_from = new.id WHERE person_no = new.person_no AND queued_from > new.id; END;
