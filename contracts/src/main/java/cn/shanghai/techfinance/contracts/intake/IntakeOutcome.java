package cn.shanghai.techfinance.contracts.intake;

import cn.shanghai.techfinance.contracts.bank.Violation;
import java.time.Instant;
import java.util.List;

/**
 * What intake decided about one inbound record, published on {@code tf.intake.outcomes.v1} with
 * the bank code as key. {@code eventId}, {@code source} and {@code type} are null where the record
 * was unreadable; then {@code topic}/{@code partition}/{@code offset} identify it.
 */
public record IntakeOutcome(
        String eventId,
        String source,
        String bankCode,
        String type,
        Status status,
        List<Violation> violations,
        String topic,
        int partition,
        long offset,
        Instant decidedAt) {

    public IntakeOutcome {
        violations = List.copyOf(violations);
    }

    public enum Status {
        /** Stored in the ledger. */
        ACCEPTED,
        /** Not stored; {@code violations} say why. */
        REJECTED
    }
}
