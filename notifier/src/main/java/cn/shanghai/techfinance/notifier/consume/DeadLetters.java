package cn.shanghai.techfinance.notifier.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Consumed records the notifier could not turn into deliveries (table {@code dead_letter}), once
 * per offset, kept for the operator; counted in {@code notifier.dead.letters} by reason once the
 * transaction that keeps them commits.
 */
@Repository
public class DeadLetters {

    private static final int PROBLEM_TEXT = 1000;
    private static final int EVENT_ID_TEXT = 255;

    /** Why a record is kept aside: the tag of the counter. */
    public enum Reason {
        /** Not a readable outcome or claim event. */
        UNREADABLE,
        /** Read, but failed on its own when recorded (a delivery the ledger refuses). */
        FAILED
    }

    /** A dead letter as the operator lists it; {@code eventId} is the result id, where it could be read. */
    public record DeadLetter(long id, String topic, int partition, long offset, String eventId, String problem,
                             long payloadBytes, Instant receivedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    public DeadLetters(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("notifier.dead.letters").tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Consumed records kept for the operator instead of delivered").register(registry));
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void keep(ConsumedRecord record, String eventId, Reason reason, String problem, Instant now) {
        int kept = jdbc.update("""
                INSERT INTO dead_letter (kafka_topic, kafka_partition, kafka_offset, record_key, event_id, problem, payload, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE id = id""",
                record.topic(), record.partition(), record.offset(), record.key(), cut(eventId, EVENT_ID_TEXT),
                cut(problem, PROBLEM_TEXT), record.value(), LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        if (kept == 1) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counters.get(reason).increment();
                }
            });
        }
    }

    /** Dead letters newest first, those with an id below {@code beforeId} (null: from the newest). */
    public List<DeadLetter> find(Long beforeId, int limit) {
        return jdbc.query("""
                SELECT id, kafka_topic, kafka_partition, kafka_offset, event_id, problem, LENGTH(payload), received_at
                FROM dead_letter WHERE id < ? ORDER BY id DESC LIMIT ?""",
                (rs, n) -> new DeadLetter(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getObject(8, LocalDateTime.class).toInstant(ZoneOffset.UTC)),
                beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    /** The record's value as it was consumed. */
    public Optional<byte[]> payload(long id) {
        return jdbc.query("SELECT payload FROM dead_letter WHERE id = ?", (rs, n) -> rs.getBytes(1), id).stream().findFirst();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
