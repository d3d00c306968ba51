package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two intake instances in one consumer group, sharing one ledger, record the same stream exactly
 * as one instance does (a group of its own, a ledger of its own, the same topic): the same rows in
 * every table, the same fact keys and outcomes. Their ledger batches are numbered without a gap and
 * in commit order: whenever the counter shows V, every batch numbered up to V is visible.
 *
 * <p>Separate from the shared test context ({@link OwnIntake}): a {@code RESTART-} bank's topic.
 */
class TwoInstancesTest {

    private static final String BANK = IntakeIntegrationTest.OWN_CONSUMER_PREFIX + "TWO";
    private static final String SOURCE = EventSource.bank(BANK);
    private static final String TOPIC = Topics.bankEvents(BANK);
    private static final List<String> TABLES = List.of("loan_application", "firm_snapshot", "firm_qualification", "loan_approval",
            "loan_contract", "insurance_policy", "premium_payment", "interest_payment", "loan_settlement");

    private final String run = UUID.randomUUID().toString();

    /**
     * 30 履约贷 loans and 10 沪科专贷 loans with a renewal, about 270 events, interleaved loan by loan;
     * every fourth loan newest event first, so that children park and are applied by their parent's batch.
     */
    private static List<BankEvent> stream() {
        List<List<BankEvent>> loans = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            loans.add(TestEvents.exampleLoan(BANK, "t" + i + "-", 3000 + i));
        }
        for (int i = 0; i < 10; i++) {
            loans.add(TestEvents.hkzdLoanWithRenewal(BANK, "th" + i + "-", 3100 + i, 2).stream()
                    .filter(e -> e.source().equals(SOURCE)) // the credit platform's topic belongs to the shared context
                    .toList());
        }
        for (int i = 0; i < loans.size(); i += 4) {
            List<BankEvent> reversed = new ArrayList<>(loans.get(i));
            Collections.reverse(reversed);
            loans.set(i, reversed);
        }
        int total = loans.stream().mapToInt(List::size).sum();
        List<BankEvent> events = new ArrayList<>();
        for (int step = 0; events.size() < total; step++) {
            for (List<BankEvent> loan : loans) {
                if (step < loan.size()) {
                    events.add(loan.get(step));
                }
            }
        }
        return events;
    }

    @Test
    void twoInstancesInOneGroupRecordWhatOneInstanceRecords() throws Exception {
        JdbcTemplate one = OwnIntake.freshSchema("intake_one");
        JdbcTemplate two = OwnIntake.freshSchema("intake_two");
        SharedInfrastructure.provisionBanks(BANK);
        List<BankEvent> events = stream();
        String twoGroup = "intake-two-" + run;
        String firstName = "intake-first-" + run;
        String secondName = "intake-second-" + run;
        try (ConfigurableApplicationContext single = start("intake_one", "intake-one-" + run, "intake-single-" + run);
             ConfigurableApplicationContext first = start("intake_two", twoGroup, firstName);
             ConfigurableApplicationContext second = start("intake_two", twoGroup, secondName)) {
            awaitEveryInstanceAssigned(twoGroup, List.of(firstName, secondName));
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<List<String>> observer = CompletableFuture.supplyAsync(() -> watchCommitOrder(two, done));
            OwnIntake.produceByLoan(TOPIC, events);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> allDecided(one, events.size())
                    && allDecided(two, events.size()));
            done.set(true);
            assertThat(observer.get()).as("batches numbered up to the counter but not visible").isEmpty();
            assertThat(accepted(first)).as("events the first instance of the group accepted").isPositive();
            assertThat(accepted(second)).as("events the second instance of the group accepted").isPositive();
            assertThat(accepted(first) + accepted(second)).isEqualTo(events.size());
        }

        assertThat(ledger(two)).isEqualTo(ledger(one));
        assertThat(ledger(one).get("intake_event")).hasSize(events.size()).allSatisfy(row -> assertThat(row).contains("status=ACCEPTED"));
        Map<String, Object> feed = two.queryForMap("SELECT COUNT(*) AS batches, COUNT(DISTINCT seq) AS numbers, MIN(seq) AS first,"
                + " MAX(seq) AS last, (SELECT last_seq FROM ledger_sequence WHERE id = 1) AS counter FROM ledger_batch");
        long batches = ((Number) feed.get("batches")).longValue();
        System.out.printf("TwoInstancesTest: %d events, %d ledger batches in the two instances' ledger%n", events.size(), batches);
        assertThat(batches).as("more batches than the migration's own").isGreaterThan(2);
        assertThat(((Number) feed.get("numbers")).longValue()).as("every batch numbered, once").isEqualTo(batches);
        assertThat(((Number) feed.get("first")).longValue()).isEqualTo(1);
        assertThat(((Number) feed.get("last")).longValue()).as("no gap").isEqualTo(batches);
        assertThat(((Number) feed.get("counter")).longValue()).isEqualTo(batches);
        for (String table : TABLES) {
            assertThat(two.queryForObject("SELECT COUNT(*) FROM " + table + " t LEFT JOIN ledger_batch b ON b.id = t.batch_id"
                    + " WHERE b.seq IS NULL", Integer.class)).as("%s rows outside a committed batch", table).isZero();
        }
    }

    /**
     * Until {@code done}: reads the counter, then the batches numbered up to it; returns every
     * moment some were missing (a number handed out before an earlier one's batch committed).
     */
    private static List<String> watchCommitOrder(JdbcTemplate ledger, AtomicBoolean done) {
        List<String> missing = new ArrayList<>();
        AtomicInteger advanced = new AtomicInteger();
        long last = 0;
        while (!done.get()) {
            long counter = ledger.queryForObject("SELECT last_seq FROM ledger_sequence WHERE id = 1", Long.class);
            long visible = ledger.queryForObject("SELECT COUNT(*) FROM ledger_batch WHERE seq <= ?", Long.class, counter);
            if (visible != counter) {
                missing.add("counter " + counter + ", batches visible up to it " + visible);
            }
            if (counter > last) {
                advanced.incrementAndGet();
                last = counter;
            }
            try {
                Thread.sleep(5); // leave the two cores to the instances
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        System.out.printf("TwoInstancesTest: the counter advanced %d times while watched%n", advanced.get());
        return missing;
    }

    private static boolean allDecided(JdbcTemplate ledger, int events) {
        return ledger.queryForObject("SELECT COUNT(*) FROM intake_event WHERE status <> 'PARKED'", Integer.class) == events
                && ledger.queryForObject("SELECT COUNT(*) FROM outbox_batch", Integer.class) == 0;
    }

    private static double accepted(ConfigurableApplicationContext intake) {
        return intake.getBean(MeterRegistry.class).get("intake.events").tag("outcome", "accepted").counter().count();
    }

    /** Every table's rows and the events' outcomes, as sorted text without ids, times and batches. */
    private static Map<String, List<String>> ledger(JdbcTemplate ledger) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : TABLES) {
            tables.put(table, dump(ledger, "SELECT * FROM " + table));
        }
        tables.put("intake_event", dump(ledger, "SELECT source, event_id, event_type, event_time, status, fact_key, violations"
                + " FROM intake_event"));
        return tables;
    }

    private static List<String> dump(JdbcTemplate ledger, String sql) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : ledger.queryForList(sql)) {
            Map<String, String> normalized = new LinkedHashMap<>();
            new TreeMap<>(row).forEach((column, value) -> {
                if (!List.of("id", "recorded_at", "batch_id").contains(column.toLowerCase())) {
                    normalized.put(column.toLowerCase(), value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
                }
            });
            rows.add(normalized.toString());
        }
        Collections.sort(rows);
        return rows;
    }

    /**
     * Every instance holds partitions of the topic: the stream will be shared. The group's members
     * are the instances' consumers (as many per instance as the binding's concurrency), each named
     * by its instance's client id with the consumer's index appended.
     */
    private static void awaitEveryInstanceAssigned(String group, List<String> instances) {
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                Set<String> assigned = new HashSet<>();
                for (MemberDescription member : g.members()) {
                    if (!member.assignment().topicPartitions().isEmpty()) {
                        instances.stream().filter(i -> member.clientId().startsWith(i + "-")).forEach(assigned::add);
                    }
                }
                return assigned.containsAll(instances);
            });
        }
    }

    /** The intake application as deployed, on the given schema and group, consuming only this test's topic. */
    private static ConfigurableApplicationContext start(String schema, String group, String instance) {
        return OwnIntake.startOn(schema, TOPIC, group,
                // its consumers' client ids name the instance
                "--spring.cloud.stream.kafka.bindings.intake-in-0.consumer.configuration.client.id=" + instance,
                // small batches: many transactions, committing side by side in the two instances
                "--spring.cloud.stream.kafka.bindings.intake-in-0.consumer.configuration.max.poll.records=10");
    }
}
