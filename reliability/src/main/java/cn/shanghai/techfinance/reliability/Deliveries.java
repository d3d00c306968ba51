package cn.shanghai.techfinance.reliability;

import cn.shanghai.techfinance.infra.KafkaLogin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the notifier did: its delivery ledger (a row per recipient, channel and result id — the
 * idempotency key) and what reached the banks' results topics, counted by result id.
 */
final class Deliveries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The ledger's KAFKA rows: how many, how many distinct keys, how many delivered, how many pending. */
    record Ledger(long rows, long distinctKeys, long delivered, long pending, Set<String> keys) {
    }

    private final ReliabilitySystem system;

    Deliveries(ReliabilitySystem system) {
        this.system = system;
    }

    /** Bank results delivered to their topics so far (the crash moments are chosen by it). */
    long delivered() throws SQLException {
        try (Connection c = system.rootConnection("notifier"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM delivery WHERE channel = 'KAFKA' AND status = 'DELIVERED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A recipient's deliveries counted by channel and status: {@code "WEBHOOK PENDING" -> 12}. */
    Map<String, Long> byStatus(String recipient) throws SQLException {
        return counts("SELECT CONCAT(channel, ' ', status), COUNT(*) FROM delivery WHERE recipient = ? GROUP BY channel, status", recipient);
    }

    /** A channel's deliveries counted by status: {@code "PENDING" -> 12}. */
    Map<String, Long> byStatusOf(String channel) throws SQLException {
        return counts("SELECT status, COUNT(*) FROM delivery WHERE channel = ? GROUP BY status", channel);
    }

    private Map<String, Long> counts(String sql, String parameter) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = system.rootConnection("notifier"); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** The KAFKA rows of the ledger, each as {@code recipient|event_id}. */
    Ledger ledger() throws SQLException {
        List<String> keys = new ArrayList<>();
        long delivered = 0;
        long pending = 0;
        try (Connection c = system.rootConnection("notifier"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT recipient, event_id, status FROM delivery WHERE channel = 'KAFKA'")) {
            while (rs.next()) {
                keys.add(rs.getString(1) + "|" + rs.getString(2));
                delivered += rs.getString(3).equals("DELIVERED") ? 1 : 0;
                pending += rs.getString(3).equals("PENDING") ? 1 : 0;
            }
        }
        Set<String> distinct = Set.copyOf(keys);
        return new Ledger(keys.size(), distinct.size(), delivered, pending, distinct);
    }

    /** Every record of every bank's results topic, read from start to end: how many times each {@code bank|result id} arrived. */
    Map<String, Integer> onResultTopics(KafkaLogin admin) throws Exception {
        Map<String, Integer> arrivals = new HashMap<>();
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin client = Admin.create(admin.clientProperties())) {
            Set<String> topics = client.listTopics().names().get().stream()
                    .filter(t -> t.startsWith("tf.bank.") && t.endsWith(".results.v1")).collect(Collectors.toSet());
            client.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(admin.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "reliability-results-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode result = JSON.readTree(record.value());
                    String bank = record.topic().substring("tf.bank.".length(), record.topic().length() - ".results.v1".length());
                    arrivals.merge(bank + "|" + result.get("id").stringValue(), 1, Integer::sum);
                }
            }
        }
        return arrivals;
    }
}
