package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.intake.HostileRecords.Case;
import cn.shanghai.techfinance.intake.HostileRecords.Expected;
import cn.shanghai.techfinance.intake.HostileRecords.Rejected;
import cn.shanghai.techfinance.intake.HostileRecords.Template;
import cn.shanghai.techfinance.intake.HostileRecords.ValidInForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input through the real consumer ({@link HostileRecords}): 10,000 records made from valid
 * events (every field given every wrong kind of value, boundary and out-of-range values, unknown
 * fields, wrong sources, random bytes, cuts, invalid UTF-8, duplicate keys, records over intake's
 * size limit and just under the broker's, 10,000-deep nesting), with valid loans interleaved. Each
 * hostile record is rejected with its event id where one can be read, the field and the reason, on
 * the outcomes topic and in the ledger (or the dead letters); the consumer never stops; every valid
 * event lands. {@code -Dfuzz.cases=100000} runs a larger set, {@code -Dfuzz.seed=N} another one
 * (RELIABILITY.md); the seed is printed, and a failure names the record's mutation.
 */
class HostileInputFuzzTest extends IntakeIntegrationTest {

    private static final String BANK = "FUZZ-SH";
    private static final String SOURCE = EventSource.bank(BANK);
    private static final long DEFAULT_SEED = 20261202L;
    /** Codes that say an event's form is wrong: never the answer to an event valid in every form. */
    private static final Set<RejectionCode> FORM_CODES = EnumSet.of(RejectionCode.MALFORMED_JSON, RejectionCode.MISSING_FIELD,
            RejectionCode.WRONG_TYPE, RejectionCode.INVALID_FORMAT, RejectionCode.OUT_OF_RANGE, RejectionCode.INVALID_USCC,
            RejectionCode.INVALID_ENUM, RejectionCode.UNKNOWN_TYPE, RejectionCode.UNKNOWN_FIELD, RejectionCode.UNSUPPORTED_SPECVERSION,
            RejectionCode.SOURCE_MISMATCH, RejectionCode.TOO_LARGE, RejectionCode.TOO_DEEP, RejectionCode.INTERNAL);

    /** Where a record landed. */
    private record Offset(String topic, int partition, long offset) {
        static Offset of(RecordMetadata m) {
            return new Offset(m.topic(), m.partition(), m.offset());
        }
    }

    @Test
    void everyHostileRecordIsRejectedWithItsIdFieldAndReasonAndEveryValidEventAroundThemLands() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("fuzz.cases", 10_000);
        List<BankEvent> base = Stream.of(TestEvents.exampleLoan(BANK, "fzb-", 901), TestEvents.troubledLoan(BANK, "fzt-", 902),
                TestEvents.hkzdLoanWithRenewal(BANK, "fzk-", 903, 1)).flatMap(List::stream).toList();
        send(base);
        base.forEach(e -> assertThat(awaitStatus(e.source(), e.id())).as(e.id()).isEqualTo("ACCEPTED"));

        List<Template> templates = base.stream().map(e -> new Template(topicOf(e), (ObjectNode) JSON.readTree(TestEvents.json(e))))
                .toList();
        List<Case> cases = HostileRecords.generate(templates, seed, count, "fzh-");
        int loans = Math.max(100, cases.size() / 100);
        List<BankEvent> valid = new ArrayList<>();
        for (int k = 0; k < loans; k++) {
            valid.addAll(TestEvents.exampleLoan(BANK, "fzv" + k + "-", 10_000 + k));
        }
        System.out.printf("HostileInputFuzzTest: seed %d, %d hostile records, %d valid events (-Dfuzz.seed=%d to repeat)%n",
                seed, cases.size(), valid.size(), seed);

        long started = System.nanoTime();
        Map<Offset, Case> hostileAt = new HashMap<>();
        Set<Offset> validAt = new HashSet<>();
        produceInterleaved(cases, valid, hostileAt, validAt);
        Map<Offset, List<IntakeOutcome>> outcomes = readOutcomesUntilAnswered(union(hostileAt.keySet(), validAt), Duration.ofSeconds(180));
        double seconds = (System.nanoTime() - started) / 1e9;

        List<String> failures = new ArrayList<>();
        Map<Offset, Map<String, Object>> ledger = ledgerRows();
        Set<Offset> deadLetters = deadLetterOffsets();
        int rejected = 0;
        for (Map.Entry<Offset, Case> entry : hostileAt.entrySet()) {
            Case c = entry.getValue();
            List<IntakeOutcome> answers = outcomes.get(entry.getKey());
            if (answers == null) {
                failures.add(c.mutation() + ": no outcome");
                continue;
            }
            IntakeOutcome outcome = answers.get(0);
            if (outcome.status() == IntakeOutcome.Status.REJECTED) {
                rejected++;
            }
            for (Expected expected : c.expected()) {
                String problem = check(expected, outcome, ledger.get(entry.getKey()), deadLetters.contains(entry.getKey()));
                if (problem != null) {
                    failures.add(c.mutation() + ": " + problem + " — got " + outcome.status() + " " + outcome.eventId() + " "
                            + outcome.violations());
                }
            }
        }
        long validStored = count("SELECT COUNT(*) FROM intake_event WHERE source = ? AND event_id LIKE 'fzv%' AND status = 'ACCEPTED'",
                SOURCE);
        long settledLoans = count("SELECT COUNT(*) FROM loan_settlement WHERE bank_code = ? AND contract_no LIKE 'fzv%'", BANK);
        long lost = hostileAt.size() + validAt.size() - outcomes.size();
        System.out.printf("HostileInputFuzzTest: cases in %d (+ %d valid), valid stored %d, rejected %d, lost %d, %.1f s (seed %d)%n",
                hostileAt.size(), valid.size(), validStored, rejected, lost, seconds, seed);

        Path report = Path.of("target", "hostile-input-failures.txt");
        Files.write(report, failures);
        assertThat(failures.size()).as("%d of %d hostile records answered wrongly (seed %d; all in %s), among them:%n%s", failures.size(),
                cases.size(), seed, report, String.join("\n", failures.subList(0, Math.min(40, failures.size())))).isZero();
        assertThat(validAt).allSatisfy(at -> assertThat(outcomes.get(at)).as("the valid event at " + at).isNotNull()
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(IntakeOutcome.Status.ACCEPTED)));
        assertThat(validStored).isEqualTo(valid.size());
        assertThat(settledLoans).isEqualTo(loans);
        assertThat(lost).isZero();
    }

    /** What is wrong with the answer to one record, or null. */
    private static String check(Expected expected, IntakeOutcome outcome, Map<String, Object> ledgerRow, boolean deadLettered) {
        if (outcome.violations().stream().anyMatch(v -> v.code() == RejectionCode.INTERNAL)) {
            return "failed inside intake (INTERNAL)";
        }
        if (outcome.violations().size() > 21 || outcome.violations().stream()
                .anyMatch(v -> v.message() == null || v.message().isBlank() || v.message().length() > 300)) {
            return "violations unbounded or without a message";
        }
        if (expected instanceof Rejected r) {
            if (outcome.status() != IntakeOutcome.Status.REJECTED) {
                return "expected rejected";
            }
            if (!java.util.Objects.equals(r.eventId(), outcome.eventId())) {
                return "expected event id " + r.eventId();
            }
            if (outcome.violations().stream().noneMatch(v -> v.field().equals(r.field()) && v.code() == r.code())) {
                return "expected " + r.code() + " at " + r.field();
            }
            if (r.eventId() == null ? !deadLettered
                    : ledgerRow == null || !"REJECTED".equals(ledgerRow.get("status"))
                            || !String.valueOf(ledgerRow.get("violations")).contains(r.code().name())) {
                return r.eventId() == null ? "not in the dead letters" : "the ledger's row is " + ledgerRow;
            }
            return null;
        }
        ValidInForm v = (ValidInForm) expected;
        if (!v.eventId().equals(outcome.eventId())) {
            return "expected event id " + v.eventId();
        }
        if (outcome.violations().stream().anyMatch(x -> FORM_CODES.contains(x.code()))) {
            return "valid in form, refused for its form";
        }
        if (ledgerRow == null || !outcome.status().name().equals(ledgerRow.get("status"))) {
            return "the ledger's row is " + ledgerRow;
        }
        return null;
    }

    /**
     * Sends the hostile records with the valid loans' events spread evenly between them, without
     * waiting for each acknowledgement; a loan's events share its key, so they stay in order.
     */
    private static void produceInterleaved(List<Case> cases, List<BankEvent> valid, Map<Offset, Case> hostileAt,
                                           Set<Offset> validAt) throws Exception {
        SharedInfrastructure.provisionBanks(BANK);
        Map<Future<RecordMetadata>, Case> hostile = new HashMap<>();
        List<Future<RecordMetadata>> validSent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024))) {
            int every = Math.max(1, cases.size() / valid.size());
            int v = 0;
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                hostile.put(producer.send(new ProducerRecord<>(c.topic(), c.key(), c.value())), c);
                if (i % every == every - 1 && v < valid.size()) {
                    validSent.add(sendValid(producer, valid.get(v++)));
                }
            }
            // the last records are valid: the consumer is still going after every hostile one
            while (v < valid.size()) {
                validSent.add(sendValid(producer, valid.get(v++)));
            }
            producer.flush();
            for (Map.Entry<Future<RecordMetadata>, Case> sent : hostile.entrySet()) {
                hostileAt.put(Offset.of(sent.getKey().get()), sent.getValue());
            }
            for (Future<RecordMetadata> sent : validSent) {
                validAt.add(Offset.of(sent.get()));
            }
        }
    }

    private static Future<RecordMetadata> sendValid(KafkaProducer<byte[], byte[]> producer, BankEvent event) {
        String loan = event.id().substring(0, event.id().indexOf('-'));
        return producer.send(new ProducerRecord<>(topicOf(event), loan.getBytes(StandardCharsets.UTF_8),
                TestEvents.json(event).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Reads the outcomes topic from the beginning with one consumer, until every record at
     * {@code wanted} has an outcome or {@code atMost} has passed; the outcomes there, by offset.
     */
    private static Map<Offset, List<IntakeOutcome>> readOutcomesUntilAnswered(Set<Offset> wanted, Duration atMost) {
        Map<Offset, List<IntakeOutcome>> answers = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fuzz-outcomes-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INTAKE_OUTCOMES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + atMost.toNanos();
            int answered = 0;
            while (answered < wanted.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    IntakeOutcome outcome = ContractJson.read(record.value(), IntakeOutcome.class);
                    Offset at = new Offset(outcome.topic(), outcome.partition(), outcome.offset());
                    if (wanted.contains(at) && answers.computeIfAbsent(at, k -> new ArrayList<>()).add(outcome)
                            && answers.get(at).size() == 1) {
                        answered++;
                    }
                }
            }
        }
        return answers;
    }

    /** intake_event's rows of the bank's and the credit platform's topics, by offset. */
    private Map<Offset, Map<String, Object>> ledgerRows() {
        Map<Offset, Map<String, Object>> rows = new HashMap<>();
        jdbc.query("SELECT kafka_topic, kafka_partition, kafka_offset, status, violations FROM intake_event WHERE kafka_topic IN (?, ?)",
                rs -> {
                    rows.put(new Offset(rs.getString(1), rs.getInt(2), rs.getLong(3)),
                            Map.of("status", rs.getString(4), "violations", String.valueOf(rs.getString(5))));
                }, Topics.bankEvents(BANK), Topics.CREDIT_EVENTS);
        return rows;
    }

    private Set<Offset> deadLetterOffsets() {
        Set<Offset> offsets = new HashSet<>();
        jdbc.query("SELECT kafka_topic, kafka_partition, kafka_offset FROM intake_dead_letter WHERE kafka_topic IN (?, ?)",
                rs -> {
                    offsets.add(new Offset(rs.getString(1), rs.getInt(2), rs.getLong(3)));
                }, Topics.bankEvents(BANK), Topics.CREDIT_EVENTS);
        return offsets;
    }

    private static String topicOf(BankEvent event) {
        return EventSource.bankCode(event.source()).map(Topics::bankEvents).orElse(Topics.CREDIT_EVENTS);
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
