package cn.shanghai.techfinance.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
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
    /** Lane heads checked per statement. */
    private static final int HEADS_PER_QUERY = 1000;
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
     * The lanes whose head, their oldest PENDING delivery, is due: neither leased by a dispatcher
     * nor waiting to be retried. Oldest head first. A lane whose head waits, waits as a whole, so
     * its recipient gets its deliveries in ledger order.
     */
    public List<Lane> dueLanes(Instant now) {
        // a loose scan of ix_delivery_lane, one seek per lane and status however many rows each
        // holds; with status = 'PENDING' in the WHERE clause the optimizer reads every pending row
        List<Long> heads = new ArrayList<>();
        jdbc.query("SELECT status, MIN(id) FROM delivery GROUP BY status, recipient, channel", (RowCallbackHandler) rs -> {
            if (DeliveryStatus.PENDING.name().equals(rs.getString(1))) {
                heads.add(rs.getLong(2));
            }
        });
        Collections.sort(heads);
        List<Lane> due = new ArrayList<>();
        for (int from = 0; from < heads.size(); from += HEADS_PER_QUERY) {
            List<Long> some = heads.subList(from, Math.min(heads.size(), from + HEADS_PER_QUERY));
            due.addAll(jdbc.query("SELECT recipient, channel FROM delivery WHERE id IN (" + placeholders(some.size())
                            + ") AND status = 'PENDING' AND next_attempt_at <= ? ORDER BY id",
                    (rs, n) -> new Lane(rs.getString(1), Channel.valueOf(rs.getString(2))), args(some, utc(now))));
        }
        return due;
    }

    /**
     * Leases the next due deliveries of a lane, at most {@code limit}, in ledger order from its head,
     * until {@code leaseUntil}; none if its head is not due or another dispatcher is claiming it at
     * the same moment (its rows are locked: they are skipped, never waited for). A leased row is not
     * due again until the lease ends, so a crashed dispatcher's rows come back by themselves, at the
     * head of their lane. The lease's end is also its token: whoever changes the row must still
     * hold it ({@link #renew}, and the updates below).
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<DueDelivery> claim(Lane lane, int limit, Instant now, Instant leaseUntil) {
        LocalDateTime at = utc(now);
        LocalDateTime until = utc(leaseUntil);
        List<DueDelivery> due = new ArrayList<>();
        boolean[] waits = {false};
        jdbc.query("""
                SELECT id, event_id, payload, budget_spent, next_attempt_at FROM delivery
                WHERE status = 'PENDING' AND recipient = ? AND channel = ?
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""",
                (RowCallbackHandler) rs -> {
                    // the lane's due rows from its head on, up to the first that waits
                    waits[0] |= rs.getObject(5, LocalDateTime.class).isAfter(at);
                    if (!waits[0]) {
                        due.add(new DueDelivery(rs.getLong(1), lane.recipient(), lane.channel(), rs.getString(2), rs.getBytes(3),
                                rs.getInt(4), until.toInstant(ZoneOffset.UTC)));
                    }
                },
                lane.recipient(), lane.channel().name(), limit);
        if (due.isEmpty()) {
            return due;
        }
        // rows before the first one returned were skipped: another dispatcher is claiming the head
        Long head = jdbc.queryForObject("SELECT MIN(id) FROM delivery WHERE status = 'PENDING' AND recipient = ? AND channel = ?",
                Long.class, lane.recipient(), lane.channel().name());
        if (head == null || head != due.get(0).id()) {
            return List.of();
        }
        jdbc.update("UPDATE delivery SET next_attempt_at = ? WHERE id IN (" + placeholders(due.size()) + ")",
                args(until, ids(due)));
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

    /**
     * Extends the lease of deliveries claimed together (one lease) about to be sent together; empty
     * if the lease ran out meanwhile for any of them: then none is sent, and those still held are
     * due again at once, so that the lane starts again from its head.
     */
    public List<DueDelivery> renew(List<DueDelivery> claimed, Instant now, Instant leaseUntil) {
        LocalDateTime until = utc(leaseUntil);
        int renewed = jdbc.update("UPDATE delivery SET next_attempt_at = ? WHERE id IN (" + placeholders(claimed.size()) + ") AND "
                + LEASED, args(until, ids(claimed), utc(claimed.get(0).leasedUntil())));
        List<DueDelivery> held = claimed.stream().map(d -> d.leasedUntil(until.toInstant(ZoneOffset.UTC))).toList();
        if (renewed == claimed.size()) {
            return held;
        }
        release(held, now);
        return List.of();
    }

    /** Deliveries leased but not sent, due again at {@code at}: they come next in their lane. */
    public void release(List<DueDelivery> leased, Instant at) {
        if (!leased.isEmpty()) {
            jdbc.update("UPDATE delivery SET next_attempt_at = ? WHERE id IN (" + placeholders(leased.size()) + ") AND " + LEASED,
                    args(utc(at), ids(leased), utc(leased.get(0).leasedUntil())));
        }
    }

    public void delivered(DueDelivery delivery, int calls, Instant now) {
        delivered(List.of(delivery), calls, now);
    }

    /** Deliveries of one lease accepted by their recipient, each after {@code calls} calls. */
    public void delivered(List<DueDelivery> deliveries, int calls, Instant now) {
        settle("status = 'DELIVERED', attempts = attempts + ?, budget_spent = budget_spent + ?, delivered_at = ?, last_error = NULL",
                deliveries, calls, calls, utc(now));
    }

    public void parked(DueDelivery delivery, int calls, String error) {
        parked(List.of(delivery), calls, error);
    }

    /** Deliveries of one lease parked for an officer, each after {@code calls} calls. */
    public void parked(List<DueDelivery> deliveries, int calls, String error) {
        settle("status = 'PARKED', attempts = attempts + ?, budget_spent = budget_spent + ?, last_error = ?",
                deliveries, calls, calls, truncate(error));
    }

    /** A delivery tried again at {@code until} after {@code calls} calls, {@code spent} of them spending its retry budget. */
    public void deferred(DueDelivery delivery, int calls, int spent, String error, Instant until) {
        deferred(List.of(delivery), calls, spent, error, until);
    }

    /** Deliveries of one lease tried again at {@code until}, each after {@code calls} calls, {@code spent} of them spending its retry budget. */
    public void deferred(List<DueDelivery> deliveries, int calls, int spent, String error, Instant until) {
        settle("attempts = attempts + ?, budget_spent = budget_spent + ?, last_error = ?, next_attempt_at = ?",
                deliveries, calls, spent, truncate(error), utc(until));
    }

    public void noContact(DueDelivery delivery) {
        noContact(List.of(delivery));
    }

    /** Deliveries of one lease held until their recipient registers an address. */
    public void noContact(List<DueDelivery> deliveries) {
        settle("status = 'NO_CONTACT', last_error = 'no address registered'", deliveries);
    }

    /** One statement for deliveries of one lease, each changed only while the lease holds. */
    private void settle(String assignments, List<DueDelivery> deliveries, Object... values) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.update("UPDATE delivery SET " + assignments + " WHERE id IN (" + placeholders(deliveries.size()) + ") AND " + LEASED,
                args(values, ids(deliveries), utc(deliveries.get(0).leasedUntil())));
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

    private static List<Long> ids(List<DueDelivery> deliveries) {
        return deliveries.stream().map(DueDelivery::id).toList();
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Statement arguments in order; a collection or array stands for its elements (an IN list). */
    private static Object[] args(Object... parts) {
        List<Object> args = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Collection<?> many) {
                args.addAll(many);
            } else if (part instanceof Object[] many) {
                args.addAll(Arrays.asList(many));
            } else {
                args.add(part);
            }
        }
        return args.toArray();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= ERROR_TEXT ? text : text.substring(0, ERROR_TEXT);
    }
}
