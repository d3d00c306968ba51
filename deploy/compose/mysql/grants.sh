#!/bin/bash
# The table grants, once intake's and subsidy-batch's migrations have created the tables (MySQL
# refuses a SELECT grant on a table that does not exist): subsidy-batch's ledger reader gets SELECT
# on the ledger tables it reads (docs/operations.md, "Database users"), grafana on the claims,
# settlements, budgets and night executions its dashboard shows, and nothing else. Idempotent.
set -euo pipefail
sql() { mysql -h mysql -uroot -p"$MYSQL_ROOT_PASSWORD" -e "$1"; }
for t in loan_application firm_snapshot firm_qualification loan_approval loan_contract insurance_policy \
         premium_payment policy_cancellation interest_payment loan_overdue loan_settlement loan_default \
         dishonesty_listing dishonesty_clearance tech_policy tech_policy_qualification tech_premium_payment \
         tech_policy_cancellation ledger_batch ledger_sequence; do
  sql "GRANT SELECT ON intake.$t TO 'subsidy_ledger'@'%'"
done
for t in claim settlement settlement_claim budget BATCH_JOB_INSTANCE BATCH_JOB_EXECUTION BATCH_STEP_EXECUTION; do
  sql "GRANT SELECT ON subsidy.$t TO 'grafana'@'%'"
done
echo "grants in place"
