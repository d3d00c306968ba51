package cn.shanghai.techfinance.reliability;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.KafkaLogin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every outcome on {@code tf.intake.outcomes.v1} from the topic's start, read as the super user in
 * a thread of its own: by event ({@code source|id}), what intake decided each time it said so. An
 * outcome said twice (a crash between the outbox's send and its bookkeeping) is a duplicate the
 * bank de-duplicates by event id; two different decisions about one event would be a fault.
 */
final class OutcomeLog implements AutoCloseable {

    /** What an outcome decides, without where and when: its status, type and violations as {@code CODE(field)}. */
    record Decision(String type, IntakeOutcome.Status status, Set<String> violations) {

        static Decision of(IntakeOutcome outcome) {
            Set<String> violations = new TreeSet<>();
            outcome.violations().forEach(v -> violations.add(v.code() + "(" + v.field() + ")"));
            return new Decision(outcome.type(), outcome.status(), violations);
        }
    }

    private final Map<String, Set<Decision>> decisions = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong lastRecordNanos = new AtomicLong(System.nanoTime());
    /** The latest outcome's record time: when intake's outbox sent it. */
    private final AtomicLong latestSentMillis = new AtomicLong();
    private final Thread reader;
    private volatile boolean stopped;
    private volatile Throwable failure;

    OutcomeLog(KafkaLogin admin) {
        reader = new Thread(() -> read(admin), "reliability-outcomes");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(KafkaLogin admin) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(admin.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "reliability-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
            consumer.subscribe(List.of(Topics.INTAKE_OUTCOMES));
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    IntakeOutcome outcome = ContractJson.read(record.value(), IntakeOutcome.class);
                    decisions.computeIfAbsent(keyOf(outcome), key -> ConcurrentHashMap.newKeySet()).add(Decision.of(outcome));
                    records.incrementAndGet();
                    lastRecordNanos.set(System.nanoTime());
                    latestSentMillis.accumulateAndGet(record.timestamp(), Math::max);
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** The event's {@code source|id}, or where it was read when it had none readable. */
    private static String keyOf(IntakeOutcome outcome) {
        return outcome.eventId() != null && outcome.source() != null ? outcome.source() + "|" + outcome.eventId()
                : outcome.topic() + "/" + outcome.partition() + "/" + outcome.offset();
    }

    /** Events answered at least once. */
    int answered() {
        rethrow();
        return decisions.size();
    }

    /** Outcome records read, repeats included. */
    long records() {
        rethrow();
        return records.get();
    }

    /** How long since the last outcome arrived. */
    Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastRecordNanos.get());
    }

    /** Whether an outcome sent after {@code epochMillis} has been read (a restarted intake is answering). */
    boolean sentSince(long epochMillis) {
        rethrow();
        return latestSentMillis.get() > epochMillis;
    }

    boolean hasAnswered(String eventKey) {
        return decisions.containsKey(eventKey);
    }

    /** A copy: each event's decisions, by event key. */
    Map<String, Set<Decision>> decisions() {
        Map<String, Set<Decision>> copy = new TreeMap<>();
        decisions.forEach((key, set) -> copy.put(key, Set.copyOf(set)));
        return copy;
    }

    private void rethrow() {
        if (failure != null) {
            throw new IllegalStateException("reading " + Topics.INTAKE_OUTCOMES + " failed: " + failure, failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        reader.join(10_000);
    }
}
