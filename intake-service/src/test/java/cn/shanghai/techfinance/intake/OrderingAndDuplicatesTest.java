package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.LoanApplied;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The same stream of events gives the same ledger whatever order it arrives in and however often
 * each event is repeated: children before their parents are parked and applied when the parent
 * arrives, a repeated {@code (source, id)} changes nothing, and every event is answered exactly once.
 */
class OrderingAndDuplicatesTest extends IntakeIntegrationTest {

    /** Ledger tables with a bank code, and the credit platform's tables (no bank code: scoped by event id). */
    private static final List<String> BANK_TABLES = List.of("loan_application", "firm_snapshot", "firm_qualification",
            "loan_rejection", "loan_approval", "loan_contract", "insurance_policy", "premium_payment", "policy_cancellation",
            "interest_payment", "principal_repayment", "loan_overdue", "loan_settlement", "loan_default");
    private static final List<String> CREDIT_TABLES = List.of("dishonesty_listing", "dishonesty_clearance");
    /** Columns that say when and in which transaction a row was written, not what it records. */
    private static final Set<String> LOCAL_COLUMNS = Set.of("id", "recorded_at", "batch_id");

    @Autowired
    private MeterRegistry meters;

    /** One variant of the stream: its bank code and the prefix of its ids and document numbers. */
    private record Variant(String bank, String prefix) {
        String source() {
            return EventSource.bank(bank);
        }

        /**
         * Five loans covering every event type and every parent kind (application, approval,
         * contract, policy, and a renewal that refers to another contract), interest instalments,
         * and the credit platform listing and clearing firms, interleaved by event time as a bank
         * would send them: every parent before its children.
         */
        List<BankEvent> cleanStream() {
            List<BankEvent> events = new ArrayList<>();
            events.addAll(TestEvents.exampleLoan(bank, prefix + "L1-", 21));
            events.addAll(TestEvents.hkzdLoanWithRenewal(bank, prefix + "H1-", 22, 3));
            events.addAll(TestEvents.exampleLoan(bank, prefix + "L2-", 23));
            events.addAll(TestEvents.troubledLoan(bank, prefix + "T1-", 24));
            events.addAll(TestEvents.hkzdLoanWithRenewal(bank, prefix + "H2-", 25, 2));
            events.sort(Comparator.comparing(BankEvent::time)); // stable: same-day events keep their order
            return events;
        }
    }

    @Test
    void anyOrderAndAnyRepetitionGiveTheLedgerOfTheCleanOrder() {
        Variant clean = new Variant("ORDER-A", "ordA-");
        Variant reversed = new Variant("ORDER-B", "ordB-");
        Variant shuffled = new Variant("ORDER-C", "ordC-");

        // A: the clean order, each event once
        List<BankEvent> a = clean.cleanStream();
        send(a);
        awaitAllDecided(clean, a);

        // B: newest first, and the applications (the roots every other bank document hangs on) held
        // back: every other bank event must park; those are sent twice while parked, then the
        // applications unpark them in cascades (application, approval, contract, policy, renewal),
        // then the whole stream comes once more
        List<BankEvent> b = new ArrayList<>(reversed.cleanStream());
        Collections.reverse(b);
        List<BankEvent> applications = b.stream().filter(e -> e.data() instanceof LoanApplied).toList();
        List<BankEvent> children = b.stream().filter(e -> !(e.data() instanceof LoanApplied)).toList();
        double duplicatesBefore = duplicates();
        send(children);
        awaitRecorded(children);
        assertThat(children).filteredOn(e -> e.source().equals(reversed.source()))
                .allSatisfy(e -> assertThat(status(e.source(), e.id())).as(e.id()).isEqualTo("PARKED"));
        send(children);
        send(applications);
        send(b);
        awaitAllDecided(reversed, b);
        awaitDuplicatesCounted(duplicatesBefore, children.size() + b.size());

        // C: every event twice, in a seeded random order, sent in bulk so that children, parents and
        // repeats meet in the same consumed batch
        List<BankEvent> c = shuffled.cleanStream();
        List<BankEvent> doubled = new ArrayList<>(c);
        doubled.addAll(c);
        Collections.shuffle(doubled, new Random(20260301));
        duplicatesBefore = duplicates();
        sendAll(doubled);
        awaitAllDecided(shuffled, c);
        awaitDuplicatesCounted(duplicatesBefore, c.size());

        Map<String, List<String>> ledgerA = ledger(clean);
        assertThat(ledgerA).allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());
        assertThat(ledgerA.get("loan_contract")).hasSize(7);
        assertThat(ledgerA.get("interest_payment")).hasSize(10);
        assertThat(ledgerA.get("intake_event")).hasSize(a.size()).allSatisfy(row -> assertThat(row).contains("status=ACCEPTED"));
        assertThat(ledger(reversed)).isEqualTo(ledgerA);
        assertThat(ledger(shuffled)).isEqualTo(ledgerA);

        for (Variant v : List.of(clean, reversed, shuffled)) {
            List<BankEvent> events = v.cleanStream();
            assertThat(count("SELECT COUNT(*) FROM parked_event WHERE " + scope(), v.source(), v.prefix() + "%"))
                    .as("parked events of %s", v.bank()).isZero();
            assertExactlyOneAcceptedOutcomeEach(events);
        }
    }

    @Test
    void anInsurersPaymentsAndCancellationWaitForTheirPolicyAndRepeatsChangeNothing() {
        String insurer = "ORDER-INS";
        String source = EventSource.insurer(insurer);
        List<BankEvent> story = TestEvents.techPolicy(insurer, "ordI-", 26, TechPolicyLine.DELIVERY_ASSURANCE);
        List<BankEvent> children = story.subList(1, story.size());
        double duplicatesBefore = duplicates();

        send(children);
        awaitRecorded(children);
        children.forEach(e -> assertThat(status(source, e.id())).as(e.id()).isEqualTo("PARKED"));
        send(children); // repeats while parked
        send(story.subList(0, 1)); // the policy releases them
        story.forEach(e -> assertThat(awaitStatus(source, e.id())).as(e.id()).isEqualTo("ACCEPTED"));
        send(story); // the whole story once more
        awaitDuplicatesCounted(duplicatesBefore, children.size() + story.size());

        assertThat(jdbc.queryForList("SELECT line, uscc, premium, start_on, end_on FROM tech_policy WHERE insurer_code = ?", insurer))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("line")).isEqualTo("DELIVERY_ASSURANCE");
                    assertThat(row.get("uscc")).isEqualTo(TestEvents.uscc(26));
                    assertThat((BigDecimal) row.get("premium")).isEqualByComparingTo("60000.00");
                });
        assertThat(count("SELECT COUNT(*) FROM tech_policy_qualification WHERE insurer_code = ?", insurer)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM tech_premium_payment WHERE insurer_code = ?", BigDecimal.class,
                insurer)).isEqualByComparingTo("60000.00");
        assertThat(count("SELECT COUNT(*) FROM tech_premium_payment WHERE insurer_code = ?", insurer)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM tech_policy_cancellation WHERE insurer_code = ?", insurer)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM parked_event WHERE source = ?", source)).isZero();
        assertExactlyOneAcceptedOutcomeEach(story);
        // the outcome names the insurer where a bank's names the bank: codes are one namespace
        assertThat(awaitPublished(source, story.stream().map(BankEvent::id).toList()).values()).allSatisfy(outcomes ->
                assertThat(outcomes).singleElement().satisfies(o -> {
                    assertThat(o.bankCode()).isEqualTo(insurer);
                    assertThat(o.topic()).isEqualTo(Topics.insurerEvents(insurer));
                }));
    }

    /** Every event of the stream is answered once on tf.intake.outcomes.v1, as accepted; repeats are not answered. */
    private void assertExactlyOneAcceptedOutcomeEach(List<BankEvent> events) {
        awaitOutboxRelayed(); // a wrong second answer would be relayed by now: its absence means something
        Map<String, List<String>> idsBySource = events.stream()
                .collect(Collectors.groupingBy(BankEvent::source, Collectors.mapping(BankEvent::id, Collectors.toList())));
        idsBySource.forEach((source, ids) -> {
            Map<String, List<IntakeOutcome>> published = awaitPublished(source, ids);
            assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            published.forEach((id, outcomes) -> {
                assertThat(outcomes).as("outcomes of %s", id).hasSize(1);
                assertThat(outcomes.get(0).status()).as(id).isEqualTo(IntakeOutcome.Status.ACCEPTED);
            });
        });
    }

    /** The variant's bank events, and its credit-platform events (that source is shared: scoped by id prefix). */
    private static String scope() {
        return "(source = ? OR (source = 'credit-platform' AND event_id LIKE ?))";
    }

    /** Waits until intake has recorded each of {@code events}, parked or decided. */
    private void awaitRecorded(List<BankEvent> events) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> events.stream().allMatch(e -> status(e.source(), e.id()) != null));
    }

    /** Waits until every event of the variant has a final outcome (accepted or rejected, not parked). */
    private void awaitAllDecided(Variant v, List<BankEvent> events) {
        long distinct = events.stream().map(e -> e.source() + " " + e.id()).distinct().count();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> count(
                "SELECT COUNT(*) FROM intake_event WHERE status <> 'PARKED' AND " + scope(), v.source(), v.prefix() + "%") == distinct);
    }

    private double duplicates() {
        return meters.get("intake.events").tag("outcome", "duplicate").counter().count();
    }

    /** Waits until intake has consumed (and dropped) the repeats sent: they leave no other trace. */
    private void awaitDuplicatesCounted(double before, int sent) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> duplicates() - before >= sent);
    }

    /**
     * Every ledger row of the variant and its intake_event rows, as text without the surrogate key,
     * the recording time, the change-feed batch and Kafka coordinates, the variant's bank code and prefix replaced by
     * placeholders, sorted: two variants that recorded the same facts give equal maps.
     */
    private Map<String, List<String>> ledger(Variant v) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : BANK_TABLES) {
            tables.put(table, dump(v, "SELECT * FROM " + table + " WHERE bank_code = ?", v.bank()));
        }
        for (String table : CREDIT_TABLES) {
            tables.put(table, dump(v, "SELECT * FROM " + table + " WHERE event_id LIKE ?", v.prefix() + "%"));
        }
        tables.put("intake_event", dump(v, "SELECT source, event_id, event_type, event_time, status, fact_key, violations"
                + " FROM intake_event WHERE " + scope(), v.source(), v.prefix() + "%"));
        return tables;
    }

    private List<String> dump(Variant v, String sql, Object... args) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(sql, args)) {
            Map<String, String> normalized = new LinkedHashMap<>();
            new TreeMap<>(row).forEach((column, value) -> {
                if (!LOCAL_COLUMNS.contains(column.toLowerCase())) {
                    normalized.put(column.toLowerCase(), normalize(v, value));
                }
            });
            rows.add(normalized.toString());
        }
        Collections.sort(rows);
        return rows;
    }

    private static String normalize(Variant v, Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return text.replace(v.bank(), "<bank>").replace(v.prefix(), "<prefix>");
    }
}
