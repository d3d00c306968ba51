package cn.shanghai.techfinance.intake.consume;

import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counters of what intake decided ({@code intake.events} by outcome, {@code intake.rejections} by
 * code), of the records it set aside for the operator ({@code intake.dead.letters} by reason: the
 * code of the first violation, {@code INTERNAL} for a record that failed on our side) and the
 * number of events parked now. Counted after commit, so a batch that is rolled back
 * and replayed is counted once.
 */
@Component
public class IntakeMetrics {

    private final Counter accepted;
    private final Counter rejected;
    private final Counter parked;
    private final Counter unparked;
    private final Counter duplicate;
    private final Counter deadLetter;
    private final Map<RejectionCode, Counter> byCode = new EnumMap<>(RejectionCode.class);
    private final Map<RejectionCode, Counter> deadLettersByReason = new EnumMap<>(RejectionCode.class);

    public IntakeMetrics(MeterRegistry registry, IntakeEventStore store) {
        accepted = outcome(registry, "accepted");
        rejected = outcome(registry, "rejected");
        parked = outcome(registry, "parked");
        unparked = outcome(registry, "unparked");
        duplicate = outcome(registry, "duplicate");
        deadLetter = outcome(registry, "dead_letter");
        for (RejectionCode code : RejectionCode.values()) {
            byCode.put(code, Counter.builder("intake.rejections").tag("code", code.name())
                    .description("Violations found in rejected events, by code").register(registry));
            deadLettersByReason.put(code, Counter.builder("intake.dead.letters").tag("reason", code.name())
                    .description("Records kept for the operator, by the code they were rejected with").register(registry));
        }
        Gauge.builder("intake.events.parked.current", store, IntakeEventStore::parkedCount)
                .description("Events waiting for their parent document").register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("intake.events").tag("outcome", outcome)
                .description("Inbound events by what intake decided").register(registry);
    }

    /** Adds the tally once the surrounding transaction commits (at once when there is none). */
    void countAfterCommit(Tally tally) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count(tally);
                }
            });
        } else {
            count(tally);
        }
    }

    private void count(Tally tally) {
        accepted.increment(tally.accepted);
        rejected.increment(tally.rejected);
        parked.increment(tally.parked);
        unparked.increment(tally.unparked);
        duplicate.increment(tally.duplicate);
        deadLetter.increment(tally.deadLetter);
        tally.codes.forEach((code, n) -> byCode.get(code).increment(n));
        tally.deadLetterReasons.forEach((code, n) -> deadLettersByReason.get(code).increment(n));
    }

    /** Counts of one transaction. */
    public static final class Tally {
        private int accepted;
        private int rejected;
        private int parked;
        private int unparked;
        private int duplicate;
        private int deadLetter;
        private final Map<RejectionCode, Integer> codes = new EnumMap<>(RejectionCode.class);
        private final Map<RejectionCode, Integer> deadLetterReasons = new EnumMap<>(RejectionCode.class);

        void accepted() {
            accepted++;
        }

        void rejected(List<Violation> violations) {
            rejected++;
            violations.forEach(v -> codes.merge(v.code(), 1, Integer::sum));
        }

        void parked() {
            parked++;
        }

        void unparked() {
            unparked++;
        }

        void duplicate() {
            duplicate++;
        }

        void deadLetter(List<Violation> violations) {
            deadLetter++;
            deadLetterReasons.merge(violations.get(0).code(), 1, Integer::sum);
            rejected(violations);
        }
    }
}
