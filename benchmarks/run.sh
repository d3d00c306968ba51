#!/usr/bin/env bash
# The benchmark suite (see BENCHMARKS.md): the whole system on this machine, started as the local
# run starts it but on its own ports and data directory (benchmarks/target/data) and with
# production's JVM flags (deploy/jvm/production.options); the infrastructure's own ceilings
# measured in the same run; then benchmarks/target/results.json and the table of BENCHMARKS.md.
#   benchmarks/run.sh                                  the default sizes (within 30 minutes on an idle 2-core machine)
#   benchmarks/run.sh --events 20000 --only intake     a quick look at one stage
# Options: --events N  --latency-events N  --latency-rate N (events/s; default half the warm intake rate)  --insert-rows N  --kafka-msgs N  --notifier-seconds S  --jmh-seconds S
#          --history-events N (one year of history; the 10x night has ten times it)  --night-events N  --year-loans N
#          --only ceilings,intake,latency,nightly,notifier,scaled,history,year,jmh
#          (latency, nightly and notifier need intake; scaled, history and year start systems of their own)
# BENCH_PORT_OFFSET=N (environment) moves every port by N, for a second checkout's run beside this one.
# Needs only a JDK 17: the first run builds the project with the Maven Wrapper.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../deploy/build-when-stale.sh
source "$ROOT/deploy/build-when-stale.sh"
build_when_stale bench package "$ROOT/benchmarks/target/benchmarks.classpath" \
  "$ROOT/benchmarks/target/classes" \
  "$ROOT/intake-service/target/intake-service-0.1.0-SNAPSHOT-exec.jar" \
  "$ROOT/subsidy-batch/target/subsidy-batch-0.1.0-SNAPSHOT.jar" \
  "$ROOT/notifier/target/notifier-0.1.0-SNAPSHOT-exec.jar"
# the driver holds the generated traffic (about 1 KB an event: the year's million events) before it times anything
exec java -Xms3g -Xmx3g -XX:+UseParallelGC -Dtechfinance.root="$ROOT" -Dbench.port-offset="${BENCH_PORT_OFFSET:-0}" \
  -cp "$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/benchmarks.classpath")" \
  cn.shanghai.techfinance.benchmarks.BenchmarkRun "$@"
