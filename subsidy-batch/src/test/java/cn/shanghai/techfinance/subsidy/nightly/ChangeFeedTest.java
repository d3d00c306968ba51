package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.intake.consume.InboundRecord;
import cn.shanghai.techfinance.intake.consume.IntakeMetrics;
import cn.shanghai.techfinance.intake.consume.IntakeProcessor;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore;
import cn.shanghai.techfinance.intake.ledger.LedgerWriter;
import cn.shanghai.techfinance.outbox.Outbox;
import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.Batches;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly discovery reads intake's change feed: a ledger transaction that commits after a night
 * ran is read by the next night, a rolled-back one leaves no gap, and a night reads its new batches
 * only, however long the history behind or after them. Intake's transactions are driven here by its
 * own {@link IntakeProcessor}, on the test's threads, so that a test can hold one open or fail it at
 * its commit; each story has its own bank code (LoanStories numbers event ids per bank).
 */
class ChangeFeedTest extends EndToEndTest {

    private static final BankEventCodec CODEC = new BankEventCodec();
    /** Kafka coordinates for the records handed to intake directly: recorded, never read back. */
    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000_000L);
    /** The night that reads what a test left unread, and the days before it for further sweeps: dates no other test runs. */
    private static final LocalDate FIRST_SWEEP = LocalDate.of(2026, 2, 23);
    private static final AtomicLong SWEEPS = new AtomicLong();

    @Autowired
    NightlyRuns runs;

    @Test
    void aTransactionThatCommitsAfterANightIsReadByTheNextNight() throws Exception {
        // its rows stamped 10 minutes before it commits: the former recorded_at overlap (5 minutes) lost it for ever
        IntakeProcessor slow = processor(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong lateBatch = new AtomicLong();
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> transactions().executeWithoutResult(s -> {
            slow.process(records(LoanStoriesAccess.hkzdFirm("FEED-LATE", "late", 7_500_001)));
            lateBatch.set(batchOf("FEED-LATE"));
            written.countDown();
            try {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(written.await(60, TimeUnit.SECONDS)).isTrue();
        // meanwhile another transaction opens its batch after the late one's, and commits
        commit(LoanStoriesAccess.hkzdFirm("FEED-ONTIME", "ontime", 7_500_002));
        long onTimeBatch = batchOf("FEED-ONTIME");
        assertThat(onTimeBatch).isGreaterThan(lateBatch.get());

        night(LocalDate.of(2026, 2, 25));
        assertThat(units("FEED-ONTIME")).isEqualTo(2);
        assertThat(units("FEED-LATE")).as("not committed when the night read the ledger").isZero();

        release.countDown();
        late.get(60, TimeUnit.SECONDS);
        // numbered at its commit: after the batch opened later but committed first
        assertThat(seqOf(lateBatch.get())).isGreaterThan(seqOf(onTimeBatch));

        night(LocalDate.of(2026, 2, 26));
        assertThat(units("FEED-LATE")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM claim WHERE bank_code = 'FEED-LATE' AND status = 'COMPUTED'")).isEqualTo(2);
        assertFeedHasNoGaps();
    }

    @Test
    void aBatchRolledBackAfterTakingItsNumberLeavesNoGap() {
        IntakeProcessor processor = processor(Clock.systemUTC());
        AtomicLong doomedBatch = new AtomicLong();
        AtomicLong doomedSeq = new AtomicLong();
        assertThatThrownBy(() -> transactions().executeWithoutResult(s -> {
            processor.process(records(LoanStoriesAccess.hkzdFirm("FEED-DOOMED", "doomed", 7_500_003)));
            doomedBatch.set(batchOf("FEED-DOOMED"));
            // registered after the ledger's numbering: runs once the batch has taken its number, and fails the commit
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    doomedSeq.set(seqOf(doomedBatch.get()));
                    throw new IllegalStateException("simulated failure at the commit");
                }
            });
        })).hasMessageContaining("simulated failure at the commit");
        assertThat(doomedSeq.get()).as("the number the rolled-back batch had taken").isPositive();
        assertThat(ledger().queryForObject("SELECT COUNT(*) FROM ledger_batch WHERE id = ?", Integer.class, doomedBatch.get()))
                .isZero();

        commit(LoanStoriesAccess.hkzdFirm("FEED-NEXT", "next", 7_500_004));
        // the number came back: the next batch to commit took it (this one, unless intake's consumer committed first)
        assertThat(seqOf(batchOf("FEED-NEXT"))).isGreaterThanOrEqualTo(doomedSeq.get());
        assertThat(ledger().queryForObject("SELECT COUNT(*) FROM ledger_batch WHERE seq = ?", Integer.class, doomedSeq.get()))
                .isEqualTo(1);
        assertFeedHasNoGaps();

        night(LocalDate.of(2026, 2, 27));
        assertThat(units("FEED-NEXT")).isEqualTo(2);
        assertThat(units("FEED-DOOMED")).isZero();
        assertThat(jdbc.queryForObject("SELECT read_through FROM ledger_watermark WHERE id = 1", Long.class))
                .isGreaterThanOrEqualTo(seqOf(batchOf("FEED-NEXT")));
    }

    /**
     * The night's cost follows its new facts: the rows the database reads for a window of one batch
     * (counted by the server's handler counters, on a connection of its own) are the same with ten
     * times as much history after the window, and for a like window behind that history.
     */
    @Test
    void aNightReadsItsNewBatchesNotTheHistory() throws SQLException {
        Batches first = window(LoanStoriesAccess.everyDiscoveredKind("FEED-C1", "c1", 7_500_010));
        long readForFirst = rowsRead(first);
        for (int i = 0; i < 10; i++) {
            commit(LoanStoriesAccess.everyDiscoveredKind("FEED-H" + i, "h" + i, 7_500_020 + 2 * i));
        }
        Batches last = window(LoanStoriesAccess.everyDiscoveredKind("FEED-C2", "c2", 7_500_050));

        long readForFirstAgain = rowsRead(first);
        long readForLast = rowsRead(last);
        long history = ledger().queryForObject("SELECT (SELECT COUNT(*) FROM loan_contract) + (SELECT COUNT(*) FROM insurance_policy)"
                + " + (SELECT COUNT(*) FROM premium_payment) + (SELECT COUNT(*) FROM loan_settlement)"
                + " + (SELECT COUNT(*) FROM policy_cancellation) + (SELECT COUNT(*) FROM interest_payment)"
                + " + (SELECT COUNT(*) FROM loan_default)", Long.class);
        System.out.printf("ChangeFeedTest: a window of one batch read %d rows (%d with more history after it, %d for a like"
                + " window after that history); the tables it reads hold %d%n", readForFirst, readForFirstAgain, readForLast, history);
        assertThat(readForFirstAgain).as("history after the window").isEqualTo(readForFirst);
        assertThat(readForLast).as("history before the window").isEqualTo(readForFirst);
        assertThat(readForFirst).isLessThan(history);

        // and the window gives exactly its own facts
        LedgerReader reader = new LedgerReader(ledger());
        assertThat(reader.lydApprovalsTouchedIn(first)).extracting(u -> u.bankCode() + " " + u.approvalNo())
                .containsExactly("FEED-C1 P-c1L");
        assertThat(reader.hkzdInstalmentsIn(first)).extracting(u -> u.contractNo() + "#" + u.installmentNo())
                .containsExactly("HC-c1H#1");
        assertThat(reader.defaultsIn(first)).extracting(d -> d.contractNo()).containsExactly("HC-c1H");
        assertThat(reader.lydPolicyCancellationsIn(first)).extracting(c -> c.policyNo()).containsExactly("Y-c1L");
    }

    /**
     * What this class's stories would leave for the next test's night in the same fork (its job
     * repository and ledger are shared), claimed as their nights would leave them: the facts no
     * night has read yet (the last test reads its windows without a night) through a night of a
     * date no other test runs, then every FEED-* unit still due. Left, they would be computed by the
     * next night of whatever test comes next, and counted in its steps (WorkedExamplesEndToEndTest's).
     */
    @AfterEach
    void leaveNothingDue() {
        if (jdbc.queryForObject("SELECT read_through FROM ledger_watermark WHERE id = 1", Long.class)
                < ledger().queryForObject("SELECT last_seq FROM ledger_sequence", Long.class)) {
            // a night of a date run before would end at once, reading nothing: one date per sweep
            night(FIRST_SWEEP.minusDays(SWEEPS.getAndIncrement()));
        }
        jdbc.update("UPDATE claim_unit SET state = 'CLAIMED' WHERE bank_code LIKE 'FEED-%' AND state <> 'CLAIMED'");
    }

    /** Rows the database server read to run the discovery's four queries over {@code batches}. */
    private static long rowsRead(Batches batches) throws SQLException {
        var db = SharedInfrastructure.mariaDb();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(LEDGER_SCHEMA), db.username(), db.password())) {
            LedgerReader reader = new LedgerReader(new JdbcTemplate(new SingleConnectionDataSource(c, true)));
            discover(reader, batches); // once before counting: opening the tables reads their statistics, also through handlers
            long before = handlerReads(c);
            discover(reader, batches);
            return handlerReads(c) - before;
        }
    }

    private static void discover(LedgerReader reader, Batches batches) {
        reader.lydApprovalsTouchedIn(batches);
        reader.hkzdInstalmentsIn(batches);
        reader.defaultsIn(batches);
        reader.lydPolicyCancellationsIn(batches);
    }

    /** The session's Handler_read_* counters, summed: every row an engine handed to the server. */
    private static long handlerReads(Connection c) throws SQLException {
        long reads = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
            while (rs.next()) {
                reads += rs.getLong(2);
            }
        }
        return reads;
    }

    /** Every committed batch has a number, the numbers run 1…last without a gap, and the counter is at the last. */
    private static void assertFeedHasNoGaps() {
        Map<String, Object> feed = ledger().queryForMap("SELECT COUNT(*) AS batches, COUNT(DISTINCT seq) AS numbers,"
                + " MIN(seq) AS first, MAX(seq) AS last, (SELECT last_seq FROM ledger_sequence WHERE id = 1) AS counter FROM ledger_batch");
        long batches = ((Number) feed.get("batches")).longValue();
        assertThat(((Number) feed.get("numbers")).longValue()).as("numbered batches").isEqualTo(batches);
        assertThat(((Number) feed.get("first")).longValue()).isEqualTo(1);
        assertThat(((Number) feed.get("last")).longValue()).as("last number").isEqualTo(batches);
        assertThat(((Number) feed.get("counter")).longValue()).isEqualTo(batches);
    }

    /** Commits the events in one intake transaction; returns the window of that one batch. */
    private Batches window(List<BankEvent> events) {
        commit(events);
        long seq = seqOf(batchOf(EventSource.bankCode(events.get(0).source()).orElseThrow()));
        return new Batches(seq - 1, seq);
    }

    /** Intake's own processing of the events, in one transaction of its own, committed. */
    private void commit(List<BankEvent> events) {
        transactions().executeWithoutResult(s -> processor(Clock.systemUTC()).process(records(events)));
    }

    /** The ledger batch of the bank's facts (each bank of this test has one), as intake's connection sees it. */
    private static long batchOf(String bank) {
        return ledger().queryForObject("SELECT DISTINCT batch_id FROM loan_application WHERE bank_code = ?", Long.class, bank);
    }

    private static long seqOf(long batchId) {
        return ledger().queryForObject("SELECT seq FROM ledger_batch WHERE id = ?", Long.class, batchId);
    }

    /** Intake's processor with intake's own collaborators, on the given clock (when its rows are stamped). */
    private static IntakeProcessor processor(Clock clock) {
        var c = intake();
        return new IntakeProcessor(c.getBean(BankEventCodec.class), c.getBean(IntakeEventStore.class), c.getBean(LedgerWriter.class),
                c.getBean(Outbox.class), c.getBean(IntakeMetrics.class), clock, c.getBean(PlatformTransactionManager.class));
    }

    private static TransactionTemplate transactions() {
        return new TransactionTemplate(intake().getBean(PlatformTransactionManager.class));
    }

    /** Intake's ledger through intake's own data source: inside a transaction of intake, on its connection. */
    private static JdbcTemplate ledger() {
        return new JdbcTemplate(intake().getBean(DataSource.class));
    }

    /** The events as the records intake would have consumed from their bank's topic. */
    private static List<InboundRecord> records(List<BankEvent> events) {
        return events.stream().map(e -> new InboundRecord(Topics.bankEvents(EventSource.bankCode(e.source()).orElseThrow()), 0,
                OFFSETS.incrementAndGet(), e.id().getBytes(StandardCharsets.UTF_8), CODEC.encode(e))).toList();
    }

    private void night(LocalDate businessDate) {
        assertThat(runs.runToEnd(businessDate).getStatus()).as("night of %s", businessDate).isEqualTo(BatchStatus.COMPLETED);
    }

    private int units(String bank) {
        return count("SELECT COUNT(*) FROM claim_unit WHERE bank_code = ?", bank);
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
