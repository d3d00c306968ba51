package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.KafkaLogin;
import cn.shanghai.techfinance.local.LocalAccess;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * Intake from Kafka to committed ledger and outcome: every event produced as fast as the banks'
 * producers can (each bank as its own principal, on its own topic, keyed by firm), timed from the
 * first produce to the last outcome on {@code tf.intake.outcomes.v1} (intake publishes an outcome
 * through its outbox only once the ledger transaction has committed).
 */
final class IntakeStage {

    /** How long without a new outcome before the stage gives up. */
    static final Duration QUIET_LIMIT = Duration.ofSeconds(90);

    record Result(long events, long accepted, long rejected, double seconds, double eventsPerSecond, double warmEventsPerSecond,
                  double produceSeconds, long firstProduceMillis) {
    }

    private final LocalAccess access;

    IntakeStage(LocalAccess access) {
        this.access = access;
    }

    /** The traffic's first {@code n} events. */
    Result run(Traffic traffic, int n) throws Exception {
        return run(traffic, 0, n, outcome -> { });
    }

    /**
     * The traffic's events {@code from} (inclusive) to {@code to}, each outcome also given to
     * {@code onOutcome} as it is read (on the reader's thread). Only outcomes sent after the stage
     * began count: a system an earlier stage used has that stage's outcomes on the topic.
     */
    Result run(Traffic traffic, int from, int to, Consumer<IntakeOutcome> onOutcome) throws Exception {
        int n = to - from;
        traffic.profile.bankCodes().forEach(access::onboard);
        long[] outcomeTimes = new long[n];
        AtomicLong answered = new AtomicLong();
        long[] statuses = new long[2];
        OutcomeReader reader = new OutcomeReader(access.admin(), n, outcomeTimes, answered, statuses, onOutcome);
        Thread readerThread = new Thread(reader, "bench-outcomes");
        readerThread.setDaemon(true);
        readerThread.start();
        reader.awaitAssigned();

        Map<String, KafkaProducer<String, byte[]>> producers = new HashMap<>();
        long firstProduce;
        long produced;
        try {
            for (String principal : new HashSet<>(traffic.principals)) {
                producers.put(principal, producer(access.login(principal)));
            }
            firstProduce = System.currentTimeMillis();
            for (int i = from; i < to; i++) {
                producers.get(traffic.principals.get(i)).send(new ProducerRecord<>(traffic.topics.get(i), traffic.keys.get(i), traffic.lines.get(i)),
                        (metadata, error) -> {
                            if (error != null) {
                                reader.fail(error);
                            }
                        });
            }
            producers.values().forEach(KafkaProducer::flush);
            produced = System.currentTimeMillis();
        } finally {
            producers.values().forEach(KafkaProducer::close);
        }
        long lastSeen = answered.get();
        long lastProgress = System.nanoTime();
        while (answered.get() < n) {
            reader.rethrow();
            Thread.sleep(200);
            if (answered.get() != lastSeen) {
                lastSeen = answered.get();
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > QUIET_LIMIT.toNanos()) {
                throw new IllegalStateException("intake answered " + lastSeen + " of " + n + " events, then nothing for "
                        + QUIET_LIMIT.toSeconds() + " s");
            }
            BenchmarkRun.progress("intake: outcomes " + answered.get() + "/" + n);
        }
        reader.stop();
        readerThread.join(10_000);
        long[] times = Arrays.copyOf(outcomeTimes, n);
        Arrays.sort(times);
        double seconds = (times[n - 1] - firstProduce) / 1000.0;
        int warmFrom = (int) (n * 0.1);
        int warmTo = (int) (n * 0.9);
        double warm = (warmTo - warmFrom) / Math.max(0.001, (times[warmTo] - times[warmFrom]) / 1000.0);
        return new Result(n, statuses[0], statuses[1], seconds, n / seconds, warm, (produced - firstProduce) / 1000.0, firstProduce);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaLogin login) {
        // as a bank would produce (acks=all, idempotent), with room in each batch for throughput
        return new KafkaProducer<>(login.with(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024)));
    }

    /**
     * Reads the outcomes as the super user: each record's own timestamp (when intake's outbox sent
     * it, after the commit) is the event's committed time; counted once per inbound position.
     */
    private static final class OutcomeReader implements Runnable {
        private final KafkaLogin admin;
        private final long[] times;
        private final AtomicLong answered;
        private final long[] statuses;
        private final Set<String> positions = new HashSet<>();
        private final Consumer<IntakeOutcome> onOutcome;
        private volatile boolean stopped;
        private volatile boolean assigned;
        private volatile Throwable failure;

        OutcomeReader(KafkaLogin admin, int expected, long[] times, AtomicLong answered, long[] statuses, Consumer<IntakeOutcome> onOutcome) {
            this.admin = admin;
            this.onOutcome = onOutcome;
            this.times = times;
            this.answered = answered;
            this.statuses = statuses;
        }

        @Override
        public void run() {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(admin.with(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-intake-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
                consumer.subscribe(List.of(Topics.INTAKE_OUTCOMES));
                while (!stopped) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    if (!assigned && !consumer.assignment().isEmpty()) {
                        // the topic's end is fixed now, before the stage produces anything
                        consumer.assignment().forEach(consumer::position);
                        assigned = true;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        IntakeOutcome outcome = ContractJson.read(record.value(), IntakeOutcome.class);
                        int i = (int) answered.get();
                        if (i < times.length && positions.add(outcome.topic() + "/" + outcome.partition() + "/" + outcome.offset())) {
                            times[i] = record.timestamp();
                            statuses[outcome.status() == IntakeOutcome.Status.ACCEPTED ? 0 : 1]++;
                            onOutcome.accept(outcome);
                            answered.incrementAndGet();
                        }
                    }
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        void awaitAssigned() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!assigned && failure == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            rethrow();
            if (!assigned) {
                throw new IllegalStateException("the outcome reader got no partitions of " + Topics.INTAKE_OUTCOMES + " within 60 s");
            }
        }

        void fail(Exception error) {
            failure = error;
        }

        void rethrow() {
            if (failure != null) {
                throw new IllegalStateException("intake stage failed: " + failure, failure);
            }
        }

        void stop() {
            stopped = true;
        }
    }
}
