package cn.shanghai.techfinance.intake.api;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The events intake rejected ({@code intake_event} rows with status REJECTED), read for the
 * rejections API: by sender, reason and arrival time. A reason matches when any of the event's
 * violations carries its code.
 */
@Repository
public class Rejections {

    private final JdbcTemplate jdbc;

    public Rejections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to look for; null parts match everything. {@code sources}: any of them (a code names a bank
     * or an insurer, one namespace, so both its sources). {@code from} inclusive, {@code to} exclusive.
     */
    public record Criteria(List<String> sources, RejectionCode reason, Instant from, Instant to) {
    }

    /** One rejected event as intake recorded it. */
    public record Rejection(long id, String source, String bank, String eventId, String type, List<Violation> violations,
                            Instant receivedAt) {
    }

    /** How many rejected events of a sender carry a reason. */
    public record Count(String source, String bank, RejectionCode reason, long events) {
    }

    /** Newest first (the order intake recorded them in), {@code size} from {@code offset}. */
    public List<Rejection> find(Criteria criteria, long offset, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(criteria, args);
        args.add(size);
        args.add(offset);
        return jdbc.query("SELECT id, source, event_id, event_type, violations, received_at FROM intake_event" + where
                        + " ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, n) -> new Rejection(rs.getLong(1), rs.getString(2), EventSource.senderCode(rs.getString(2)).orElse(null),
                        rs.getString(3), rs.getString(4), violations(rs.getString(5)),
                        rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC)),
                args.toArray());
    }

    public long count(Criteria criteria) {
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM intake_event" + where(criteria, args), Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /**
     * Rejected events counted by sender and reason, senders in alphabetical order and reasons in the
     * contract's ({@link RejectionCode}'s declaration order); an event with two
     * reasons counts once under each (a reason twice in one event counts once).
     */
    public List<Count> summary(Criteria criteria) {
        Map<String, Map<RejectionCode, Long>> bySource = new TreeMap<>();
        List<Object> args = new ArrayList<>();
        jdbc.query("SELECT source, violations FROM intake_event" + where(criteria, args), rs -> {
            Set<RejectionCode> reasons = new LinkedHashSet<>();
            violations(rs.getString(2)).forEach(v -> reasons.add(v.code()));
            Map<RejectionCode, Long> counts = bySource.computeIfAbsent(rs.getString(1), s -> new TreeMap<>());
            reasons.forEach(reason -> counts.merge(reason, 1L, Long::sum));
        }, args.toArray());
        List<Count> summary = new ArrayList<>();
        bySource.forEach((source, counts) -> counts.forEach((reason, events) ->
                summary.add(new Count(source, EventSource.senderCode(source).orElse(null), reason, events))));
        if (criteria.reason() != null) {
            summary.removeIf(count -> count.reason() != criteria.reason());
        }
        return summary;
    }

    private static String where(Criteria criteria, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE status = 'REJECTED'");
        if (criteria.sources() != null) {
            where.append(" AND source IN (").append(String.join(",", Collections.nCopies(criteria.sources().size(), "?"))).append(")");
            args.addAll(criteria.sources());
        }
        if (criteria.reason() != null) {
            // violations are kept as compact JSON (ContractJson): a code appears as "code":"NAME"
            where.append(" AND violations LIKE ?");
            args.add("%\"code\":\"" + criteria.reason().name().replace("_", "\\_") + "\"%");
        }
        if (criteria.from() != null) {
            where.append(" AND received_at >= ?");
            args.add(LocalDateTime.ofInstant(criteria.from(), ZoneOffset.UTC));
        }
        if (criteria.to() != null) {
            where.append(" AND received_at < ?");
            args.add(LocalDateTime.ofInstant(criteria.to(), ZoneOffset.UTC));
        }
        return where.toString();
    }

    private static List<Violation> violations(String json) {
        return json == null ? List.of() : List.of(ContractJson.read(json.getBytes(StandardCharsets.UTF_8), Violation[].class));
    }
}
