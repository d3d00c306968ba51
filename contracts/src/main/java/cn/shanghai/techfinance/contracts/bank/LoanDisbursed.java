package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code loan.disbursed.v1}: a contract (tranche) drawn under an approval. {@code renewalOf} names
 * the contract it renews without repayment of principal (无还本续贷).
 */
public record LoanDisbursed(
        String contractNo,
        String approvalNo,
        BigDecimal principal,
        BigDecimal annualRate,
        /* 1-year LPR at disbursement, for the HKZD rate cap */ BigDecimal lpr1y,
        LocalDate disbursedOn,
        LocalDate maturityOn,
        /* optional (null when absent) */ String renewalOf) implements EventData {

    @Override
    public List<Reference> parents() {
        List<Reference> parents = new ArrayList<>();
        parents.add(new Reference(Reference.Kind.APPROVAL, approvalNo, "data.approvalNo"));
        if (renewalOf != null) {
            parents.add(new Reference(Reference.Kind.CONTRACT, renewalOf, "data.renewalOf"));
        }
        return List.copyOf(parents);
    }

    @Override
    public Optional<Reference> creates() {
        return Optional.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }

    @Override
    public void checkConsistency(List<Violation> out) {
        if (!maturityOn.isAfter(disbursedOn)) {
            out.add(new Violation("data.maturityOn", RejectionCode.INCONSISTENT, "maturityOn is not after disbursedOn"));
        }
        if (contractNo.equals(renewalOf)) {
            out.add(new Violation("data.renewalOf", RejectionCode.INCONSISTENT, "a contract cannot renew itself"));
        }
    }
}
