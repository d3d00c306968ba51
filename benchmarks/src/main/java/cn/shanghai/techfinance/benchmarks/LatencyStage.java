package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.KafkaLogin;
import cn.shanghai.techfinance.local.LocalAccess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end latency: the traffic's next events sent at a steady rate (half what intake sustained),
 * each timed from its produce to its outcome on {@code tf.intake.outcomes.v1} (the outcome record's
 * own timestamp, set when intake's outbox sent it).
 */
final class LatencyStage {

    static final String FLOOR_TOPIC = "bench.latency-floor.v1";

    /**
     * Produce → outcome, and its two halves at intake's {@code received_at} (when the batch holding the
     * event began): waiting to be polled (broker, fetch, the batch before it) and being decided (the
     * ledger transaction, the outbox's relay).
     */
    record Result(int events, double rate, double p50, double p99, double max, double waitP50, double waitP99,
                  double decideP50, double decideP99) {
    }

    private final LocalAccess access;

    LatencyStage(LocalAccess access) {
        this.access = access;
    }

    Result run(Traffic traffic, int from, double rate) throws Exception {
        int n = traffic.size() - from;
        // by inbound position: when each event was produced (the send's callback), when its outcome was sent;
        // joined at the end, so an outcome read before its send's callback ran still counts
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> answeredAt = new HashMap<>();
        Map<String, KafkaProducer<String, byte[]>> producers = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(access.admin())) {
            consumer.subscribe(List.of(Topics.INTAKE_OUTCOMES));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100));
            }
            // from the end: the intake stage's outcomes (all read before this stage) are not this stage's
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            // a bank's producer is long-lived: its log-in and its topics' metadata come before the timing, not
            // inside the first sends (each first send blocks on them, and the events behind it queue up)
            for (int i = from; i < traffic.size(); i++) {
                producers.computeIfAbsent(traffic.principals.get(i), p -> producer(access.login(p))).partitionsFor(traffic.topics.get(i));
            }
            long start = System.nanoTime();
            long intervalNanos = (long) (1e9 / rate);
            int next = from;
            long quietSince = System.nanoTime();
            while (!(next >= traffic.size() && sentAt.size() == n && answeredAt.keySet().containsAll(sentAt.keySet()))) {
                // send what is due by now, then read what has come back
                long due = from + (System.nanoTime() - start) / intervalNanos + 1;
                while (next < traffic.size() && next < due) {
                    long produced = System.currentTimeMillis();
                    producers.get(traffic.principals.get(next)).send(new ProducerRecord<>(traffic.topics.get(next), traffic.keys.get(next),
                            traffic.lines.get(next)), (metadata, error) -> {
                                if (error == null) {
                                    sentAt.put(metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset(), produced);
                                }
                            });
                    next++;
                }
                // the sends due meanwhile wait at most this poll: each is timed from its own send, and the producers
                // linger as long anyway; a shorter poll only spins the driver's core away from intake and the broker
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(next < traffic.size() ? 5 : 200))) {
                    IntakeOutcome outcome = ContractJson.read(record.value(), IntakeOutcome.class);
                    answeredAt.putIfAbsent(outcome.topic() + "/" + outcome.partition() + "/" + outcome.offset(), record.timestamp());
                    quietSince = System.nanoTime();
                }
                if (next >= traffic.size() && System.nanoTime() - quietSince > IntakeStage.QUIET_LIMIT.toNanos()) {
                    throw new IllegalStateException("latency: " + answeredAt.size() + " outcomes of " + n + " events, then nothing for "
                            + IntakeStage.QUIET_LIMIT.toSeconds() + " s");
                }
                BenchmarkRun.progress("latency: sent " + (next - from) + "/" + n + ", answered " + answeredAt.size());
            }
        } finally {
            producers.values().forEach(KafkaProducer::close);
        }
        long[] sorted = sentAt.entrySet().stream().mapToLong(e -> answeredAt.get(e.getKey()) - e.getValue()).sorted().toArray();
        Map<String, Long> receivedAt = receivedAt(sentAt.values().stream().mapToLong(Long::longValue).min().orElseThrow());
        long[] waits = sentAt.entrySet().stream().mapToLong(e -> receivedAt.get(e.getKey()) - e.getValue()).sorted().toArray();
        long[] decisions = sentAt.keySet().stream().mapToLong(k -> answeredAt.get(k) - receivedAt.get(k)).sorted().toArray();
        return new Result(n, rate, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1],
                percentile(waits, 0.50), percentile(waits, 0.99), percentile(decisions, 0.50), percentile(decisions, 0.99));
    }

    /**
     * The broker's own hop at the same rate, for comparison: {@code messages} records of an event's size sent by one
     * producer as the banks' are configured and read by one consumer of a group, each from its send to its poll's
     * return. Returns {p50, p99} in ms.
     */
    static double[] kafkaFloor(KafkaLogin admin, double rate, int messages) throws Exception {
        try (Admin client = Admin.create(admin.clientProperties())) {
            if (!client.listTopics().names().get().contains(FLOOR_TOPIC)) {
                client.createTopics(List.of(new NewTopic(FLOOR_TOPIC, Ceilings.KAFKA_PARTITIONS, (short) 1))).all().get();
            }
        }
        byte[] value = new byte[600];
        long[] latencies = new long[messages];
        int received = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(admin); KafkaProducer<String, byte[]> producer = producer(admin)) {
            consumer.subscribe(List.of(FLOOR_TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            producer.partitionsFor(FLOOR_TOPIC);
            long start = System.nanoTime();
            long intervalNanos = (long) (1e9 / rate);
            int next = 0;
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos() + messages * intervalNanos;
            while (received < messages && System.nanoTime() < deadline) {
                long due = (System.nanoTime() - start) / intervalNanos + 1;
                while (next < messages && next < due) {
                    producer.send(new ProducerRecord<>(FLOOR_TOPIC, "k" + next, value));
                    next++;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    if (received < messages) {
                        latencies[received++] = System.currentTimeMillis() - record.timestamp();
                    }
                }
            }
        }
        if (received < messages) {
            throw new IllegalStateException("latency floor: " + received + " of " + messages + " records read back");
        }
        Arrays.sort(latencies);
        return new double[] {percentile(latencies, 0.50), percentile(latencies, 0.99)};
    }

    /** Intake's {@code received_at} (epoch ms; stored as UTC) of every event it received since {@code sinceMillis}, by inbound position. */
    private static Map<String, Long> receivedAt(long sinceMillis) throws SQLException {
        Map<String, Long> received = new HashMap<>();
        try (Connection c = BenchSystem.rootConnection("intake");
             PreparedStatement s = c.prepareStatement("SELECT kafka_topic, kafka_partition, kafka_offset,"
                     + " TIMESTAMPDIFF(MICROSECOND, '1970-01-01', received_at) DIV 1000 FROM intake_event"
                     + " WHERE received_at >= TIMESTAMPADD(MICROSECOND, ? * 1000, '1970-01-01')")) {
            s.setLong(1, sinceMillis - 1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    received.put(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getLong(3), rs.getLong(4));
                }
            }
        }
        return received;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaLogin admin) {
        return new KafkaConsumer<>(admin.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
    }

    /**
     * A bank's producer as it would send live traffic, on the client's defaults: each event sent when it
     * happens, batched only for the client's default {@code linger.ms} (5 ms since Kafka 4.0), which the
     * latency includes.
     */
    private static KafkaProducer<String, byte[]> producer(KafkaLogin login) {
        return new KafkaProducer<>(login.with(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)));
    }
}
