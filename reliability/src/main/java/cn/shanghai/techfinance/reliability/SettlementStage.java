package cn.shanghai.techfinance.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * A settlement made as officers and firms make one, through subsidy-batch's API: an officer
 * publishes the programme's computed claims of a period (公示), each firm confirms its own with a
 * payee account, an officer prepares the settlement (a Spring Batch job builds its payment
 * instructions, {@code S<id>-<nnnnn>}) and a second officer, the approver, approves it (复核): its
 * claims PAID. And what that leaves in the subsidy schema, to compare two runs by content.
 */
final class SettlementStage {

    /**
     * The programme settled: 沪科专贷's interest refunds, the programme with the most firms claiming in
     * a year, so that the preparation has the most instructions (one per firm) and chunks to be killed among.
     */
    static final String PROGRAM = "HKZD_INTEREST";
    /** Firms confirming at once, as many firms' accountants do. */
    private static final int CONFIRMING = 8;
    private static final Duration PREPARATION_LIMIT = Duration.ofMinutes(10);
    /** The settlement's tables and its claims' states; the settlement's own id and the write times left out. */
    private static final Map<String, String> CONTENTS = Map.of(
            "settlement", "SELECT program, period_from, period_to, state, budget_year, claim_count, total, prepared_by, prepared_on,"
                    + " approved_by, approved_on FROM settlement",
            "payment_instruction", "SELECT id, payee_uscc, payee_name, payee_account, payee_bank, amount, claim_count, status"
                    + " FROM payment_instruction",
            "settlement_claim", "SELECT claim_id, instruction_id, amount, open_claim_id, outcome FROM settlement_claim",
            "claim", "SELECT claim_id, program, status, version, amount, publication_id, published_on, confirmation_deadline, payee_name,"
                    + " payee_account, payee_bank FROM claim");

    /**
     * The claims settled: those triggered in the last quarter of 2025, as officers settle a quarter
     * early in the next. The confirmations' deadline must fall in a loaded working-day calendar
     * (working-days.md has 2025 and 2026); the traffic (2024-06 to 2027-05) covers the quarter whole.
     */
    private static final LocalDate FROM = LocalDate.of(2025, 10, 1);
    private static final LocalDate TO = LocalDate.of(2025, 12, 31);
    /** The business date of every step: the first Tuesday of 2026, a working day after New Year's holiday. */
    private static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 1, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.TUESDAY));

    private final ReliabilitySystem system;

    /** The settlement of the claims triggered in [{@link #FROM}, {@link #TO}], whose night has run. */
    SettlementStage(ReliabilitySystem system) {
        this.system = system;
    }

    /** What is settled, in words. */
    static String describe() {
        return PROGRAM + " claims triggered " + FROM + " … " + TO + ", on " + BUSINESS_DATE;
    }

    private ApiCall officer() {
        return new ApiCall(system.http(), system.subsidyBase(), system.officerToken());
    }

    private String period() {
        return "{\"program\":\"" + PROGRAM + "\",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}";
    }

    /**
     * The business date set (subsidy-batch's simulation mode: after a restart it is today's again), the period's claims published, and each confirmed by its firm; answers how many.
     */
    int publishAndConfirm() throws Exception {
        setBusinessDate();
        long id = officer().expect(201, "POST", "/api/v1/publications", period()).get("id").asLong();
        JsonNode list = officer().expect(200, "GET", "/api/v1/publications/" + id, null);
        List<Future<?>> confirmations = new ArrayList<>();
        ExecutorService firms = Executors.newFixedThreadPool(CONFIRMING);
        try {
            for (JsonNode claim : list.get("claims")) {
                String uscc = claim.get("uscc").asString();
                String claimId = claim.get("claimId").asString();
                confirmations.add(firms.submit(() -> new ApiCall(system.http(), system.subsidyBase(), system.firmToken(uscc)).expect(200,
                        "POST", "/api/v1/firms/" + uscc + "/claims/" + segment(claimId) + "/confirmation", payee(uscc))));
            }
            for (Future<?> confirmation : confirmations) {
                confirmation.get();
            }
        } finally {
            firms.shutdownNow();
        }
        return confirmations.size();
    }

    /** A claim id as one path segment. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Each firm's account: one per firm, so one instruction per firm. */
    private static String payee(String uscc) {
        String account = "6222" + String.format("%012d", Math.floorMod(uscc.hashCode(), 1_000_000_000_000L));
        return "{\"payeeName\":\"企业 " + uscc + "\",\"payeeAccount\":\"" + account + "\",\"payeeBank\":\"上海银行\"}";
    }

    void setBusinessDate() throws Exception {
        officer().put("/api/v1/business-clock", "{\"date\":\"" + BUSINESS_DATE + "\"}");
    }

    /** The officer's request to prepare the settlement; answers as subsidy-batch does (201 once prepared, 202 while the job runs). */
    ApiCall.Answer requestPreparation() throws Exception {
        return officer().send("POST", "/api/v1/settlements", period());
    }

    /** The settlement being prepared, as an officer finds it in the list after losing the answer to their request. */
    Optional<Long> preparing() throws Exception {
        for (JsonNode settlement : officer().expect(200, "GET", "/api/v1/settlements", null)) {
            if (settlement.get("state").asString().equals("PREPARING")) {
                return Optional.of(settlement.get("id").asLong());
            }
        }
        return Optional.empty();
    }

    /** The preparation of settlement {@code id} run again (restarted where its job stopped), waited for until PREPARED. */
    JsonNode resume(long id) throws Exception {
        ApiCall.Answer answer = officer().send("POST", "/api/v1/settlements/" + id + "/preparation", null);
        if (answer.status() != 200 && answer.status() != 202) {
            throw new IllegalStateException("the preparation of settlement " + id + " was not resumed: HTTP " + answer.status() + " "
                    + answer.body());
        }
        return awaitPrepared(id);
    }

    JsonNode awaitPrepared(long id) throws Exception {
        long deadline = System.nanoTime() + PREPARATION_LIMIT.toNanos();
        while (true) {
            JsonNode settlement = officer().expect(200, "GET", "/api/v1/settlements/" + id, null);
            if (!settlement.get("state").asString().equals("PREPARING")) {
                return settlement;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("settlement " + id + " was not prepared within " + PREPARATION_LIMIT.toMinutes() + " minutes");
            }
            Thread.sleep(200);
        }
    }

    /** The approver's approval (a person other than the preparer): the settlement's claims PAID. */
    JsonNode approve(long id) throws Exception {
        return new ApiCall(system.http(), system.subsidyBase(), system.approverToken()).expect(200, "POST",
                "/api/v1/settlements/" + id + "/approval", null);
    }

    /** Payment instructions written so far, by any settlement. */
    long instructions() throws Exception {
        try (Connection c = system.rootConnection("subsidy"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM payment_instruction")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    TableContents contents() throws Exception {
        try (Connection c = system.rootConnection("subsidy")) {
            return TableContents.ofQueries(c, CONTENTS);
        }
    }

    /** The whole settlement uninterrupted, from publication to approval; answers what it left. */
    TableContents uninterrupted() throws Exception {
        publishAndConfirm();
        ApiCall.Answer answer = requestPreparation();
        if (answer.status() != 201 && answer.status() != 202) {
            throw new IllegalStateException("the settlement was not prepared: HTTP " + answer.status() + " " + answer.body());
        }
        long id = answer.json().get("id").asLong();
        awaitPrepared(id);
        approve(id);
        return contents();
    }
}
