package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Claims that match an officer's filter, counted and read a page at a time (or all of them, for an
 * export), by one statement each on the claim table, as {@link ClaimStore} reads claims.
 */
@Repository
public class ClaimSearch {

    private final JdbcTemplate jdbc;

    public ClaimSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to match; a null field matches everything. {@code usccs}, when not null, is the set of firms
     * to match (empty: none); the trigger period {@code [from, to]} is inclusive at both ends.
     */
    public record Filter(List<String> usccs, String bankCode, Program program, ClaimStatus status, LocalDate from, LocalDate to) {

        public Filter {
            usccs = usccs == null ? null : List.copyOf(usccs);
        }
    }

    public long count(Filter filter) {
        Where where = where(filter);
        return where.none ? 0 : jdbc.queryForObject("SELECT COUNT(*) FROM claim" + where.sql, Long.class, where.args.toArray());
    }

    /** A page of the matching claims by trigger date (newest first if {@code newestFirst}), then by claim id. */
    public List<ClaimRecord> page(Filter filter, boolean newestFirst, int offset, int limit) {
        Where where = where(filter);
        if (where.none) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(where.args);
        args.add(limit);
        args.add(offset);
        return jdbc.query(ClaimStore.SELECT + where.sql + order(newestFirst) + " LIMIT ? OFFSET ?", ClaimStore::claim, args.toArray());
    }

    /** Every matching claim, in the page's order. */
    public List<ClaimRecord> all(Filter filter, boolean newestFirst) {
        Where where = where(filter);
        if (where.none) {
            return List.of();
        }
        return jdbc.query(ClaimStore.SELECT + where.sql + order(newestFirst), ClaimStore::claim, where.args.toArray());
    }

    private static String order(boolean newestFirst) {
        return newestFirst ? " ORDER BY trigger_date DESC, claim_id" : " ORDER BY trigger_date, claim_id";
    }

    /** {@code none}: the filter's set of firms is empty, so nothing matches and nothing need be asked. */
    private record Where(String sql, List<Object> args, boolean none) {
    }

    private static Where where(Filter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.usccs() != null) {
            if (filter.usccs().isEmpty()) {
                return new Where("", List.of(), true);
            }
            conditions.add("uscc IN (" + String.join(",", Collections.nCopies(filter.usccs().size(), "?")) + ")");
            args.addAll(filter.usccs());
        }
        if (filter.bankCode() != null) {
            conditions.add("bank_code = ?");
            args.add(filter.bankCode());
        }
        if (filter.program() != null) {
            conditions.add("program = ?");
            args.add(filter.program().name());
        }
        if (filter.status() != null) {
            conditions.add("status = ?");
            args.add(filter.status().name());
        }
        if (filter.from() != null) {
            conditions.add("trigger_date >= ?");
            args.add(filter.from());
        }
        if (filter.to() != null) {
            conditions.add("trigger_date <= ?");
            args.add(filter.to());
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args, false);
    }
}
