#!/usr/bin/env bash
# The system's main job on embedded defaults, in one command (see the README):
#   deploy/local/run.sh                                          demo with generated bank traffic, then each quarter's
#       publication, confirmations, settlements (DIR/actions.jsonl beside DIR/events.jsonl)
#   deploy/local/run.sh --events F.jsonl --through YYYY-MM-DD --out DIR   replay a bank events file
#   deploy/local/run.sh --events F.jsonl --actions A.jsonl --through YYYY-MM-DD --out DIR
#       then play officers', firms' and approvers' actions (one JSON a line, dates never going back)
#       through the API, each on its business date: DIR/actions.csv, DIR/settlements.csv
#   add --what-if DRAFT.json --from YYYY-MM-DD --to YYYY-MM-DD (with --events) to price a draft rule version on
#       the replayed ledger over that period: DIR/what-if.csv, one row per programme, before and after
#   add --keep to leave the system running and explore it; Ctrl-C stops everything it started.
#   add --workers N (0-4, default 0) to run subsidy-batch as a nightly manager (:18082, the API) and N
#       worker processes (:18101.., management :19201..), the nights' slices sent to them over Kafka;
#       0 is one standalone subsidy-batch
#   add --intake N (1-4, default 1) to run N intake-service instances in one consumer group
#       (:18081, then :18092.., management :19181, then :19192..)
# Needs only a JDK 17: the first run builds the project with the Maven Wrapper.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../build-when-stale.sh
source "$ROOT/deploy/build-when-stale.sh"
build_when_stale local-run install "$ROOT/deploy/local/target/launcher.classpath" \
  "$ROOT/deploy/local/target/classes" \
  "$ROOT/intake-service/target/intake-service-0.1.0-SNAPSHOT-exec.jar" \
  "$ROOT/subsidy-batch/target/subsidy-batch-0.1.0-SNAPSHOT.jar" \
  "$ROOT/notifier/target/notifier-0.1.0-SNAPSHOT-exec.jar"
exec java -Dtechfinance.root="$ROOT" \
  -cp "$ROOT/deploy/local/target/classes:$(cat "$ROOT/deploy/local/target/launcher.classpath")" \
  cn.shanghai.techfinance.local.LocalRun "$@"
