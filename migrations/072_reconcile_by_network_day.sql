-- The day a confirmed record belongs to in the network's books (its settlement date, else the
-- document's business day), so that a day's reconciliation reads that day's records through an
-- index instead of every confirmed record ever. Filled for the records confirmed so far.
ALTER TABLE settlement_network ADD COLUMN net_day TEXT;
UPDATE settlement_network SET net_day = COALESCE(
    CASE WHEN json_valid(confirmed) THEN json_extract(confirmed, '$.date') END,
    (SELECT s.business_date FROM settlements s WHERE s.id = settlement_network.settlement_id))
  WHERE net_settlement_id IS NOT NULL AND net_settlement_id <> '';
CREATE INDEX settlement_network_day ON settlement_network (net_day) WHERE net_day IS NOT NULL;
