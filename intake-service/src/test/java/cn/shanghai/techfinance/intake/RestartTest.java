package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.InterestPaid;
import cn.shanghai.techfinance.contracts.bank.LoanApplied;
import cn.shanghai.techfinance.contracts.bank.LoanApproved;
import cn.shanghai.techfinance.contracts.bank.LoanDisbursed;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PolicyIssued;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake application itself, stopped in the middle of a stream of a few thousand events and
 * started again: the ledger ends up with every event exactly once, and every event is answered.
 *
 * <p>The applications here are separate from the shared test context ({@link OwnIntake}): their own
 * schema, consumer group and topic.
 */
class RestartTest {

    private static final String BANK = IntakeIntegrationTest.OWN_CONSUMER_PREFIX + "1";
    private static final String SOURCE = EventSource.bank(BANK);
    private static final String TOPIC = Topics.bankEvents(BANK);
    private static final String SCHEMA = "intake_restart";
    /** Records rewound per partition after the first stop, to replay what the ledger already holds. */
    private static final int REWIND = 60;

    private final String group = "intake-restart-" + UUID.randomUUID();
    private JdbcTemplate jdbc;

    /** Ledger table of each event type, for the expected row counts. */
    private static final Map<Class<?>, String> TABLE = Map.of(LoanApplied.class, "loan_application",
            LoanApproved.class, "loan_approval", LoanDisbursed.class, "loan_contract", PolicyIssued.class, "insurance_policy",
            PremiumPaid.class, "premium_payment", InterestPaid.class, "interest_payment", LoanSettled.class, "loan_settlement");

    /**
     * 400 履约贷 loans from application to settlement and 100 沪科专贷 loans with a renewal: 3,200 bank
     * events, interleaved loan by loan as a bank sends them. Every fourth loan arrives newest event
     * first, so that events are parked across the stop and must be applied by the second run.
     */
    private static List<BankEvent> stream() {
        List<List<BankEvent>> loans = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            loans.add(TestEvents.exampleLoan(BANK, "r" + i + "-", 1000 + i));
        }
        for (int i = 0; i < 100; i++) {
            loans.add(TestEvents.hkzdLoanWithRenewal(BANK, "rh" + i + "-", 2000 + i, 2).stream()
                    .filter(e -> e.source().equals(SOURCE)) // the credit platform's topic belongs to the shared context
                    .toList());
        }
        for (int i = 0; i < loans.size(); i += 4) {
            List<BankEvent> reversed = new ArrayList<>(loans.get(i));
            Collections.reverse(reversed);
            loans.set(i, reversed);
        }
        List<BankEvent> events = new ArrayList<>();
        for (int step = 0; events.size() < 3_200; step++) {
            for (List<BankEvent> loan : loans) {
                if (step < loan.size()) {
                    events.add(loan.get(step));
                }
            }
        }
        return events;
    }

    @Test
    void stoppedMidStreamAndStartedAgainLosesAndDuplicatesNothing() throws Exception {
        jdbc = OwnIntake.freshSchema(SCHEMA);
        SharedInfrastructure.provisionBanks(BANK);
        List<BankEvent> events = stream();
        Set<String> sent = events.stream().map(BankEvent::id).collect(Collectors.toSet());
        OwnIntake.produceByLoan(TOPIC, events);

        // first run: stopped once part of the stream is in the ledger
        try (ConfigurableApplicationContext first = start()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count("SELECT COUNT(*) FROM intake_event") >= events.size() / 5);
        }
        int atStop = count("SELECT COUNT(*) FROM intake_event");
        assertThat(atStop).as("stopped in the middle of the stream").isBetween(1, events.size() - 1);
        int parkedAtStop = count("SELECT COUNT(*) FROM parked_event");
        assertThat(parkedAtStop).as("events waiting for their parents across the stop").isPositive();

        // a crash after the ledger transaction committed but before Kafka recorded the offsets:
        // the next run receives again records whose events the ledger already holds
        long rewound = rewindCommittedOffsets();
        assertThat(rewound).as("records replayed").isPositive();

        // second run: picks up from the committed offsets and finishes the stream
        try (ConfigurableApplicationContext second = start()) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count("SELECT COUNT(*) FROM intake_event WHERE status = 'ACCEPTED'") == events.size()
                            && count("SELECT COUNT(*) FROM outbox_batch") == 0);
            double duplicates = second.getBean(MeterRegistry.class).get("intake.events").tag("outcome", "duplicate")
                    .counter().count();
            assertThat(duplicates).as("replayed records recognised as repeats").isGreaterThanOrEqualTo(rewound);
        }

        // the ledger: every event exactly once
        assertThat(count("SELECT COUNT(*) FROM intake_event")).isEqualTo(events.size());
        assertThat(new HashSet<>(jdbc.queryForList("SELECT event_id FROM intake_event WHERE source = ?", String.class, SOURCE)))
                .isEqualTo(sent);
        assertThat(count("SELECT COUNT(*) FROM parked_event")).isZero();
        assertThat(count("SELECT COUNT(*) FROM intake_dead_letter")).isZero();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (BankEvent e : events) {
            expected.merge(TABLE.get(e.data().getClass()), 1, Integer::sum);
            if (e.data() instanceof LoanApplied a) {
                expected.merge("firm_snapshot", 1, Integer::sum);
                expected.merge("firm_qualification", a.firm().qualifications().size(), Integer::sum);
            }
        }
        Map<String, Integer> actual = new LinkedHashMap<>();
        expected.keySet().forEach(table -> actual.put(table, count("SELECT COUNT(*) FROM " + table)));
        assertThat(actual).isEqualTo(expected);
        for (String table : TABLE.values()) {
            assertThat(count("SELECT COUNT(DISTINCT event_id) FROM " + table)).as(table).isEqualTo(expected.get(table));
        }

        // the outcomes: every event answered, as accepted. At least once, not exactly once: a relay
        // stopped between the broker's acknowledgement and the deletion of its outbox rows (the
        // context closing interrupts it) leaves the rows, and the next run sends them again;
        // consumers of the outcomes topic are idempotent by event id.
        Map<String, List<IntakeOutcome>> outcomes = OutcomesTopic.awaitPublished(
                SharedInfrastructure.kafka().bootstrapServers(), SOURCE, sent, Duration.ofSeconds(120));
        assertThat(outcomes.keySet()).isEqualTo(sent);
        assertThat(outcomes.values()).allSatisfy(list -> assertThat(list)
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(IntakeOutcome.Status.ACCEPTED)));
        long repeated = outcomes.values().stream().mapToInt(List::size).sum() - sent.size();
        System.out.printf("RestartTest: %d of %d events in the ledger at the stop (%d parked), %d records replayed,"
                + " %d outcomes sent twice%n", atStop, events.size(), parkedAtStop, rewound, repeated);

        // the shared test context's consumer left this bank's topic alone
        Integer sharedSchema = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_schema = 'intake_it' AND table_name = 'intake_event'", Integer.class);
        if (sharedSchema != null && sharedSchema > 0) {
            assertThat(count("SELECT COUNT(*) FROM intake_it.intake_event WHERE source = '" + SOURCE + "'")).isZero();
        }
    }

    /** The intake application as deployed, on this test's schema, group and topic. */
    private ConfigurableApplicationContext start() {
        return OwnIntake.startOn(SCHEMA, TOPIC, group,
                // smaller batches than in production, taken from the partitions in turn, so that a stop
                // lands in the middle of the stream of every partition
                "--spring.cloud.stream.kafka.bindings.intake-in-0.consumer.configuration.max.poll.records=100",
                "--spring.cloud.stream.kafka.bindings.intake-in-0.consumer.configuration.max.partition.fetch.bytes=65536");
    }

    /** Moves the group's committed offsets back by {@link #REWIND} on each partition; returns how many records that replays. */
    private long rewindCommittedOffsets() {
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
                long replayed = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                    long offset = e.getValue().offset();
                    long back = Math.min(offset, REWIND);
                    rewound.put(e.getKey(), new OffsetAndMetadata(offset - back));
                    replayed += back;
                }
                // fails while the stopped consumer is still a member of the group: retried
                admin.alterConsumerGroupOffsets(group, rewound).all().get();
                return replayed;
            }, n -> true);
        }
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
