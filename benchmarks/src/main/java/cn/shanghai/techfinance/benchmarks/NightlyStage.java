package cn.shanghai.techfinance.benchmarks;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One night over the whole intake traffic, started and followed through subsidy-batch's run API as
 * an operator (and the local run) does: dated the traffic's last business date, with no night run
 * before, so that every trigger of the traffic is due in it — the business date with the most due
 * triggers the traffic has.
 */
public final class NightlyStage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Result(LocalDate businessDate, long dueTriggers, long claims, long rowsWritten, double seconds, double claimsPerSecond,
                  String steps) {
    }

    private final ApiCaller api;

    public NightlyStage(HttpClient http, String base, String token) {
        this.api = new ApiCaller(http, base, token, Duration.ofSeconds(30));
    }

    /** A night run to its end: its execution, the job's own wall time (as its repository records it), when the driver saw it end. */
    public record Night(long executionId, double seconds, long seenCompletedMillis) {
    }

    /** The night of {@code date} with its claims, due triggers, rows written and steps. */
    Result run(LocalDate date) throws Exception {
        long rowsBefore = Rows.written("subsidy");
        // seldom: each look loads the job's step executions in subsidy-batch, on the same cores
        Night night = runToEnd(date, Duration.ofSeconds(2));
        long executionId = night.executionId();
        double seconds = night.seconds();
        StringBuilder steps = new StringBuilder();
        long claims;
        long due;
        try (Connection c = BenchSystem.rootConnection("subsidy")) {
            claims = count(c, "SELECT COUNT(*) FROM claim WHERE computed_for = ?", date);
            due = count(c, "SELECT COUNT(*) FROM claim_unit WHERE due_on <= ?", date);
            // each step's own time, from the job repository: where the night's time goes
            try (PreparedStatement s = c.prepareStatement("SELECT STEP_NAME, READ_COUNT, WRITE_COUNT,"
                    + " TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID")) {
                s.setLong(1, executionId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        steps.append(steps.length() == 0 ? "" : ", ").append(rs.getString(1)).append(" read ").append(rs.getLong(2))
                                .append(" written ").append(rs.getLong(3)).append(String.format(" in %.1f s", rs.getLong(4) / 1e6));
                    }
                }
            }
        }
        long rows = Rows.written("subsidy") - rowsBefore;
        return new Result(date, due, claims, rows, seconds, claims / seconds, steps.toString());
    }

    /** Starts the night of {@code date} through the run API and waits for it to complete, looking every {@code poll}. */
    public Night runToEnd(LocalDate date, Duration poll) throws Exception {
        return awaitEnd(date, launch(date), poll);
    }

    /** Starts the night of {@code date} through the run API (or restarts a failed one, or finds it running); returns its execution's id. */
    public long launch(LocalDate date) throws Exception {
        return JSON.readTree(call("POST", "/api/v1/runs/nightly?date=" + date, 202)).get("executionId").longValue();
    }

    /** The execution's status as the run API reports it: STARTED, COMPLETED, FAILED… */
    public String status(long executionId) throws Exception {
        return JSON.readTree(call("GET", "/api/v1/runs/" + executionId, 200)).get("status").stringValue();
    }

    /** The last execution of the night of {@code date}, as {@code "<id> <status>"}: it may be a later one than was launched (a restart). */
    public String last(LocalDate date) throws Exception {
        JsonNode run = JSON.readTree(call("GET", "/api/v1/runs/nightly?date=" + date, 200));
        return run.get("executionId").longValue() + " " + run.get("status").stringValue();
    }

    /** Waits for the night's execution {@code executionId} to complete, looking every {@code poll}; fails if it ends otherwise. */
    public Night awaitEnd(LocalDate date, long executionId, Duration poll) throws Exception {
        JsonNode run;
        while (true) {
            run = JSON.readTree(call("GET", "/api/v1/runs/" + executionId, 200));
            String status = run.get("status").stringValue();
            if (status.equals("COMPLETED")) {
                break;
            }
            if (status.equals("FAILED") || status.equals("STOPPED") || status.equals("ABANDONED")) {
                throw new IllegalStateException("the night of " + date + " ended " + status + ": " + run.get("exitDescription"));
            }
            StringBuilder steps = new StringBuilder();
            run.get("steps").values().forEach(s -> steps.append(' ').append(s.get("name").stringValue()).append('=')
                    .append(s.get("writeCount").longValue()));
            BenchmarkRun.progress("nightly " + date + ":" + steps);
            Thread.sleep(poll.toMillis());
        }
        long seen = System.currentTimeMillis();
        double seconds = Duration.between(LocalDateTime.parse(run.get("startTime").stringValue()),
                LocalDateTime.parse(run.get("endTime").stringValue())).toMillis() / 1000.0;
        return new Night(executionId, seconds, seen);
    }

    private static long count(Connection c, String sql, LocalDate date) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, date);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String call(String method, String path, int expected) throws Exception {
        return api.call(method, path, null, expected);
    }
}
