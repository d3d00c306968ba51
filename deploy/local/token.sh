#!/usr/bin/env bash
# A token the local run's services accept, on standard output and nothing else (valid 12 hours):
#   deploy/local/token.sh --role OFFICER
#   deploy/local/token.sh --role BANK --bank ICBC-SH
#   deploy/local/token.sh --role INSURER --insurer PICC-SH
#   deploy/local/token.sh --role FIRM --uscc 91310104MA1FL0000X --user board
#   curl -H "Authorization: Bearer $(deploy/local/token.sh --role AUDITOR)" http://127.0.0.1:18083/api/v1/deliveries
# The key pair is the local run's (deploy/local/.data/jwt), made when missing: it works before the first run.
# Needs only a JDK 17: the first use builds what it needs with the Maven Wrapper (its output on standard error).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ ! -e "$ROOT/deploy/local/target/launcher.classpath" ] \
   || [ ! -e "$ROOT/deploy/local/target/classes/cn/shanghai/techfinance/local/TokenCommand.class" ]; then
  echo "[token] building the local run's launcher (first use: a minute or two)" >&2
  "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -pl deploy/local -am -DskipTests package >&2
fi
exec java -Dtechfinance.root="$ROOT" \
  -cp "$ROOT/deploy/local/target/classes:$(cat "$ROOT/deploy/local/target/launcher.classpath")" \
  cn.shanghai.techfinance.local.TokenCommand "$@"
