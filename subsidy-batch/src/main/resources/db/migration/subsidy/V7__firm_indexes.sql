-- The nightly job loads a chunk's firms at once: their due units and their caps' totals by USCC.
-- Without these, each chunk scanned every pending unit (ix_claim_unit_state) and all of cap_usage
-- (its primary key starts with bucket_kind). Kept to the SQL that MySQL 8.4 and MariaDB 11.4 both accept.
CREATE INDEX ix_claim_unit_firm ON claim_unit (uscc, state, due_on);
CREATE INDEX ix_cap_usage_firm ON cap_usage (uscc);
