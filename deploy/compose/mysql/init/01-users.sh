#!/bin/bash
# First start of an empty data directory only (the image runs docker-entrypoint-initdb.d then):
# the schemas, and each service's own user with the least it needs (docs/operations.md, "Database
# users"); grafana reads the claims, settlements and budgets for the dashboard, and nothing else.
set -euo pipefail
mysql -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS intake;
CREATE DATABASE IF NOT EXISTS subsidy;
CREATE DATABASE IF NOT EXISTS notifier;
CREATE USER IF NOT EXISTS 'intake'@'%' IDENTIFIED BY '${INTAKE_DB_PASSWORD}';
GRANT ALL ON intake.* TO 'intake'@'%';
CREATE USER IF NOT EXISTS 'subsidy'@'%' IDENTIFIED BY '${SUBSIDY_DB_PASSWORD}';
GRANT ALL ON subsidy.* TO 'subsidy'@'%';
CREATE USER IF NOT EXISTS 'notifier'@'%' IDENTIFIED BY '${NOTIFIER_DB_PASSWORD}';
GRANT ALL ON notifier.* TO 'notifier'@'%';
CREATE USER IF NOT EXISTS 'subsidy_ledger'@'%' IDENTIFIED BY '${LEDGER_DB_PASSWORD}';
CREATE USER IF NOT EXISTS 'grafana'@'%' IDENTIFIED BY '${GRAFANA_DB_PASSWORD}';
SQL
