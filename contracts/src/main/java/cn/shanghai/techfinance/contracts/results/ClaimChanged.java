package cn.shanghai.techfinance.contracts.results;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code claim.changed.v1}: a subsidy claim on one of the bank's loans, as it is after a change
 * (computed, published, confirmed, paid …). {@code (claimId, version)} identifies the change;
 * versions only grow, so a bank that sees an older version after a newer one keeps the newer.
 *
 * @param contractNo   HKZD only, else null
 * @param installmentNo HKZD only, else null
 * @param baseAmount   premium or interest the claim is computed on; null where none was computed
 * @param ratio        subsidy ratio applied (e.g. {@code 0.50}); null where none was computed
 * @param amount       the subsidy, CNY; {@code 0.00} when nothing is due
 * @param confirmationDeadline last day the firm may confirm (PUBLISHED claims), else null
 */
public record ClaimChanged(
        String claimId,
        long version,
        ClaimEvent.Program program,
        String uscc,
        String applicationNo,
        String approvalNo,
        String contractNo,
        Integer installmentNo,
        LocalDate triggerDate,
        BigDecimal baseAmount,
        BigDecimal ratio,
        BigDecimal amount,
        ClaimEvent.Status status,
        List<String> reasons,
        String ruleVersion,
        LocalDate confirmationDeadline,
        Instant changedAt) implements ResultData {

    public static final String TYPE = "claim.changed.v1";
    private static final BigDecimal NOTHING_DUE = new BigDecimal("0.00");

    public ClaimChanged {
        reasons = List.copyOf(reasons);
    }

    public static ClaimChanged of(ClaimEvent claim) {
        return new ClaimChanged(claim.claimId(), claim.version(), claim.program(), claim.uscc(), claim.applicationNo(),
                claim.approvalNo(), claim.contractNo(), claim.installmentNo(), claim.triggerDate(), claim.baseAmount(),
                claim.ratio(), claim.amount() != null ? claim.amount() : NOTHING_DUE, claim.status(), claim.reasons(),
                claim.ruleVersion(), claim.confirmationDeadline(), claim.changedAt());
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    /** {@code claim/<claimId>@<version>}: one id per change of the claim. */
    @Override
    public String resultId() {
        return "claim/" + claimId + "@" + version;
    }

    @Override
    public String subject() {
        return claimId;
    }

    /** A 科技保险 claim is on the insurer's policy: the insurer is told, not a bank. */
    @Override
    public boolean toInsurer() {
        return program == ClaimEvent.Program.TECH_INSURANCE_PREMIUM;
    }
}
