package cn.shanghai.techfinance.reliability;

import static cn.shanghai.techfinance.reliability.ReliabilityRun.CLAIM_TABLES;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.SETTLEMENT_CRASH;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.progress;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.share;
import static cn.shanghai.techfinance.reliability.ReliabilityRun.withHealth;

import cn.shanghai.techfinance.benchmarks.NightlyStage;
import cn.shanghai.techfinance.benchmarks.Traffic;
import cn.shanghai.techfinance.reliability.ReliabilityRun.Expected;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * The scenarios that strike subsidy-batch's jobs while they run: a night (its process killed, the
 * database away, a worker of the scaled layout killed) and a settlement's preparation (its process
 * killed); each compared by content with what the uninterrupted run's job left.
 */
final class JobFaults {

    /** How long a night may take to complete after a fault (its restarts included). */
    private static final Duration NIGHT_LIMIT = Duration.ofMinutes(15);

    private final ReliabilityRun.Options options;

    JobFaults(ReliabilityRun.Options options) {
        this.options = options;
    }

    /** A fault struck in the middle of a night (execution {@code executionId}), returning once it is over. */
    interface NightFault {
        void strike(NightlyStage night, LocalDate date, long executionId, List<String> notes) throws Exception;
    }

    /** subsidy-batch SIGKILLed, restarted (it marks the interrupted night FAILED), and the night launched again through the run API: restarted where it stopped. */
    static NightFault nightCrash(ReliabilitySystem system) {
        return (night, date, executionId, notes) -> {
            long killed = System.nanoTime();
            system.crashSubsidyBatch();
            system.startSubsidyBatch();
            long relaunched = night.launch(date);
            notes.add(String.format("SIGKILL; subsidy-batch ready again and the night launched again (execution %d after %d) %.0f s after",
                    relaunched, executionId, (System.nanoTime() - killed) / 1e9));
        };
    }

    /**
     * Worker 1 SIGKILLed in the middle of its slice and started again; the night goes on by itself:
     * the slice's request, never committed, goes to a worker of the group once Kafka takes the killed
     * one for gone (its session timeout), which runs the slice again.
     */
    static NightFault workerCrash(ReliabilitySystem system, SliceLogs slices) {
        return (night, date, executionId, notes) -> {
            long killed = System.nanoTime();
            notes.add("SIGKILL of worker 1 " + slices.killedIn(system.crashWorker(1)));
            system.startWorker(1);
            notes.add(String.format("worker 1 ready again %.0f s after; the night not launched again", (System.nanoTime() - killed) / 1e9));
        };
    }

    /** The database {@code down} for a while under a running night; the night must carry on by itself. */
    static NightFault databaseDownInTheNight(ReliabilityRun.Fault down) {
        return (night, date, executionId, notes) -> notes.add(down.strike().what());
    }

    /**
     * The night of the traffic's last business date (the first night of its system), struck by
     * {@code fault} once its claims reach a seeded random share of the uninterrupted night's; then
     * waited for to complete, and its claims compared with that night's.
     */
    ScenarioResult nightUnderFault(String key, String title, ReliabilitySystem system, Traffic traffic, Expected expected,
                                   NightFault fault, HealthWatch health) throws Exception {
        LocalDate date = traffic.lastBusinessDate;
        NightlyStage night = new NightlyStage(system.http(), system.subsidyBase(), system.officerToken());
        long claimsExpected = expected.claims().rowCount("claim");
        double share = share(new Random(options.seed() + key.hashCode()));
        long at = (long) (share * claimsExpected);
        List<String> notes = new ArrayList<>();
        notes.add("seed " + options.seed());
        long began = System.nanoTime();
        long executionId = night.launch(date);
        progress(key + ": night of " + date + " (execution " + executionId + "); the fault at " + at + " of " + claimsExpected + " claims");
        long claims;
        while ((claims = claims(system)) < at && night.status(executionId).equals("STARTED")) {
            Thread.sleep(100);
        }
        long struck = System.nanoTime();
        notes.add(String.format("the fault at %,d of %,d claims written (%.0f s into the night)", claims, claimsExpected, (struck - began) / 1e9));
        fault.strike(night, date, executionId, notes);
        long over = System.nanoTime();
        String completed = awaitNightCompleted(night, date);
        double recovered = (System.nanoTime() - over) / 1e9;
        notes.add(String.format("the night's last execution (%s) completed %.0f s after the fault was over", completed, recovered));
        TableContents claimTables;
        try (Connection c = system.rootConnection("subsidy")) {
            claimTables = TableContents.read(c, "subsidy", CLAIM_TABLES::contains);
        }
        long differing = claimTables.differingRows(expected.claims(), "claims ", notes);
        notes.add(String.format("claims compared: %,d rows of %s", claimTables.totalRows(), CLAIM_TABLES));
        ScenarioResult result = new ScenarioResult(key, title, claimsExpected, claimsExpected, claimTables.rowCount("claim"), 0, 0, 0, 0, 0, 0,
                differing, recovered, (System.nanoTime() - began) / 1e9, notes, null, null);
        if (health != null) {
            result = withHealth(result, health, struck);
        }
        progress(key + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
        return result;
    }

    /**
     * Waits until the night's last execution has completed, past a failed one: subsidy-batch restarts
     * a night failed on an outage by itself (NightRecovery). Returns that execution's id; gives up
     * after {@link #NIGHT_LIMIT}.
     */
    private static String awaitNightCompleted(NightlyStage night, LocalDate date) throws Exception {
        long deadline = System.nanoTime() + NIGHT_LIMIT.toNanos();
        String last = "none";
        while (System.nanoTime() < deadline) {
            try {
                last = night.last(date);
            } catch (Exception e) {
                last = "no answer: " + e.getMessage();
            }
            if (last.endsWith(" COMPLETED")) {
                return last.substring(0, last.indexOf(' '));
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the night of " + date + " did not complete within " + NIGHT_LIMIT.toMinutes() + " minutes: last " + last);
    }

    static final String SETTLEMENT_CRASH_TITLE = "subsidy-batch SIGKILLed in the middle of a settlement's preparation, restarted,"
            + " the preparation resumed";

    /**
     * The settlement of the night's claims (published, each confirmed by its firm), its preparation
     * struck once its payment instructions reach a seeded random share of the uninterrupted run's:
     * subsidy-batch SIGKILLed and started again (it marks the interrupted job FAILED), the officer
     * finds the settlement still PREPARING in the list and resumes its preparation, the approver
     * approves it. Then the settlement's tables and its claims compared with the uninterrupted run's:
     * each instruction once with its number, each claim in one instruction, each PAID once.
     */
    ScenarioResult settlementCrash(ReliabilitySystem system, Expected expected) throws Exception {
        SettlementStage settlement = new SettlementStage(system);
        List<String> notes = new ArrayList<>();
        notes.add("seed " + options.seed());
        long began = System.nanoTime();
        int confirmed = settlement.publishAndConfirm();
        long instructionsExpected = expected.settlement().rowCount("payment_instruction");
        long at = Math.max(1, (long) (share(new Random(options.seed() + SETTLEMENT_CRASH.hashCode())) * instructionsExpected));
        notes.add(String.format("%s: %,d published and confirmed by their firms in %.0f s", SettlementStage.describe(), confirmed,
                (System.nanoTime() - began) / 1e9));
        progress(SETTLEMENT_CRASH + ": preparing; the fault at " + at + " of " + instructionsExpected + " payment instructions");
        String unmet = null;
        ExecutorService officer = Executors.newSingleThreadExecutor();
        try {
            long asked = System.nanoTime();
            Future<ApiCall.Answer> request = officer.submit(settlement::requestPreparation);
            long written;
            while ((written = settlement.instructions()) < at && !request.isDone()) {
                Thread.sleep(20);
            }
            if (request.isDone()) {
                unmet = "the preparation ended before the fault (" + request.get().status() + " with " + written + " instructions)";
            }
            long struck = System.nanoTime();
            system.crashSubsidyBatch();
            notes.add(String.format("SIGKILL at %,d of %,d payment instructions written (%.1f s into the preparation)", written,
                    instructionsExpected, (struck - asked) / 1e9));
            try {
                notes.add("the officer's request answered HTTP " + request.get().status());
            } catch (ExecutionException lost) {
                notes.add("the officer's request lost its answer (" + lost.getCause().getClass().getSimpleName() + ")");
            }
        } finally {
            officer.shutdownNow();
        }
        system.startSubsidyBatch();
        long over = System.nanoTime();
        settlement.setBusinessDate();
        long id = settlement.preparing().orElseThrow(() -> new IllegalStateException("no settlement PREPARING after the restart"));
        JsonNode prepared = settlement.resume(id);
        double recovered = (System.nanoTime() - over) / 1e9;
        notes.add(String.format("settlement %d still PREPARING in the list after the restart; its preparation resumed: %s %.0f s after the"
                + " restart, %d instructions, %s", id, prepared.get("state").asString(), recovered, prepared.get("instructions").size(),
                "control total " + prepared.get("controlTotal").decimalValue().setScale(2).toPlainString()));
        settlement.approve(id);
        TableContents contents = settlement.contents();
        long differing = contents.differingRows(expected.settlement(), "", notes);
        notes.add(String.format("approved by another person; compared: %,d rows of settlement, payment_instruction, settlement_claim and"
                + " every claim's state", contents.totalRows()));
        long settled = contents.rowCount("settlement_claim");
        ScenarioResult result = new ScenarioResult(SETTLEMENT_CRASH, SETTLEMENT_CRASH_TITLE, confirmed, expected.settlement()
                .rowCount("settlement_claim"), settled, 0, 0, 0, 0, 0, 0, differing, recovered, (System.nanoTime() - began) / 1e9, notes, unmet, null);
        progress(SETTLEMENT_CRASH + ": " + (result.passed() ? "passed" : "FAILED") + " " + result);
        return result;
    }

    private static long claims(ReliabilitySystem system) throws SQLException {
        try (Connection c = system.rootConnection("subsidy"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM claim")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
