package cn.shanghai.techfinance.intake.consume;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.intake.ledger.FactKey;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger facts a set of events touches, loaded in one query per source, and kept up to date
 * as events are decided in order, so a parent earlier in the same batch counts as known.
 */
final class Facts {

    private final Map<String, Set<String>> known;

    private Facts(Map<String, Set<String>> known) {
        this.known = known;
    }

    static Facts load(IntakeEventStore store, List<BankEvent> events) {
        Map<String, Set<String>> wanted = new HashMap<>();
        for (BankEvent event : events) {
            Set<String> keys = wanted.computeIfAbsent(event.source(), s -> new HashSet<>());
            FactKey.establishedBy(event.data()).ifPresent(k -> keys.add(k.key()));
            FactKey.requiredBy(event.data()).forEach(k -> keys.add(k.key()));
        }
        Map<String, Set<String>> known = new HashMap<>();
        wanted.forEach((source, keys) -> known.put(source, keys.isEmpty() ? new HashSet<>() : store.existingFacts(source, keys)));
        return new Facts(known);
    }

    Decision decide(BankEvent event) {
        Set<String> ledger = known.computeIfAbsent(event.source(), s -> new HashSet<>());
        Optional<FactKey> established = FactKey.establishedBy(event.data());
        if (established.isPresent() && ledger.contains(established.get().key())) {
            return Decision.rejected(new Violation(established.get().field(), RejectionCode.CONFLICT,
                    established.get().key() + " is already recorded by another event"));
        }
        for (FactKey parent : FactKey.requiredBy(event.data())) {
            if (!ledger.contains(parent.key())) {
                return Decision.parked(parent);
            }
        }
        established.ifPresent(k -> ledger.add(k.key()));
        return Decision.accepted(established.map(FactKey::key).orElse(null));
    }
}
