#!/usr/bin/env bash
# One KRaft broker and controller, SASL on every listener, as in production (docs/operations.md,
# "Kafka principals and ACLs"): clients (the services, banks) with SCRAM-SHA-512 on :9092; the
# broker itself, the controller and the admin tools as `admin` with PLAIN on :9094 and :9093.
set -euo pipefail
conf=/tmp/server.properties
admin_jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"${KAFKA_ADMIN_PASSWORD}\" user_admin=\"${KAFKA_ADMIN_PASSWORD}\";"
cat > "$conf" <<PROPERTIES
process.roles=broker,controller
node.id=1
listeners=CLIENTS://:9092,INTERNAL://:9094,CONTROLLER://:9093
advertised.listeners=CLIENTS://kafka:9092,INTERNAL://kafka:9094
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
listener.name.clients.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.clients.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.internal.sasl.enabled.mechanisms=PLAIN
listener.name.internal.plain.sasl.jaas.config=${admin_jaas}
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=${admin_jaas}
sasl.mechanism.inter.broker.protocol=PLAIN
sasl.mechanism.controller.protocol=PLAIN
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
auto.create.topics.enable=false
controller.quorum.voters=1@localhost:9093
log.dirs=/var/lib/kafka/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$KAFKA_CLUSTER_ID" -c "$conf"
exec /opt/kafka/bin/kafka-server-start.sh "$conf"
