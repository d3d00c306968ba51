package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Money;
import cn.shanghai.techfinance.contracts.bank.Field.Rate;
import cn.shanghai.techfinance.contracts.bank.Field.Text;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code policy.issued.v1}: an insurer guarantees a contract (履约保证保险), relayed by the bank. */
public record PolicyIssued(
        @Text String policyNo,
        @Text String insurerCode,
        @Text String contractNo,
        @Money BigDecimal insuredAmount,
        @Rate BigDecimal premiumRate,
        @Money BigDecimal premium,
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
