package cn.shanghai.techfinance.reliability;

import cn.shanghai.techfinance.benchmarks.Traffic;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One scenario's intake: the banks streaming the traffic in an order of the scenario's, the
 * outcomes read as they come, and the consumer group's lag; done when every event has an outcome
 * and every record sent, repeats included, is committed.
 */
final class Intake implements AutoCloseable {

    /** How long without a new outcome, with records still uncommitted, before a scenario gives up. */
    static final Duration QUIET_LIMIT = Duration.ofSeconds(180);

    /** What the ledger holds after a run: every intake table but the outbox's and Flyway's bookkeeping. */
    static boolean isLedgerTable(String table) {
        return !table.endsWith("schema_history") && !table.startsWith("outbox_") && !table.equals("ledger_batch")
                && !table.equals("ledger_sequence");
    }

    private final ReliabilitySystem system;
    private final Traffic traffic;
    private final Set<String> eventKeys;
    private final OutcomeLog outcomes;
    private final IntakeLag lag;
    private final BankStreams banks;
    private final long startedNanos = System.nanoTime();
    /** When intake was last (re)started: its start-up is not a silence to give up on. */
    private volatile long restartedNanos = System.nanoTime();

    /** Starts reading the outcomes, then the banks' sending of {@code order}. */
    Intake(ReliabilitySystem system, Traffic traffic, List<Integer> order) {
        this.system = system;
        this.traffic = traffic;
        this.eventKeys = Set.copyOf(traffic.eventKeys);
        this.outcomes = new OutcomeLog(system.access().admin());
        this.lag = new IntakeLag(system.access().admin());
        this.banks = new BankStreams(system.access(), traffic, order);
    }

    OutcomeLog outcomes() {
        return outcomes;
    }

    /** The consumer group's lag now, in records. */
    long lag() {
        try {
            return lag.records();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read intake's lag: " + e, e);
        }
    }

    /** Seconds the banks took to send everything (once drained). */
    double sendSeconds() {
        return banks.sendSeconds();
    }

    /** Waits until the outcomes count {@code answered} events, or every event is answered. */
    void awaitAnswered(int answered) throws Exception {
        waitFor(() -> outcomes.answered() >= Math.min(answered, eventKeys.size()), "outcomes of " + answered + " events");
    }

    /** intake has just been restarted and is ready, or what it needs is back: a silence before this is no reason to give up. */
    void restarted() {
        restartedNanos = System.nanoTime();
    }

    /** Waits until an outcome sent after {@code epochMillis} arrives, or every event is answered. */
    void awaitOutcomeSince(long epochMillis) throws Exception {
        waitFor(() -> outcomes.sentSince(epochMillis) || outcomes.answered() >= eventKeys.size(), "an outcome after the restart");
    }

    /** Waits until every line is sent, every event answered and the group's lag is 0; returns the seconds since the streams began. */
    double awaitDrained() throws Exception {
        waitFor(() -> banks.allSent() && outcomes.answered() >= eventKeys.size() && eventKeys.stream().allMatch(outcomes::hasAnswered)
                && lag.records() == 0, "every event answered and committed");
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void waitFor(Condition condition, String what) throws Exception {
        long lastReport = 0;
        while (!condition.holds()) {
            Duration sinceRestart = Duration.ofNanos(System.nanoTime() - restartedNanos);
            if (outcomes.quietFor().compareTo(QUIET_LIMIT) > 0 && sinceRestart.compareTo(QUIET_LIMIT) > 0) {
                throw new IllegalStateException("waiting for " + what + ": no outcome for " + QUIET_LIMIT.toSeconds() + " s, "
                        + outcomes.answered() + " of " + eventKeys.size() + " events answered, lag " + lag.records()
                        + " records; see " + system.logs());
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
                lastReport = System.nanoTime();
                ReliabilityRun.progress("intake: " + outcomes.answered() + "/" + eventKeys.size() + " events answered ("
                        + outcomes.records() + " outcomes), lag " + lag.records());
            }
            Thread.sleep(250);
        }
    }

    /** The ledger's contents. */
    TableContents ledger() throws SQLException {
        try (Connection c = system.rootConnection("intake")) {
            return TableContents.read(c, "intake", Intake::isLedgerTable);
        }
    }

    /** intake_event rows by status (ACCEPTED, REJECTED, and any still PARKED). */
    Map<String, Long> eventsByStatus() throws SQLException {
        Map<String, Long> byStatus = new TreeMap<>();
        try (Connection c = system.rootConnection("intake"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM intake_event GROUP BY status")) {
            while (rs.next()) {
                byStatus.put(rs.getString(1), rs.getLong(2));
            }
        }
        return byStatus;
    }

    @Override
    public void close() throws InterruptedException {
        lag.close();
        outcomes.close();
    }
}
