package cn.shanghai.techfinance.contracts.results;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import java.time.Instant;
import java.util.List;

/**
 * {@code event.decided.v1}: what intake decided about one of the bank's events (受理结果).
 * {@code eventId} and {@code eventType} are null where the record could not be read; then
 * {@code topic}/{@code partition}/{@code offset} say which record it was.
 */
public record EventDecided(
        String eventId,
        String eventType,
        IntakeOutcome.Status status,
        List<Violation> violations,
        String topic,
        int partition,
        long offset,
        Instant decidedAt) implements ResultData {

    public static final String TYPE = "event.decided.v1";

    public EventDecided {
        violations = List.copyOf(violations);
    }

    public static EventDecided of(IntakeOutcome outcome) {
        return new EventDecided(outcome.eventId(), outcome.type(), outcome.status(), outcome.violations(),
                outcome.topic(), outcome.partition(), outcome.offset(), outcome.decidedAt());
    }

    @Override
    public String typeName() {
        return TYPE;
    }

    /** {@code event/<eventId>}, or {@code record/<topic>/<partition>/<offset>} for an unreadable record. */
    @Override
    public String resultId() {
        return eventId != null ? "event/" + eventId : "record/" + subject();
    }

    @Override
    public String subject() {
        return eventId != null ? eventId : topic + "/" + partition + "/" + offset;
    }

    /** An event read from an insurer's topic is answered on the insurer's results topic. */
    @Override
    public boolean toInsurer() {
        return Topics.expectedSource(topic).flatMap(EventSource::insurerCode).isPresent();
    }
}
