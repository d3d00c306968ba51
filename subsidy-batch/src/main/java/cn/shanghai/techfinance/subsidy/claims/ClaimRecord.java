package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A stored claim (table {@code claim}). {@code confirmationDeadline} is its confirmBy once published;
 * {@code payee} is set when its firm confirms; {@code settlementId} is the latest settlement that
 * held it (read from the settlements, never written through the claim).
 */
public record ClaimRecord(
        String claimId,
        Program program,
        String bankCode,
        String uscc,
        String applicationNo,
        String approvalNo,
        String contractNo,
        Integer installmentNo,
        LocalDate triggerDate,
        BigDecimal baseAmount,
        BigDecimal ratio,
        BigDecimal amount,
        ClaimStatus status,
        List<ReasonCode> reasons,
        String ruleVersion,
        long version,
        LocalDate computedFor,
        LocalDate confirmationDeadline,
        LocalDate publishedOn,
        Payee payee,
        Long settlementId) {

    public ClaimRecord {
        reasons = List.copyOf(reasons);
    }

    /**
     * The claim's id: the name-based UUID (version 3) of its key {@code LYD_PREMIUM:<bank>:<approvalNo>} (one per
     * approval), {@code HKZD_INTEREST:<bank>:<contractNo>#<installmentNo>} (one per instalment) or
     * {@code TECH_INSURANCE_PREMIUM:<insurer>:<policyNo>} (one per policy, its policyNo in approvalNo), in UTF-8, as
     * lowercase text. URL-safe whatever the banks' document numbers hold ({@code /}, {@code #}), and the same key
     * always gives the same id, so a night run again finds the claims it stored. Never change it: stored claims would
     * be orphaned.
     */
    public static String claimId(Program program, String bankCode, String approvalNo, String contractNo, Integer installmentNo) {
        String key = program.publicName() + ":" + bankCode + ":" + ClaimUnit.unitNo(program, approvalNo, contractNo, installmentNo);
        return java.util.UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** A newly computed claim: not published, no payee, in no settlement. */
    public static ClaimRecord computed(String claimId, Program program, String bankCode, String uscc, String applicationNo,
                                       String approvalNo, String contractNo, Integer installmentNo, LocalDate triggerDate,
                                       BigDecimal baseAmount, BigDecimal ratio, BigDecimal amount, ClaimStatus status,
                                       List<ReasonCode> reasons, String ruleVersion, LocalDate computedFor) {
        return new ClaimRecord(claimId, program, bankCode, uscc, applicationNo, approvalNo, contractNo, installmentNo, triggerDate,
                baseAmount, ratio, amount, status, reasons, ruleVersion, 1, computedFor, null, null, null, null);
    }

    /** The next version of this claim, in a new state; everything else is kept. */
    public ClaimRecord withState(ClaimStatus newStatus, List<ReasonCode> newReasons) {
        return new ClaimRecord(claimId, program, bankCode, uscc, applicationNo, approvalNo, contractNo, installmentNo, triggerDate,
                baseAmount, ratio, amount, newStatus, newReasons, ruleVersion, version + 1, computedFor, confirmationDeadline,
                publishedOn, payee, settlementId);
    }

    /** The next version of this claim, in a new state with the same reasons. */
    public ClaimRecord withState(ClaimStatus newStatus) {
        return withState(newStatus, reasons);
    }

    /** The next version: PUBLISHED on a list of {@code publishedOn}, to be confirmed by {@code confirmBy}. */
    public ClaimRecord published(LocalDate publishedOn, LocalDate confirmBy) {
        return new ClaimRecord(claimId, program, bankCode, uscc, applicationNo, approvalNo, contractNo, installmentNo, triggerDate,
                baseAmount, ratio, amount, ClaimStatus.PUBLISHED, reasons, ruleVersion, version + 1, computedFor, confirmBy,
                publishedOn, payee, settlementId);
    }

    /** The next version: CONFIRMED by its firm, to be paid to {@code payee}. */
    public ClaimRecord confirmed(Payee newPayee) {
        return new ClaimRecord(claimId, program, bankCode, uscc, applicationNo, approvalNo, contractNo, installmentNo, triggerDate,
                baseAmount, ratio, amount, ClaimStatus.CONFIRMED, reasons, ruleVersion, version + 1, computedFor,
                confirmationDeadline, publishedOn, newPayee, settlementId);
    }

    /** The programme's public name: LYD_PREMIUM, HKZD_INTEREST or TECH_INSURANCE_PREMIUM. */
    public ClaimEvent.Program publicProgram() {
        return ClaimEvent.Program.valueOf(program.publicName());
    }

    /** The public form of this state of the claim, for tf.subsidy.claims.v1. */
    public ClaimEvent toEvent(Instant changedAt) {
        return new ClaimEvent(claimId, version, publicProgram(),
                bankCode, uscc, applicationNo, approvalNo, contractNo, installmentNo, triggerDate, baseAmount, ratio, amount,
                ClaimEvent.Status.valueOf(status.name()), reasons.stream().map(ReasonCode::name).toList(), ruleVersion,
                confirmationDeadline, changedAt);
    }
}
