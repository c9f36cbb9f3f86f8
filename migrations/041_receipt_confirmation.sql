-- An offline settlement's receipt says "pending confirmation"; once the network confirms the
-- settlement, reprints say when it was confirmed instead (the receipt data itself never changes).
ALTER TABLE receipts ADD COLUMN confirmed_at TEXT;
