package cn.shanghai.techfinance.intake.ledger;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.bank.Violation;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The record of every identifiable inbound event ({@code intake_event}), the events parked until
 * their parent arrives, and the dead letters. Lookups take whole batches: one query per batch.
 */
@Repository
public class IntakeEventStore {

    /** Keeps IN lists and multi-row statements well inside the server's packet and placeholder limits. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;

    public IntakeEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The identity of an inbound event: {@code (source, id)}. */
    public record EventKey(String source, String eventId) {
    }

    public enum Status {
        ACCEPTED, REJECTED, PARKED
    }

    /** A new row of {@code intake_event}. */
    public record EventRow(EventKey key, String type, Instant eventTime, Status status, String factKey,
                           List<Violation> violations, String topic, int partition, long offset, byte[] payload,
                           Instant receivedAt, Instant decidedAt) {
    }

    /** An event waiting for a parent, with its raw bytes to decide again. */
    public record ParkedEvent(EventKey key, String type, String topic, int partition, long offset, byte[] payload,
                              String awaitingKey, String awaitingField) {
    }

    /**
     * A new row of {@code intake_dead_letter}: a record intake could not process, byte for byte,
     * with its sender and event id where they could be read and what went wrong.
     */
    public record DeadLetterRow(String topic, int partition, long offset, String recordKey, byte[] keyBytes, String source,
                                String eventId, List<Violation> violations, String failure, byte[] payload, Instant receivedAt) {
    }

    /** A dead letter as the operator lists it (the payload is fetched on its own: it may be a megabyte). */
    public record DeadLetter(long id, String topic, int partition, long offset, String recordKey, String source, String eventId,
                             List<Violation> violations, String failure, long payloadBytes, Instant receivedAt) {
    }

    /** What a bank's integrator can see of one event. */
    public record Outcome(EventKey key, String type, Status status, List<Violation> violations, String awaitingKey,
                          Instant receivedAt, Instant decidedAt) {
    }

    public Set<EventKey> existing(Collection<EventKey> keys) {
        Set<EventKey> found = new HashSet<>();
        for (List<EventKey> chunk : chunks(new ArrayList<>(keys))) {
            String sql = "SELECT source, event_id FROM intake_event WHERE (source, event_id) IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "(?,?)")) + ")";
            Object[] args = chunk.stream().flatMap(k -> List.<Object>of(k.source(), k.eventId()).stream()).toArray();
            jdbc.query(sql, rs -> {
                found.add(new EventKey(rs.getString(1), rs.getString(2)));
            }, args);
        }
        return found;
    }

    /** Which of {@code factKeys} the ledger of {@code source} already holds. */
    public Set<String> existingFacts(String source, Collection<String> factKeys) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(new ArrayList<>(factKeys))) {
            String sql = "SELECT fact_key FROM intake_event WHERE source = ? AND fact_key IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            List<Object> args = new ArrayList<>();
            args.add(source);
            args.addAll(chunk);
            jdbc.query(sql, rs -> {
                found.add(rs.getString(1));
            }, args.toArray());
        }
        return found;
    }

    public void insert(List<EventRow> rows) {
        FixedSizeBatches.insert(jdbc, "INSERT INTO intake_event (source, event_id, event_type, event_time, status, fact_key, violations,"
                        + " kafka_topic, kafka_partition, kafka_offset, payload, received_at, decided_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows.stream().map(r -> new Object[] {r.key().source(), r.key().eventId(), r.type(), utc(r.eventTime()),
                        r.status().name(), r.factKey(), json(r.violations()), r.topic(), r.partition(), r.offset(),
                        r.payload(), utc(r.receivedAt()), utc(r.decidedAt())}).toList());
    }

    public void park(List<EventKey> keys, List<FactKey> awaiting, Instant parkedAt) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            rows.add(new Object[] {keys.get(i).source(), keys.get(i).eventId(), awaiting.get(i).key(),
                    awaiting.get(i).field(), utc(parkedAt)});
        }
        FixedSizeBatches.insert(jdbc, "INSERT INTO parked_event (source, event_id, awaiting_key, awaiting_field, parked_at) VALUES (?,?,?,?,?)",
                rows);
    }

    /** Parked events of {@code source} waiting for one of {@code factKeys}, locked, in arrival order. */
    public List<ParkedEvent> claimParkedAwaiting(String source, Collection<String> factKeys) {
        List<ParkedEvent> parked = new ArrayList<>();
        for (List<String> chunk : chunks(new ArrayList<>(factKeys))) {
            List<Object> args = new ArrayList<>();
            args.add(source);
            args.addAll(chunk);
            parked.addAll(jdbc.query(PARKED_SELECT + " WHERE p.source = ? AND p.awaiting_key IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY e.id FOR UPDATE", this::parkedEvent, args.toArray()));
        }
        return parked;
    }

    /** Awaited facts, by source, that the ledger holds while events still wait for them (at most {@code limit}). */
    public Map<String, Set<String>> arrivedAwaited(int limit) {
        Map<String, Set<String>> arrived = new LinkedHashMap<>();
        jdbc.query("SELECT DISTINCT p.source, p.awaiting_key FROM parked_event p"
                + " JOIN intake_event e ON e.source = p.source AND e.fact_key = p.awaiting_key LIMIT ?", rs -> {
                    arrived.computeIfAbsent(rs.getString(1), s -> new HashSet<>()).add(rs.getString(2));
                }, limit);
        return arrived;
    }

    /** Parked events older than {@code parkedBefore}, locked; rows another instance holds are skipped. */
    public List<ParkedEvent> claimParkedBefore(Instant parkedBefore, int limit) {
        return jdbc.query(PARKED_SELECT + " WHERE p.parked_at < ? ORDER BY e.id LIMIT ? FOR UPDATE SKIP LOCKED",
                this::parkedEvent, utc(parkedBefore), limit);
    }

    public void accept(EventKey key, String factKey, Instant decidedAt) {
        jdbc.update("UPDATE intake_event SET status = 'ACCEPTED', fact_key = ?, decided_at = ? WHERE source = ? AND event_id = ?",
                factKey, utc(decidedAt), key.source(), key.eventId());
        unpark(key);
    }

    public void reject(EventKey key, List<Violation> violations, Instant decidedAt) {
        jdbc.update("UPDATE intake_event SET status = 'REJECTED', violations = ?, decided_at = ? WHERE source = ? AND event_id = ?",
                json(violations), utc(decidedAt), key.source(), key.eventId());
        unpark(key);
    }

    public void parkAgain(EventKey key, FactKey awaiting) {
        jdbc.update("UPDATE parked_event SET awaiting_key = ?, awaiting_field = ? WHERE source = ? AND event_id = ?",
                awaiting.key(), awaiting.field(), key.source(), key.eventId());
    }

    public boolean deadLetterExists(String topic, int partition, long offset) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM intake_dead_letter WHERE kafka_topic = ? AND kafka_partition = ?"
                + " AND kafka_offset = ?", Integer.class, topic, partition, offset);
        return count != null && count > 0;
    }

    public void insertDeadLetter(DeadLetterRow row) {
        jdbc.update("INSERT INTO intake_dead_letter (kafka_topic, kafka_partition, kafka_offset, record_key, key_bytes, source,"
                        + " event_id, violations, failure, payload, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                row.topic(), row.partition(), row.offset(), row.recordKey(), row.keyBytes(), row.source(), row.eventId(),
                json(row.violations()), row.failure(), row.payload(), utc(row.receivedAt()));
    }

    /** Dead letters newest first, those with an id below {@code beforeId} (null: from the newest). */
    public List<DeadLetter> deadLetters(Long beforeId, int limit) {
        return jdbc.query("SELECT id, kafka_topic, kafka_partition, kafka_offset, record_key, source, event_id, violations, failure,"
                        + " LENGTH(payload), received_at FROM intake_dead_letter WHERE id < ? ORDER BY id DESC LIMIT ?",
                (rs, n) -> new DeadLetter(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), violations(rs.getString(8)), rs.getString(9), rs.getLong(10),
                        instant(rs.getObject(11, LocalDateTime.class))),
                beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    /** The record's value as it was consumed. */
    public Optional<byte[]> deadLetterPayload(long id) {
        return jdbc.query("SELECT payload FROM intake_dead_letter WHERE id = ?", (rs, n) -> rs.getBytes(1), id).stream().findFirst();
    }

    public Optional<Outcome> outcome(EventKey key) {
        return jdbc.query("SELECT e.event_type, e.status, e.violations, p.awaiting_key, e.received_at, e.decided_at"
                        + " FROM intake_event e LEFT JOIN parked_event p ON p.source = e.source AND p.event_id = e.event_id"
                        + " WHERE e.source = ? AND e.event_id = ?",
                (rs, n) -> new Outcome(key, rs.getString(1), Status.valueOf(rs.getString(2)), violations(rs.getString(3)),
                        rs.getString(4), instant(rs.getObject(5, LocalDateTime.class)), instant(rs.getObject(6, LocalDateTime.class))),
                key.source(), key.eventId()).stream().findFirst();
    }

    public long parkedCount() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM parked_event", Long.class);
        return count == null ? 0 : count;
    }

    private void unpark(EventKey key) {
        jdbc.update("DELETE FROM parked_event WHERE source = ? AND event_id = ?", key.source(), key.eventId());
    }

    private static final String PARKED_SELECT = "SELECT p.source, p.event_id, e.event_type, e.kafka_topic, e.kafka_partition, e.kafka_offset,"
            + " e.payload, p.awaiting_key, p.awaiting_field FROM parked_event p"
            + " JOIN intake_event e ON e.source = p.source AND e.event_id = p.event_id";

    private ParkedEvent parkedEvent(ResultSet rs, int row) throws SQLException {
        return new ParkedEvent(new EventKey(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getLong(6), rs.getBytes(7), rs.getString(8), rs.getString(9));
    }

    private static String json(List<Violation> violations) {
        return violations == null || violations.isEmpty() ? null : new String(ContractJson.write(violations), StandardCharsets.UTF_8);
    }

    private static List<Violation> violations(String json) {
        return json == null ? List.of() : List.of(ContractJson.read(json.getBytes(StandardCharsets.UTF_8), Violation[].class));
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += CHUNK) {
            chunks.add(items.subList(i, Math.min(items.size(), i + CHUNK)));
        }
        return chunks;
    }
}
