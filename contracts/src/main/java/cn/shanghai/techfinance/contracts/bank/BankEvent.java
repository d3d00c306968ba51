package cn.shanghai.techfinance.contracts.bank;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One inbound event: a CloudEvents 1.0 envelope in structured JSON mode with its typed data.
 * {@code (source, id)} identifies it; a repeat is a duplicate.
 */
public record BankEvent(String id, String source, OffsetDateTime time, EventData data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public BankEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    public EventType type() {
        return EventType.of(data);
    }
}
