package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.infra.KafkaLogin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an events file line by line to its senders' topics, as the banks would, each sender logged
 * in as itself, and collects intake's answer to every line from {@code tf.intake.outcomes.v1}
 * (matched by topic, partition and offset, so even an unreadable line is answered).
 */
public final class EventsReplay {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** One line of the file: what could be read of it, where it was sent, and intake's answer. */
    static final class Line {
        final int number;
        final byte[] bytes;
        final String id;
        final String source;
        final JsonNode data;
        final LocalDate businessDate;
        String topic;
        RecordMetadata sent;
        IntakeOutcome outcome;
        boolean duplicate;
        boolean parked;

        Line(int number, byte[] bytes) {
            this.number = number;
            this.bytes = bytes;
            JsonNode root = null;
            try {
                root = JSON.readTree(bytes);
            } catch (RuntimeException unreadable) {
                // intake will reject it; it is still sent
            }
            this.id = text(root, "id");
            this.source = text(root, "source");
            this.data = root != null && root.isObject() ? root.get("data") : null;
            LocalDate date = null;
            try {
                String time = text(root, "time");
                date = time == null ? null : OffsetDateTime.parse(time).atZoneSameInstant(SHANGHAI).toLocalDate();
            } catch (RuntimeException badTime) {
                // rejected by intake; no business date
            }
            this.businessDate = date;
        }

        boolean answered() {
            return outcome != null || duplicate || parked;
        }

        private static String text(JsonNode node, String field) {
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode value = node.get(field);
            return value != null && value.isString() ? value.stringValue() : null;
        }
    }

    private final Function<String, KafkaLogin> loginOf;
    private final KafkaLogin observer;

    /**
     * @param loginOf  each sender's own login, by principal: a bank's or insurer's code, or {@code credit-platform}
     * @param observer who reads intake's outcomes for the replay (the local run's administrator)
     */
    EventsReplay(Function<String, KafkaLogin> loginOf, KafkaLogin observer) {
        this.loginOf = loginOf;
        this.observer = observer;
    }

    static List<Line> read(List<byte[]> lines) {
        List<Line> read = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            read.add(new Line(i + 1, lines.get(i)));
        }
        return read;
    }

    /** The banks whose topics the lines are sent to (a line's readable {@code bank/<code>} source). */
    static Set<String> banks(List<Line> lines) {
        Set<String> banks = new TreeSet<>();
        lines.forEach(line -> EventSource.bankCode(line.source).ifPresent(banks::add));
        return banks;
    }

    /** The insurers (科技保险) whose topics the lines are sent to (a line's readable {@code insurer/<code>} source). */
    static Set<String> insurers(List<Line> lines) {
        Set<String> insurers = new TreeSet<>();
        lines.forEach(line -> EventSource.insurerCode(line.source).ifPresent(insurers::add));
        return insurers;
    }

    /**
     * Each line's record key as {@link #send} gives it (the firm's USCC, found through the loan's
     * documents), in order: for a driver that sends the lines its own way (the benchmark). Lines are
     * read one at a time, so millions of them need no more than their bytes.
     */
    public static List<String> recordKeys(List<byte[]> lines) {
        FirmKeys keys = new FirmKeys();
        List<String> recordKeys = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            recordKeys.add(keys.keyOf(new Line(i + 1, lines.get(i))));
        }
        return recordKeys;
    }

    /**
     * Sends every line in file order: {@code bank/<code>} to that bank's topic, {@code
     * insurer/<code>} to that insurer's, {@code credit-platform} to the credit topic; a line without
     * a valid source goes where the line before it went (a bank's own stream), so that its rejection
     * reaches that bank. Records are keyed by
     * the firm's USCC, found through the loan's documents, so one firm's events stay in order.
     */
    void send(List<Line> lines, Progress progress) throws InterruptedException, ExecutionException {
        FirmKeys keys = new FirmKeys();
        String lastTopic = Topics.CREDIT_EVENTS;
        // each sender writes as itself: a bank's topic only takes its own principal's records
        Map<String, KafkaProducer<String, byte[]>> producers = new HashMap<>();
        try {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            for (Line line : lines) {
                Optional<String> topic = topicOf(line.source);
                line.topic = topic.orElse(lastTopic);
                lastTopic = line.topic;
                pending.add(producers.computeIfAbsent(senderOf(line.topic), this::producer)
                        .send(new ProducerRecord<>(line.topic, keys.keyOf(line), line.bytes)));
            }
            producers.values().forEach(KafkaProducer::flush);
            for (int i = 0; i < lines.size(); i++) {
                lines.get(i).sent = pending.get(i).get();
                progress.sent(i + 1);
            }
        } finally {
            producers.values().forEach(KafkaProducer::close);
        }
        markDuplicates(lines);
    }

    private KafkaProducer<String, byte[]> producer(String principal) {
        return new KafkaProducer<>(loginOf.apply(principal).with(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5)));
    }

    /** The principal that writes to {@code topic}: the credit platform, or the bank or insurer whose topic it is. */
    private static String senderOf(String topic) {
        String source = Topics.expectedSource(topic).orElseThrow();
        return EventSource.bankCode(source).or(() -> EventSource.insurerCode(source)).orElse(KafkaAccess.CREDIT_PLATFORM);
    }

    /** Reads outcomes until every line is answered, or what is left is parked (asked of intake's API). */
    void awaitOutcomes(List<Line> lines, IntakeApi intake, Progress progress, Duration timeout) throws InterruptedException {
        Map<String, Line> bySentPosition = new HashMap<>();
        for (Line line : lines) {
            bySentPosition.put(position(line.sent.topic(), line.sent.partition(), line.sent.offset()), line);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietSince = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(observer.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "local-run-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
            consumer.subscribe(List.of(Topics.INTAKE_OUTCOMES));
            while (lines.stream().anyMatch(l -> !l.answered())) {
                if (System.nanoTime() > deadline) {
                    long open = lines.stream().filter(l -> !l.answered()).count();
                    throw new IllegalStateException(open + " lines got no outcome within " + timeout.toMinutes() + " minutes");
                }
                var records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    IntakeOutcome outcome = ContractJson.read(record.value(), IntakeOutcome.class);
                    Line line = bySentPosition.get(position(outcome.topic(), outcome.partition(), outcome.offset()));
                    if (line != null && line.outcome == null) {
                        line.outcome = outcome;
                        line.parked = false;
                    }
                }
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > Duration.ofSeconds(5).toNanos()) {
                    // nothing new for a while: what is still open may be parked, waiting for a parent
                    for (Line line : lines) {
                        if (!line.answered() && line.id != null && EventSource.isValid(line.source)) {
                            line.parked = "PARKED".equals(intake.status(line.source, line.id).orElse(null));
                        }
                    }
                    quietSince = System.nanoTime();
                }
                progress.answered(lines.stream().filter(Line::answered).count());
            }
        }
    }

    /**
     * The nights to run for a replay: the first business date of the file ({@link #firstBusinessDate};
     * none: only {@code through}), every month end after it, and {@code through}. With every event
     * already in the ledger, this gives the claims of one night per business date: a night computes
     * every claim due by its date, caps are taken in trigger-date order within a night as across
     * nights, and cancellations follow the default dates, so nights in between would only split the
     * same work (and cost a job run each).
     */
    public static TreeSet<LocalDate> nightsToRun(LocalDate firstBusinessDate, LocalDate through) {
        LocalDate first = firstBusinessDate != null ? firstBusinessDate : through;
        TreeSet<LocalDate> nights = new TreeSet<>();
        if (first.isBefore(through)) {
            nights.add(first);
            for (LocalDate monthEnd = first.withDayOfMonth(first.lengthOfMonth()); monthEnd.isBefore(through);
                 monthEnd = monthEnd.plusMonths(1).withDayOfMonth(monthEnd.plusMonths(1).lengthOfMonth())) {
                nights.add(monthEnd);
            }
        }
        nights.add(through);
        return nights;
    }

    /** The earliest business date of the lines; null when none has one. */
    static LocalDate firstBusinessDate(List<Line> lines) {
        return lines.stream().map(l -> l.businessDate).filter(Objects::nonNull).min(LocalDate::compareTo).orElse(null);
    }

    private static void markDuplicates(List<Line> lines) {
        Map<String, Line> first = new HashMap<>();
        for (Line line : lines) {
            if (line.id != null && line.source != null && first.putIfAbsent(line.source + "\u0000" + line.id, line) != null) {
                line.duplicate = true; // intake ignores a repeated (source, id): the first line's answer stands
            }
        }
    }

    private static Optional<String> topicOf(String source) {
        if (EventSource.CREDIT_PLATFORM.equals(source)) {
            return Optional.of(Topics.CREDIT_EVENTS);
        }
        return EventSource.bankCode(source).map(Topics::bankEvents)
                .or(() -> EventSource.insurerCode(source).map(Topics::insurerEvents));
    }

    private static String position(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /** Finds each event's firm through the documents of its loan (the contract's record key). */
    private static final class FirmKeys {
        private final Map<String, String> usccOf = new HashMap<>();

        String keyOf(Line line) {
            if (line.data == null || !line.data.isObject()) {
                return line.id;
            }
            String scope = line.source + "|";
            String uscc = Line.text(line.data.get("firm"), "uscc");
            if (uscc == null) {
                uscc = Line.text(line.data, "uscc");
            }
            for (String parent : List.of("applicationNo", "approvalNo", "contractNo", "policyNo")) {
                if (uscc == null && Line.text(line.data, parent) != null) {
                    uscc = usccOf.get(scope + parent + ":" + Line.text(line.data, parent));
                }
            }
            if (uscc != null) {
                for (String document : List.of("applicationNo", "approvalNo", "contractNo", "policyNo")) {
                    String number = Line.text(line.data, document);
                    if (number != null) {
                        usccOf.putIfAbsent(scope + document + ":" + number, uscc);
                    }
                }
            }
            return uscc != null ? uscc : line.id;
        }
    }

    /** Where the run is, for the terminal. */
    interface Progress {
        void sent(long lines);

        void answered(long lines);
    }
}
