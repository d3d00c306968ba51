package cn.shanghai.techfinance.notifier;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Outcomes and claim events as intake-service and subsidy-batch publish them. */
final class TestData {

    private TestData() {
    }

    /** A valid USCC, distinct for each n. */
    static String uscc(int n) {
        return Uscc.withCheckCharacter(String.format("91310115MA%07d", n));
    }

    static IntakeOutcome accepted(String bankCode, String eventId) {
        return new IntakeOutcome(eventId, EventSource.bank(bankCode), bankCode, "loan.applied.v1", IntakeOutcome.Status.ACCEPTED,
                List.of(), Topics.bankEvents(bankCode), 0, 10L, Instant.parse("2025-10-01T01:00:00.123Z"));
    }

    static IntakeOutcome rejected(String bankCode, String eventId) {
        return new IntakeOutcome(eventId, EventSource.bank(bankCode), bankCode, "loan.disbursed.v1", IntakeOutcome.Status.REJECTED,
                List.of(new Violation("data.maturityOn", RejectionCode.INCONSISTENT, "maturityOn is not after disbursedOn")),
                Topics.bankEvents(bankCode), 1, 11L, Instant.parse("2025-10-01T01:00:01Z"));
    }

    /** The id subsidy-batch gives the LYD claim on approval {@code approvalNo} (ClaimRecord.claimId): the name-based UUID of its key. */
    static String lydClaimId(String bankCode, String approvalNo) {
        return claimId("LYD_PREMIUM:" + bankCode + ":" + approvalNo);
    }

    /** The id subsidy-batch gives the HKZD claim on instalment {@code installmentNo} of {@code contractNo}. */
    static String hkzdClaimId(String bankCode, String contractNo, int installmentNo) {
        return claimId("HKZD_INTEREST:" + bankCode + ":" + contractNo + "#" + installmentNo);
    }

    private static String claimId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A claim of the LYD programme on approval {@code approvalNo}, at {@code version} in {@code status}. */
    static ClaimEvent lydClaim(String bankCode, String uscc, String approvalNo, long version, ClaimEvent.Status status) {
        return lydClaim(lydClaimId(bankCode, approvalNo), bankCode, uscc, approvalNo, version, status);
    }

    /** The same, under the id {@code claimId}, whatever it is. */
    static ClaimEvent lydClaim(String claimId, String bankCode, String uscc, String approvalNo, long version, ClaimEvent.Status status) {
        boolean published = status == ClaimEvent.Status.PUBLISHED;
        return new ClaimEvent(claimId, version, ClaimEvent.Program.LYD_PREMIUM, bankCode,
                uscc, "A-" + approvalNo, approvalNo, null, null, LocalDate.of(2026, 3, 15), new BigDecimal("45000.00"),
                new BigDecimal("0.50"), new BigDecimal("22500.00"), status, List.of(), "2025.1",
                published ? LocalDate.of(2026, 3, 20) : null, Instant.parse("2026-03-16T02:00:00Z").plusSeconds(version));
    }

    /** An HKZD interest claim on instalment {@code installmentNo} of {@code contractNo}. */
    static ClaimEvent hkzdClaim(String bankCode, String uscc, String contractNo, int installmentNo, long version,
                                ClaimEvent.Status status) {
        return new ClaimEvent(hkzdClaimId(bankCode, contractNo, installmentNo), version,
                ClaimEvent.Program.HKZD_INTEREST, bankCode, uscc, "A-" + contractNo, "P-" + contractNo, contractNo, installmentNo,
                LocalDate.of(2026, 1, 20), new BigDecimal("12000.00"), new BigDecimal("0.70"), new BigDecimal("8400.00"), status,
                List.of("RATE_CAPPED"), "HKZD-2025.1", null, Instant.parse("2026-01-21T00:00:00Z").plusSeconds(version));
    }
}
