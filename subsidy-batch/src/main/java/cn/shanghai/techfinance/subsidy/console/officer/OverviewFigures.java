package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The sums behind the officers' overview, from subsidy-batch's own claims: one grouped read each,
 * over the claims triggered in a calendar year (the trigger-date index bounds it).
 */
@Repository
class OverviewFigures {

    /** What the city grants or has paid: computed, on a list, confirmed, paid (not forfeited, cancelled or due back). */
    static final Set<ClaimStatus> GRANTED = EnumSet.of(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED, ClaimStatus.CONFIRMED,
            ClaimStatus.PAID);

    record MonthAmount(int month, Program program, BigDecimal amount) {
    }

    record StatusCount(ClaimStatus status, long count, BigDecimal amount) {
    }

    private final JdbcTemplate jdbc;

    OverviewFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The granted amounts of the year's claims by month of their trigger date and programme. */
    List<MonthAmount> grantedByMonth(int year) {
        String statuses = GRANTED.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return jdbc.query("SELECT MONTH(trigger_date) AS m, program, SUM(amount) FROM claim"
                        + " WHERE trigger_date BETWEEN ? AND ? AND status IN (" + statuses + ") GROUP BY m, program",
                (rs, n) -> new MonthAmount(rs.getInt(1), Program.valueOf(rs.getString(2)), rs.getBigDecimal(3)),
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** How many of the year's claims are in each state, and their amounts. */
    List<StatusCount> byStatus(int year) {
        return jdbc.query("SELECT status, COUNT(*), SUM(amount) FROM claim WHERE trigger_date BETWEEN ? AND ? GROUP BY status",
                (rs, n) -> new StatusCount(ClaimStatus.valueOf(rs.getString(1)), rs.getLong(2), rs.getBigDecimal(3)),
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }
}
