#!/usr/bin/env bash
# The heavy reliability scenarios (see RELIABILITY.md): the whole system's real processes, started as
# the local run starts them but on ports and a data directory of their own (Kafka 16292-16294,
# MariaDB 16306, services 16081-16083 and 16181-16183; reliability/target/data) and with production's
# JVM flags. The traffic of ten banks is streamed uninterrupted (a burst: every bank at once), then
# again with intake-service SIGKILLed and restarted at seeded random moments, then the notifier
# likewise, then subsidy-batch in the middle of a night and in the middle of a settlement's preparation
# (published, confirmed by the firms, prepared, approved through the API), then a nightly worker of the
# scaled layout (a manager, two workers) mid-slice; then with the database down for 30 s during
# intake and during a night, the broker restarted during intake and during notification, a bank's
# webhook and the firms' SMTP server each down for 3 minutes, and the stream shuffled within keys with
# duplicates; each compared with the uninterrupted run by content.
# Stops by itself; writes reliability/target/results.json and the tables of RELIABILITY.md; exits 1
# if a scenario lost, duplicated or changed anything.
#   reliability/run.sh                                   the issue's sizes: 100,000 events, 3 crashes, 10 % duplicates
#   reliability/run.sh --events 10000 --only intake-crash   a quick look at one scenario
# Options: --events N  --crashes N  --seed S (printed at each run: replays its crash moments and order)
#          --duplicates PERCENT  --outage-seconds N (30)  --endpoint-down-seconds N (180)
#          --only backpressure,intake-crash,notifier-crash,night-crash,settlement-crash,worker-crash,database-outage,
#                 broker-restart,webhook-outage,mail-outage,order-duplicates
# RELIABILITY_PORT_OFFSET=N (environment) moves every port by N (1000: 17081…), with its own data directory
# (reliability/target/data-N) and results-N.json, for a second run beside this one.
# Needs only a JDK 17: the first run builds the project with the Maven Wrapper.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../deploy/build-when-stale.sh
source "$ROOT/deploy/build-when-stale.sh"
build_when_stale reliability package "$ROOT/reliability/target/reliability.classpath" \
  "$ROOT/reliability/target/classes" \
  "$ROOT/intake-service/target/intake-service-0.1.0-SNAPSHOT-exec.jar" \
  "$ROOT/subsidy-batch/target/subsidy-batch-0.1.0-SNAPSHOT.jar" \
  "$ROOT/notifier/target/notifier-0.1.0-SNAPSHOT-exec.jar"
# the driver holds the traffic and two runs' ledgers (their payloads as digests) to compare them
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -Dtechfinance.root="$ROOT" -Dreliability.port-offset="${RELIABILITY_PORT_OFFSET:-0}" \
  -cp "$ROOT/reliability/target/classes:$(cat "$ROOT/reliability/target/reliability.classpath")" \
  cn.shanghai.techfinance.reliability.ReliabilityRun "$@"
