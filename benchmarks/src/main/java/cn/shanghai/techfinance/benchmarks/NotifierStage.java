package cn.shanghai.techfinance.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * The notifier draining what intake and the night left it: every bank's outcomes and claim events,
 * each recorded in the delivery ledger (PENDING) and delivered to the bank's results topic. Timed
 * by the ledger itself, from the first row recorded to the last delivered, so the notifier's
 * start-up is not counted; over the whole backlog, or its first {@code window} when it takes longer
 * (the default run has to fit in 30 minutes).
 */
final class NotifierStage {

    /** The ledger unchanged and nothing pending this long: the notifier has read everything. */
    private static final Duration SETTLED = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    record Result(long deliveredToTopics, long rows, double seconds, double deliveriesPerSecond) {
    }

    Result run(Duration window) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long lastCount = -1;
        long unchangedSince = System.nanoTime();
        try (Connection c = BenchSystem.rootConnection("notifier"); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(status = 'PENDING'), 0),"
                        + " COALESCE(SUM(channel = 'KAFKA' AND status = 'DELIVERED'), 0), MIN(created_at), MAX(delivered_at),"
                        + " TIMESTAMPDIFF(MICROSECOND, MIN(created_at), UTC_TIMESTAMP(3)) FROM delivery")) {
                    rs.next();
                    long count = rs.getLong(1);
                    long pending = rs.getLong(2);
                    long delivered = rs.getLong(3);
                    BenchmarkRun.progress("notifier: " + count + " deliveries recorded, " + delivered + " delivered to bank topics, " + pending + " pending");
                    boolean windowOver = count > 0 && rs.getLong(6) / 1e6 > window.toSeconds();
                    boolean settled = count > 0 && count == lastCount && pending == 0 && System.nanoTime() - unchangedSince > SETTLED.toNanos();
                    if (windowOver || settled) {
                        Timestamp first = rs.getTimestamp(4);
                        Timestamp last = rs.getTimestamp(5);
                        if (last == null) {
                            throw new IllegalStateException("the notifier recorded " + count + " deliveries and delivered none within " + window.toSeconds() + " s");
                        }
                        double seconds = (last.getTime() - first.getTime()) / 1000.0;
                        return new Result(delivered, count, seconds, delivered / seconds);
                    }
                    if (count != lastCount || pending > 0) {
                        lastCount = count;
                        unchangedSince = System.nanoTime();
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the notifier did not settle within " + TIMEOUT.toMinutes() + " minutes (" + lastCount + " deliveries)");
                }
                Thread.sleep(1000);
            }
        }
    }
}
