package cn.shanghai.techfinance.intake.consume;

import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.intake.ledger.FactKey;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.Status;
import java.util.List;

/** What becomes of a valid event given the ledger: accepted, rejected as a conflict, or parked. */
record Decision(Status status, String factKey, FactKey awaiting, List<Violation> violations) {

    static Decision accepted(String factKey) {
        return new Decision(Status.ACCEPTED, factKey, null, List.of());
    }

    static Decision rejected(Violation violation) {
        return new Decision(Status.REJECTED, null, null, List.of(violation));
    }

    static Decision parked(FactKey awaiting) {
        return new Decision(Status.PARKED, null, awaiting, List.of());
    }
}
