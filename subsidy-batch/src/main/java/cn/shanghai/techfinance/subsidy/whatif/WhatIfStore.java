package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The what-ifs' own tables ({@code what_if}, {@code what_if_claim}), the only ones a what-if writes;
 * everything else it only reads: the firms' units and the claims recorded before its period.
 */
@Repository
public class WhatIfStore {

    private static final int FIRMS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;

    public WhatIfStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public enum Status {
        RUNNING, COMPLETED, FAILED
    }

    public record WhatIf(long id, LocalDate from, LocalDate to, String draft, Status status, String createdBy, Instant createdAt) {
    }

    /** A trigger of the period priced twice: with the current rules (before) and with the draft (after). */
    public record PricedClaim(String claimId, Program program, String bankCode, String uscc, String industryCode, String district,
                              LocalDate triggerDate, BigDecimal base, String beforeStatus, BigDecimal beforeAmount,
                              String beforeReasons, String afterStatus, BigDecimal afterAmount, String afterReasons) {
    }

    /** What a claim recorded before the period took (its amount) and when it was triggered. */
    record EarlierClaim(Program program, String uscc, LocalDate triggerDate, BigDecimal amount) {
    }

    long create(LocalDate from, LocalDate to, String draft, String createdBy, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement s = connection.prepareStatement("INSERT INTO what_if (period_from, period_to, draft, status, created_by,"
                    + " created_at) VALUES (?,?,?,'RUNNING',?,?)", Statement.RETURN_GENERATED_KEYS);
            s.setObject(1, from);
            s.setObject(2, to);
            s.setString(3, draft);
            s.setString(4, createdBy);
            s.setObject(5, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
            return s;
        }, key);
        return key.getKey().longValue();
    }

    void finish(long id, Status status) {
        jdbc.update("UPDATE what_if SET status = ? WHERE id = ?", status.name(), id);
    }

    public Optional<WhatIf> find(long id) {
        return jdbc.query("SELECT * FROM what_if WHERE id = ?", WhatIfStore::whatIf, id).stream().findFirst();
    }

    /** Every what-if, the newest first. */
    public List<WhatIf> all() {
        return jdbc.query("SELECT * FROM what_if ORDER BY id DESC", WhatIfStore::whatIf);
    }

    /** The what-if's priced claims in trigger order. */
    public List<PricedClaim> claims(long whatIfId) {
        return jdbc.query("SELECT * FROM what_if_claim WHERE what_if_id = ? ORDER BY trigger_date, claim_id",
                (rs, n) -> new PricedClaim(rs.getString("claim_id"), Program.valueOf(rs.getString("program")), rs.getString("bank_code"),
                        rs.getString("uscc"), rs.getString("industry_code"), rs.getString("district"),
                        rs.getObject("trigger_date", LocalDate.class), rs.getBigDecimal("base_amount"), rs.getString("before_status"),
                        rs.getBigDecimal("before_amount"), rs.getString("before_reasons"), rs.getString("after_status"),
                        rs.getBigDecimal("after_amount"), rs.getString("after_reasons")), whatIfId);
    }

    void insert(long whatIfId, List<PricedClaim> claims) {
        // a restarted chunk writes its firms again: the same rows
        jdbc.batchUpdate("INSERT INTO what_if_claim (what_if_id, claim_id, program, bank_code, uscc, industry_code, district,"
                        + " trigger_date, base_amount, before_status, before_amount, before_reasons, after_status, after_amount,"
                        + " after_reasons) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE what_if_id = what_if_id",
                claims.stream().map(c -> new Object[] {whatIfId, c.claimId(), c.program().name(), c.bankCode(), c.uscc(),
                        c.industryCode(), c.district(), c.triggerDate(), c.base(), c.beforeStatus(), c.beforeAmount(),
                        c.beforeReasons(), c.afterStatus(), c.afterAmount(), c.afterReasons()}).toList());
    }

    /** Each programme's budget per budget year. */
    Map<Program, Map<Integer, BigDecimal>> budgets() {
        Map<Program, Map<Integer, BigDecimal>> budgets = new EnumMap<>(Program.class);
        jdbc.query("SELECT program, budget_year, amount FROM budget", rs -> {
            Optional<Program> program = Program.ofPublicName(rs.getString(1));
            if (program.isPresent()) {
                budgets.computeIfAbsent(program.get(), k -> new TreeMap<>()).put(rs.getInt(2), rs.getBigDecimal(3));
            }
        });
        return budgets;
    }

    /** Per programme, what the claims triggered in {@code from}'s year before {@code from} took. */
    Map<Program, Map<Integer, BigDecimal>> earlierInYear(LocalDate from) {
        Map<Program, Map<Integer, BigDecimal>> totals = new EnumMap<>(Program.class);
        jdbc.query("SELECT program, SUM(amount) FROM claim WHERE trigger_date >= ? AND trigger_date < ? GROUP BY program",
                rs -> {
                    totals.computeIfAbsent(Program.valueOf(rs.getString(1)), k -> new TreeMap<>()).put(from.getYear(), rs.getBigDecimal(2));
                }, from.withDayOfYear(1), from);
        return totals;
    }

    /** Firms with a unit triggered in the period, by USCC. */
    List<String> firmsWithUnitsIn(LocalDate from, LocalDate to) {
        return jdbc.queryForList("SELECT DISTINCT uscc FROM claim_unit WHERE due_on BETWEEN ? AND ? ORDER BY uscc", String.class,
                from, to);
    }

    /** The firms' units whose trigger date the nights found in the period. */
    List<ClaimUnit> unitsIn(Collection<String> usccs, LocalDate from, LocalDate to) {
        return inSlices(usccs, slice -> jdbc.query("SELECT id, program, bank_code, uscc, approval_no, contract_no, installment_no, due_on"
                        + " FROM claim_unit WHERE uscc IN (" + placeholders(slice) + ") AND due_on BETWEEN ? AND ?",
                (rs, n) -> new ClaimUnit(rs.getLong(1), Program.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, Integer.class), rs.getObject(8, LocalDate.class)),
                args(slice, from, to)));
    }

    /** The firms' claims triggered before {@code from} that took from a cap (an amount above 0.00, whatever their status now). */
    List<EarlierClaim> earlierClaims(Collection<String> usccs, LocalDate from) {
        return inSlices(usccs, slice -> jdbc.query("SELECT program, uscc, trigger_date, amount FROM claim WHERE uscc IN ("
                        + placeholders(slice) + ") AND trigger_date < ? AND amount > 0",
                (rs, n) -> new EarlierClaim(Program.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getBigDecimal(4)), args(slice, from)));
    }

    private interface SliceQuery<T> {
        List<T> run(List<String> slice);
    }

    private static <T> List<T> inSlices(Collection<String> usccs, SliceQuery<T> query) {
        List<String> firms = List.copyOf(usccs);
        List<T> rows = new ArrayList<>();
        for (int from = 0; from < firms.size(); from += FIRMS_PER_QUERY) {
            rows.addAll(query.run(firms.subList(from, Math.min(firms.size(), from + FIRMS_PER_QUERY))));
        }
        return rows;
    }

    private static String placeholders(List<String> slice) {
        return String.join(",", Collections.nCopies(slice.size(), "?"));
    }

    private static Object[] args(List<String> slice, Object... more) {
        List<Object> args = new ArrayList<>(slice);
        args.addAll(List.of(more));
        return args.toArray();
    }

    private static WhatIf whatIf(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new WhatIf(rs.getLong("id"), rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                rs.getString("draft"), Status.valueOf(rs.getString("status")), rs.getString("created_by"),
                rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }
}
