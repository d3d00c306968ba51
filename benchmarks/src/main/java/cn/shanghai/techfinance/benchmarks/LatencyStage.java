package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.KafkaLogin;
import cn.shanghai.techfinance.local.LocalAccess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    record Result(int events, double rate, double p50, double p99, double max) {
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
        return new Result(n, rate, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1]);
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
