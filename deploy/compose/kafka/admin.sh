# Sourced: the admin tools' client file (SASL PLAIN as `admin` on the internal listener).
admin_config=/tmp/admin.properties
cat > "$admin_config" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPERTIES
A=(--bootstrap-server kafka:9094 --command-config "$admin_config")
