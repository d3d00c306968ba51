package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Money;
import cn.shanghai.techfinance.contracts.bank.Field.Optional;
import cn.shanghai.techfinance.contracts.bank.Field.Rate;
import cn.shanghai.techfinance.contracts.bank.Field.Text;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code loan.disbursed.v1}: a contract (tranche) drawn under an approval. {@code renewalOf} names
 * the contract it renews without repayment of principal (无还本续贷).
 */
public record LoanDisbursed(
        @Text String contractNo,
        @Text String approvalNo,
        @Money BigDecimal principal,
        @Rate BigDecimal annualRate,
        /* 1-year LPR at disbursement, for the HKZD rate cap */ @Rate BigDecimal lpr1y,
        LocalDate disbursedOn,
        LocalDate maturityOn,
        @Optional @Text String renewalOf) implements EventData {

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
    public java.util.Optional<Reference> creates() {
        return java.util.Optional.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
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
