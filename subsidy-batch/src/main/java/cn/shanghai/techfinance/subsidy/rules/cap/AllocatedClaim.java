package cn.shanghai.techfinance.subsidy.rules.cap;

import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A claim after the caps: what the job records.
 *
 * @param amount the amount granted, at most the assessed amount
 * @param reasons the assessment's reasons plus CAP_PARTIAL or CAP_REACHED, in document order
 */
public record AllocatedClaim(ClaimAssessment assessment, BigDecimal amount, List<ReasonCode> reasons) {

    public AllocatedClaim {
        Objects.requireNonNull(assessment, "assessment");
        if (amount.signum() < 0 || amount.compareTo(assessment.amount()) > 0) {
            throw new IllegalArgumentException("granted " + amount + " is not within 0.." + assessment.amount());
        }
        reasons = ReasonCode.inDocumentOrder(reasons);
    }

    /** COMPUTED for an eligible claim, even one the caps cut to 0.00; INELIGIBLE otherwise. */
    public ClaimStatus status() {
        return assessment.status();
    }
}
