#!/usr/bin/env bash
# Onboards a bank on the running local run's Kafka broker (see the README):
#   deploy/local/bank.sh add CODE             (a bank)
#   deploy/local/bank.sh add --insurer CODE   (an insurer, 科技保险)
# creates the bank's (insurer's) topics, its SASL/SCRAM-SHA-512 principal and its ACLs, registers it
# (each later start of the local run re-creates it), and writes deploy/local/.data/clients/CODE.properties
# (insurer-CODE.properties). Bank and insurer codes are one namespace.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
for built in "$ROOT/deploy/local/target/launcher.classpath" "$ROOT/deploy/local/target/classes"; do
  if [ ! -e "$built" ]; then
    echo "bank.sh: the project is not built yet: run deploy/local/run.sh once (it builds it)" >&2
    exit 1
  fi
done
exec java -Dtechfinance.root="$ROOT" \
  -cp "$ROOT/deploy/local/target/classes:$(cat "$ROOT/deploy/local/target/launcher.classpath")" \
  cn.shanghai.techfinance.local.BankCommand "$@"
