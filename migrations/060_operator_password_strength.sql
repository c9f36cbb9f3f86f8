-- Whether an operator's current password meets the strong rule (administrators and technicians
-- must have one). Learnt when the password is set, or at the next login for passwords set
-- before this column existed (0 until then: a promotion to technician or administrator then
-- asks for a new password).
ALTER TABLE operators ADD COLUMN password_strong INTEGER NOT NULL DEFAULT 0 CHECK (password_strong IN (0, 1));
