#!/usr/bin/env bash
# Writes deploy/compose/.env (fresh random passwords, the cluster id and the notifier's sealing key)
# and, when missing, the JWT key pair the services trust: the local run's (deploy/local/.data/jwt), so
# that deploy/local/token.sh signs tokens they accept. Run once before `docker compose up`;
# it leaves an existing .env alone (delete it, and the volumes, to start over). Nothing here is in Git.
set -euo pipefail
cd "$(dirname "$0")"
secret() { openssl rand -base64 24 | tr -d '/+=' ; }
if [ ! -f .env ]; then
  umask 077
  {
    for name in MYSQL_ROOT INTAKE_DB SUBSIDY_DB NOTIFIER_DB LEDGER_DB GRAFANA_DB KAFKA_ADMIN \
                INTAKE_KAFKA SUBSIDY_KAFKA NOTIFIER_KAFKA CREDIT_PLATFORM_KAFKA GRAFANA_ADMIN; do
      echo "${name}_PASSWORD=$(secret)"
    done
    # a KRaft cluster id: 16 random bytes, URL-safe base64 without padding
    echo "KAFKA_CLUSTER_ID=$(openssl rand -base64 16 | tr '+/' '-_' | tr -d '=')"
    echo "NOTIFIER_WEBHOOK_SECRET_KEY=$(openssl rand -base64 32)"
    # banks onboarded at each start: "CODE=password CODE=password"
    echo "KAFKA_BANKS=ICBC-SH=$(secret) SPDB=$(secret)"
    # insurers (科技保险) likewise, on their tf.insurer.* topics; codes shared with the banks' namespace
    echo "KAFKA_INSURERS=PICC-SH=$(secret)"
  } > .env
  echo "wrote $(pwd)/.env"
fi
jwt=../local/.data/jwt
if [ ! -f "$jwt/signing-key.pem" ]; then
  mkdir -p "$jwt"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$jwt/signing-key.pem")
  openssl pkey -in "$jwt/signing-key.pem" -pubout -out "$jwt/public-key.pem"
  chmod 644 "$jwt/public-key.pem"
  echo "wrote $jwt/ (deploy/local/token.sh signs with it)"
fi
