-- The night's applyTransitions lists the defaults still to apply (processed = FALSE, defaulted_on <= D).
-- Without this index it read every default ever recorded, a cost that grows with the history rather
-- than with the night's work (cancelled_policy has its like since V5). Kept to the SQL that MySQL 8.4
-- and MariaDB 11.4 both accept.
CREATE INDEX ix_defaulted_contract_pending ON defaulted_contract (processed, defaulted_on);
