#!/usr/bin/env bash
# The broker answers its admin listener.
set -euo pipefail
source /opt/techfinance/admin.sh
A=(--bootstrap-server localhost:9094 --command-config "$admin_config")
/opt/kafka/bin/kafka-broker-api-versions.sh "${A[@]}" >/dev/null
