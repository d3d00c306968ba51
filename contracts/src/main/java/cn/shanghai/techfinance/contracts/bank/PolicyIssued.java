package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code policy.issued.v1}: an insurer guarantees a contract (履约保证保险), relayed by the bank. */
public record PolicyIssued(
        String policyNo,
        String insurerCode,
        String contractNo,
        BigDecimal insuredAmount,
        BigDecimal premiumRate,
        BigDecimal premium,
        LocalDate issuedOn) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }

    @Override
    public Optional<Reference> creates() {
        return Optional.of(new Reference(Reference.Kind.POLICY, policyNo, "data.policyNo"));
    }
}
