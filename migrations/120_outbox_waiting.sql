-- "立即上传" makes every waiting message due now: it wrote the queued messages waiting for a
-- later attempt by reading every queued one (50,000 with the network down a long while: the
-- window stalled). Only a message the forwarder has tried waits for a later attempt; this
-- partial index holds just those, so a new message (next_attempt_at 0) adds no entry to the
-- settle commit, and a message done or cancelled leaves it.
CREATE INDEX outbox_waiting ON outbox (id) WHERE next_attempt_at > 0 AND state IN ('queued', 'unknown');
