package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.TouchedUnit;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The work list of the nightly run ({@code claim_unit}): units found in the ledger, which of them
 * are due, and which are claimed. A unit is claimed once; claimed units are never looked at again,
 * which is what makes a restarted or repeated night change nothing.
 */
@Repository
public class ClaimUnitStore {

    public enum State {
        PENDING, WAITING, CLAIMED
    }

    private static final int FIRMS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;

    public ClaimUnitStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records touched units; a touched unit that was waiting is pending again, a claimed one stays claimed. */
    public void touch(List<TouchedUnit> units, Instant now) {
        jdbc.batchUpdate("INSERT INTO claim_unit (program, bank_code, unit_no, uscc, approval_no, contract_no, installment_no,"
                        + " state, due_on, discovered_at) VALUES (?,?,?,?,?,?,?,'PENDING',?,?)"
                        + " ON DUPLICATE KEY UPDATE state = CASE WHEN state = 'CLAIMED' THEN 'CLAIMED' ELSE 'PENDING' END",
                units.stream().map(u -> new Object[] {u.program().name(), u.bankCode(),
                        ClaimUnit.unitNo(u.program(), u.approvalNo(), u.contractNo(), u.installmentNo()), u.uscc(), u.approvalNo(),
                        u.contractNo(), u.installmentNo(), u.paidOn(), LocalDateTime.ofInstant(now, ZoneOffset.UTC)}).toList());
    }

    /** Firms with a unit due by {@code businessDate}, in one of {@code partitions} slices (by CRC32 of the USCC). */
    public List<String> firmsWithDueUnits(LocalDate businessDate, int partitions, int partition) {
        // FORCE INDEX: the pending units only; ordered by uscc, the optimizer preferred walking ix_claim_unit_firm, every unit ever found
        return jdbc.queryForList("SELECT DISTINCT uscc FROM claim_unit FORCE INDEX (ix_claim_unit_state) WHERE state = 'PENDING'"
                        + " AND (due_on IS NULL OR due_on <= ?) AND MOD(CRC32(uscc), ?) = ? ORDER BY uscc",
                String.class, businessDate, partitions, partition);
    }

    /** The firms' units due by {@code businessDate}, by id (so each firm's in the order they were found). */
    public List<ClaimUnit> dueUnitsOf(Collection<String> usccs, LocalDate businessDate) {
        List<String> firms = List.copyOf(new LinkedHashSet<>(usccs));
        List<ClaimUnit> due = new ArrayList<>();
        for (int from = 0; from < firms.size(); from += FIRMS_PER_QUERY) {
            List<String> slice = firms.subList(from, Math.min(firms.size(), from + FIRMS_PER_QUERY));
            List<Object> args = new ArrayList<>(slice);
            args.add(businessDate);
            due.addAll(jdbc.query("SELECT id, program, bank_code, uscc, approval_no, contract_no, installment_no, due_on FROM claim_unit"
                            + " WHERE uscc IN (" + String.join(",", Collections.nCopies(slice.size(), "?")) + ")"
                            + " AND state = 'PENDING' AND (due_on IS NULL OR due_on <= ?)",
                    (rs, n) -> new ClaimUnit(rs.getLong(1), Program.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, Integer.class), rs.getObject(8, LocalDate.class)),
                    args.toArray()));
        }
        // sorted here, not by the query: an ORDER BY id tempts the optimizer into walking the primary key
        due.sort(Comparator.comparingLong(ClaimUnit::id));
        return due;
    }

    /**
     * Stores what a night decided for its units, {@value #UNITS_PER_UPDATE} to a statement: a join with
     * the new states as a derived table, so that the server parses and runs one statement, not one per unit.
     */
    public void update(List<UnitUpdate> updates) {
        for (int from = 0; from < updates.size(); from += UNITS_PER_UPDATE) {
            List<UnitUpdate> slice = updates.subList(from, Math.min(updates.size(), from + UNITS_PER_UPDATE));
            Object[] args = new Object[3 * slice.size()];
            for (int i = 0; i < slice.size(); i++) {
                UnitUpdate u = slice.get(i);
                args[3 * i] = u.unitId();
                args[3 * i + 1] = u.state().name();
                args[3 * i + 2] = u.dueOn();
            }
            // the first row names the columns; CAST types a due date that is NULL in every row
            String rows = "SELECT ? AS id, ? AS state, CAST(? AS DATE) AS due_on"
                    + " UNION ALL SELECT ?, ?, ?".repeat(slice.size() - 1);
            // STRAIGHT_JOIN: from the new states to their units by primary key, never a scan of the units
            jdbc.update("UPDATE (" + rows + ") n STRAIGHT_JOIN claim_unit u ON u.id = n.id SET u.state = n.state, u.due_on = n.due_on",
                    args);
        }
    }

    private static final int UNITS_PER_UPDATE = 500;

    /** What a night decided for a unit: claimed, due later on a known date, or waiting for facts. */
    public record UnitUpdate(long unitId, State state, LocalDate dueOn) {
    }
}
