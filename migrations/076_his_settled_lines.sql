-- The fee lines of a HIS visit as rows (his_visit_lines) serve the open visits only (unmapped
-- items, the technician's worklist); a settled or cancelled visit keeps them in its body, and the
-- settlement document keeps the lines as settled. The rows of finished visits go; the app drops
-- them when a visit is settled or cancelled from now on.
DELETE FROM his_visit_lines WHERE his_visit_id IN (SELECT his_visit_id FROM his_visits WHERE state IN ('settled', 'cancelled'));
-- Only the open visits are listed by state: a settled visit leaves the index.
DROP INDEX his_visits_state;
CREATE INDEX his_visits_open ON his_visits (received_at) WHERE state IN ('waiting', 'pre-settled');
