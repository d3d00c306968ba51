package cn.shanghai.techfinance.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery ledger (table {@code delivery}): what is owed to whom, and what was delivered.
 * Unique on (recipient, channel, event id), so recording the same delivery twice is a no-op; a
 * row leaves PENDING only through the dispatcher that leased it, and DELIVERED is final.
 */
@Repository
public class DeliveryLedger {

    private static final int ERROR_TEXT = 1000;
    /** The row is still pending under the lease the caller holds. */
    private static final String LEASED = "status = 'PENDING' AND next_attempt_at = ?";
    private static final String ENTRY_COLUMNS = """
            SELECT id, recipient, channel, event_id, status, attempts, last_error, created_at, next_attempt_at, delivered_at
            FROM delivery""";

    private final JdbcTemplate jdbc;

    public DeliveryLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records deliveries in the caller's transaction (the one that consumed their cause); repeats add nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void addPending(List<NewDelivery> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return;
        }
        LocalDateTime at = utc(now);
        jdbc.batchUpdate("""
                INSERT INTO delivery (recipient, channel, event_id, payload, status, attempts, budget_spent, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, 'PENDING', 0, 0, ?, ?)
                ON DUPLICATE KEY UPDATE id = id""",
                deliveries.stream().map(d -> new Object[] {d.recipient(), d.channel().name(), d.eventId(), d.payload(), at, at})
                        .toList());
    }

    /**
     * Leases up to {@code limit} due deliveries until {@code leaseUntil}: rows locked by another
     * instance are skipped, and a leased row is not due again until the lease ends (so a crashed
     * dispatcher's rows come back by themselves). The lease's end is also its token: whoever
     * changes the row must still hold it ({@link #renew}, and the updates below).
     */
    @Transactional
    public List<DueDelivery> lease(int limit, Instant now, Instant leaseUntil) {
        LocalDateTime until = utc(leaseUntil);
        List<DueDelivery> due = jdbc.query("""
                SELECT id, recipient, channel, event_id, payload, budget_spent FROM delivery
                WHERE status = 'PENDING' AND next_attempt_at <= ?
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, n) -> new DueDelivery(rs.getLong(1), rs.getString(2), Channel.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getBytes(5), rs.getInt(6), until.toInstant(ZoneOffset.UTC)),
                utc(now), limit);
        if (!due.isEmpty()) {
            jdbc.batchUpdate("UPDATE delivery SET next_attempt_at = ? WHERE id = ?",
                    due.stream().map(d -> new Object[] {until, d.id()}).toList());
        }
        return due;
    }

    /**
     * Extends the lease of a delivery about to be sent; empty if the lease ran out meanwhile and
     * another dispatcher took the row over (then this one must not send it).
     */
    public Optional<DueDelivery> renew(DueDelivery delivery, Instant leaseUntil) {
        LocalDateTime until = utc(leaseUntil);
        int renewed = jdbc.update("UPDATE delivery SET next_attempt_at = ? WHERE id = ? AND " + LEASED,
                until, delivery.id(), utc(delivery.leasedUntil()));
        return renewed == 1 ? Optional.of(delivery.leasedUntil(until.toInstant(ZoneOffset.UTC))) : Optional.empty();
    }

    public void delivered(DueDelivery delivery, int calls, Instant now) {
        jdbc.update("""
                UPDATE delivery SET status = 'DELIVERED', attempts = attempts + ?, budget_spent = budget_spent + ?,
                delivered_at = ?, last_error = NULL WHERE id = ? AND\s""" + LEASED,
                calls, calls, utc(now), delivery.id(), utc(delivery.leasedUntil()));
    }

    public void parked(DueDelivery delivery, int calls, String error) {
        jdbc.update("""
                UPDATE delivery SET status = 'PARKED', attempts = attempts + ?, budget_spent = budget_spent + ?,
                last_error = ? WHERE id = ? AND\s""" + LEASED,
                calls, calls, truncate(error), delivery.id(), utc(delivery.leasedUntil()));
    }

    public void deferred(DueDelivery delivery, int calls, String error, Instant until) {
        jdbc.update("""
                UPDATE delivery SET attempts = attempts + ?, budget_spent = budget_spent + ?, last_error = ?,
                next_attempt_at = ? WHERE id = ? AND\s""" + LEASED,
                calls, calls, truncate(error), utc(until), delivery.id(), utc(delivery.leasedUntil()));
    }

    public void noContact(DueDelivery delivery) {
        jdbc.update("UPDATE delivery SET status = 'NO_CONTACT', last_error = 'no address registered' WHERE id = ? AND " + LEASED,
                delivery.id(), utc(delivery.leasedUntil()));
    }

    /**
     * A parked delivery back to PENDING, due now, with a fresh retry budget; false if it is not
     * parked (a delivered one never goes again).
     */
    public boolean redeliver(long id, Instant now) {
        return jdbc.update("""
                UPDATE delivery SET status = 'PENDING', budget_spent = 0, next_attempt_at = ?
                WHERE id = ? AND status = 'PARKED'""", utc(now), id) == 1;
    }

    /** The recipient's deliveries held for want of an address, due again now; returns how many. */
    public int resumeHeld(String recipient, Channel channel, Instant now) {
        return jdbc.update("""
                UPDATE delivery SET status = 'PENDING', next_attempt_at = ?, last_error = NULL
                WHERE recipient = ? AND channel = ? AND status = 'NO_CONTACT'""", utc(now), recipient, channel.name());
    }

    public Optional<DeliveryEntry> find(long id) {
        return jdbc.query(ENTRY_COLUMNS + " WHERE id = ?", DeliveryLedger::entry, id).stream().findFirst();
    }

    /** Ledger rows matching every given criterion (null: any), in id order from {@code afterId}. */
    public List<DeliveryEntry> find(String recipient, Channel channel, String eventId, DeliveryStatus status,
                                    long afterId, int limit) {
        StringBuilder sql = new StringBuilder(ENTRY_COLUMNS).append(" WHERE id > ?");
        List<Object> args = new ArrayList<>(List.of(afterId));
        criterion(sql, args, "recipient", recipient);
        criterion(sql, args, "channel", channel == null ? null : channel.name());
        criterion(sql, args, "event_id", eventId);
        criterion(sql, args, "status", status == null ? null : status.name());
        sql.append(" ORDER BY id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), DeliveryLedger::entry, args.toArray());
    }

    private static void criterion(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static DeliveryEntry entry(ResultSet rs, int n) throws SQLException {
        return new DeliveryEntry(rs.getLong("id"), rs.getString("recipient"), Channel.valueOf(rs.getString("channel")),
                rs.getString("event_id"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "next_attempt_at"),
                instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /**
     * The connection's session runs in UTC; a LocalDateTime goes over unconverted. Cut to the
     * column's milliseconds, so that a lease read back compares equal.
     */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= ERROR_TEXT ? text : text.substring(0, ERROR_TEXT);
    }
}
