package cn.shanghai.techfinance.intake.ledger;

import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.InterestPaid;
import cn.shanghai.techfinance.contracts.bank.LoanDefaulted;
import cn.shanghai.techfinance.contracts.bank.LoanRejected;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.Reference;
import cn.shanghai.techfinance.contracts.bank.TechPolicyCancelled;
import java.util.List;
import java.util.Optional;

/**
 * A document or one-off fact of a source's ledger, as a key unique within that source
 * ({@code CONTRACT:C-001}, {@code SETTLEMENT:C-001}, {@code INTEREST:C-001#3}). The event that
 * establishes it carries the key; events that refer to it wait for it. {@code field} is where the
 * event names it, for a rejection that points there.
 */
public record FactKey(String key, String field) {

    /** The fact the event establishes: a document it creates, or a fact that may happen only once. */
    public static Optional<FactKey> establishedBy(EventData data) {
        Optional<Reference> created = data.creates();
        if (created.isPresent()) {
            return created.map(FactKey::of);
        }
        if (data instanceof LoanRejected r) {
            return Optional.of(new FactKey("REJECTION:" + r.applicationNo(), "data.applicationNo"));
        }
        if (data instanceof LoanSettled s) {
            return Optional.of(new FactKey("SETTLEMENT:" + s.contractNo(), "data.contractNo"));
        }
        if (data instanceof LoanDefaulted d) {
            return Optional.of(new FactKey("DEFAULT:" + d.contractNo(), "data.contractNo"));
        }
        if (data instanceof PolicyCancelled c) {
            return Optional.of(new FactKey("CANCELLATION:" + c.policyNo(), "data.policyNo"));
        }
        if (data instanceof TechPolicyCancelled c) {
            return Optional.of(new FactKey("TECH_CANCELLATION:" + c.policyNo(), "data.policyNo"));
        }
        if (data instanceof InterestPaid i) {
            return Optional.of(new FactKey("INTEREST:" + i.contractNo() + "#" + i.installmentNo(), "data.installmentNo"));
        }
        return Optional.empty();
    }

    /** The documents the event cannot be applied without. */
    public static List<FactKey> requiredBy(EventData data) {
        return data.parents().stream().map(FactKey::of).toList();
    }

    private static FactKey of(Reference reference) {
        return new FactKey(reference.kind() + ":" + reference.number(), reference.field());
    }
}
