package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Text;
import java.util.List;

/** {@code loan.rejected.v1}: the bank declines an application. */
public record LoanRejected(@Text String applicationNo, @Text(max = 500) String reason) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.APPLICATION, applicationNo, "data.applicationNo"));
    }
}
