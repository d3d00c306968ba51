#!/usr/bin/env bash
# The cluster's set-up and the banks' and insurers' onboarding with Kafka's own tools, as docs/operations.md
# describes them for production (there: replication 3; here one broker). Idempotent: a second run
# changes nothing but the passwords, which it sets again from the environment.
set -euo pipefail
source /opt/techfinance/admin.sh
bin=/opt/kafka/bin
topic() { "$bin/kafka-topics.sh" "${A[@]}" --create --if-not-exists --topic "$1" --partitions "$2" --replication-factor 1; }
user() { "$bin/kafka-configs.sh" "${A[@]}" --alter --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"; }
acl() { "$bin/kafka-acls.sh" "${A[@]}" --add --force "$@" >/dev/null; }

# the platform's topics (contracts' Topics.platformTopics)
for t in tf.credit.events.v1 tf.intake.outcomes.v1 tf.subsidy.claims.v1 tf.subsidy.nightly-partitions.v1; do topic "$t" 4; done
topic tf.intake.dlq.v1 1

# the platform's principals and their grants (embedded-infra's KafkaAccess.platformAcls)
user intake-service "$INTAKE_KAFKA_PASSWORD"
user subsidy-batch "$SUBSIDY_KAFKA_PASSWORD"
user notifier "$NOTIFIER_KAFKA_PASSWORD"
user credit-platform "$CREDIT_PLATFORM_KAFKA_PASSWORD"
acl --allow-principal User:credit-platform --operation Write --topic tf.credit.events.v1
acl --allow-principal User:intake-service --operation Read --topic tf.credit.events.v1
acl --allow-principal User:intake-service --operation Read --group intake-service
acl --allow-principal User:intake-service --operation Write --topic tf.intake.outcomes.v1
acl --allow-principal User:intake-service --operation Write --topic tf.intake.dlq.v1
acl --allow-principal User:subsidy-batch --operation Write --topic tf.subsidy.claims.v1
acl --allow-principal User:subsidy-batch --operation Write --operation Read --topic tf.subsidy.nightly-partitions.v1
acl --allow-principal User:subsidy-batch --operation Read --group subsidy-batch-nightly-workers
acl --allow-principal User:notifier --operation Read --topic tf.intake.outcomes.v1
acl --allow-principal User:notifier --operation Read --topic tf.subsidy.claims.v1
acl --allow-principal User:notifier --operation Read --group notifier
acl --allow-principal User:notifier --operation IdempotentWrite --cluster

# each bank of KAFKA_BANKS ("CODE=password CODE=password") and each insurer (科技保险) of
# KAFKA_INSURERS, the same on its tf.insurer.* topics: its topics, principal and grants
# (KafkaAccess.bankAcls / insurerAcls); bank and insurer codes are one namespace
onboard() {
  local family=$1 code=${2%%=*} password=${2#*=}
  [[ "$code" =~ ^[A-Z0-9-]{2,16}$ ]] || { echo "not a $family code: $code (2-16 of A-Z, 0-9, -)" >&2; exit 2; }
  topic "tf.$family.$code.events.v1" 4
  topic "tf.$family.$code.results.v1" 4
  user "$code" "$password"
  acl --allow-principal "User:$code" --operation Write --topic "tf.$family.$code.events.v1"
  acl --allow-principal "User:$code" --operation Read --topic "tf.$family.$code.results.v1"
  acl --allow-principal "User:$code" --operation Read --group "$code." --resource-pattern-type prefixed
  acl --allow-principal User:intake-service --operation Read --topic "tf.$family.$code.events.v1"
  acl --allow-principal User:notifier --operation Write --topic "tf.$family.$code.results.v1"
  echo "onboarded $family $code"
}
for bank in ${KAFKA_BANKS:-}; do onboard bank "$bank"; done
for insurer in ${KAFKA_INSURERS:-}; do
  for bank in ${KAFKA_BANKS:-}; do
    [ "${bank%%=*}" != "${insurer%%=*}" ] || { echo "${insurer%%=*} is a bank's code: bank and insurer codes are one namespace" >&2; exit 2; }
  done
  onboard insurer "$insurer"
done
echo "kafka set up"
