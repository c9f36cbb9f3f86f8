-- Lookups by settlement that scanned whole tables since 024 dropped outbox_settlement: a
-- cancellation's outbox messages (forSettlement, anySent, cancelOpen, the held siblings of a dead
-- letter), the warnings of a settlement (read for every settlement's view, so on every settle),
-- and the differences a cancelled settlement had collected.
CREATE INDEX outbox_settlement ON outbox (settlement_id);
CREATE INDEX settlement_warnings_settlement ON settlement_warnings (settlement_id);
CREATE INDEX settlement_warnings_created ON settlement_warnings (created_at);
CREATE INDEX settlement_differences_created ON settlement_differences (created_at);
CREATE INDEX settlement_differences_resolved_by ON settlement_differences (resolved_by) WHERE resolved_by IS NOT NULL;
-- A new outbox row is checked for dead letters waiting for it (the foreign key's parent side).
CREATE INDEX dead_letters_outbox ON dead_letters (outbox_id);
