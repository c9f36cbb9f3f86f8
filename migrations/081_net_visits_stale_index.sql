-- Visits with fee batches to take back at the network are found through an index of those visits
-- only (few at any time), not by scanning every visit ever taken to the network.
CREATE INDEX net_visits_stale ON net_visits (id) WHERE stale_batches <> '[]';
