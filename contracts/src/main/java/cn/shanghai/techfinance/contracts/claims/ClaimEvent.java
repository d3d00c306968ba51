package cn.shanghai.techfinance.contracts.claims;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A claim as it is now, published on {@code tf.subsidy.claims.v1} (key: the firm's USCC) each time
 * it is computed or changes state. {@code (claimId, version)} identifies one change: consumers
 * that see it twice must act once.
 *
 * @param claimId      stable, URL-safe id of the claim (one per LYD approval, one per HKZD interest
 *                     instalment): a UUID in lowercase, to be taken as it is, not parsed
 * @param version      1 for the first computation, one more at each change
 * @param approvalNo   LYD: the approval (批复) the claim is for; HKZD: the contract's approval
 * @param contractNo   HKZD only (null for LYD)
 * @param installmentNo HKZD only (null for LYD)
 * @param triggerDate  LYD: the settlement date; HKZD: the instalment's paidOn
 * @param reasons      reason codes (subsidy-rules.md §5), in the document's order
 * @param confirmationDeadline the last day the firm may confirm (PUBLISHED claims), else null
 */
public record ClaimEvent(
        String claimId,
        long version,
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
        Status status,
        List<String> reasons,
        String ruleVersion,
        LocalDate confirmationDeadline,
        Instant changedAt) {

    public ClaimEvent {
        reasons = List.copyOf(reasons);
    }

    /** The idempotency key of this change. */
    public String eventId() {
        return claimId + "@" + version;
    }

    public enum Program {
        /** 科技履约贷保费补贴 */
        LYD_PREMIUM,
        /** 沪科专贷贴息 */
        HKZD_INTEREST,
        /** 科技保险保费补贴: {@code bankCode} names the insurer, {@code approvalNo} holds the policy number */
        TECH_INSURANCE_PREMIUM
    }

    /** The claim lifecycle of subsidy-rules.md §5. */
    public enum Status {
        COMPUTED, INELIGIBLE, PUBLISHED, CONFIRMED, FORFEITED, PAID, CLAWBACK_DUE, RECOVERED, CANCELLED
    }
}
