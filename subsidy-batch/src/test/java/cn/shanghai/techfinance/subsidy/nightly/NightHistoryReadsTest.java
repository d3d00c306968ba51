package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.claims.CapUsageStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.State;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.UnitUpdate;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Approval;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Instalment;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.TouchedUnit;
import cn.shanghai.techfinance.subsidy.lifecycle.AutomaticTransitions;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The same night's work costs the same with ten times the history behind it: every query a chunk
 * and the night's last step run (the chunk's ledger facts, its due units, its caps' totals, the
 * firms due, the pending transitions, the units' and defaults' updates) reads as many rows (give or
 * take the row a range read meets past its end) before and after ten times as many firms' loans,
 * claimed units, cap totals, applied defaults and closed claims were added. Rows read are the
 * server's own count (the session's {@code Handler_read%}), as in ChangeFeedTest for the discovery.
 *
 * <p>The history is claimed (its units CLAIMED, its defaults processed, its claims FORFEITED) and so are
 * tonight's units at the end: no later night of another test finds any of them due.
 */
class NightHistoryReadsTest extends EndToEndTest {

    private static final String BANK = "HISTR-SH";
    private static final String HISTORY_BANK = "HISTR-OLD";
    private static final int FIRST_FIRM = 9_700_001;
    private static final int FIRST_HISTORY_FIRM = 9_710_001;
    private static final int[] TONIGHT = {2, 3, 4};
    private static final int HISTORY_FIRMS = 30;
    private static final LocalDate NIGHT = LocalDate.of(2025, 10, 20);

    @Autowired
    DataSource subsidyDataSource;

    @Autowired
    ClaimStore claimStore;

    @Test
    void tonightsQueriesReadTheSameRowsWithTenTimesTheHistoryBehindThem() throws SQLException {
        sendAndAwaitAccepted(LoanStoriesAccess.mixedFirms(BANK, FIRST_FIRM, TONIGHT));
        List<TouchedUnit> tonight = units(BANK, FIRST_FIRM, TONIGHT);
        try (Counted subsidy = Counted.subsidy((HikariDataSource) subsidyDataSource); Counted ledger = Counted.ledger()) {
            ClaimUnitStore units = new ClaimUnitStore(subsidy.jdbc);
            units.touch(tonight, Instant.now());
            try {
                Map<String, Long> before = reads(subsidy, ledger);

                int[] history = IntStream.range(0, HISTORY_FIRMS).map(i -> 6).toArray();
                sendAndAwaitAccepted(LoanStoriesAccess.mixedFirms(HISTORY_BANK, FIRST_HISTORY_FIRM, history));
                addClaimedHistory(units(HISTORY_BANK, FIRST_HISTORY_FIRM, history), units, subsidy.jdbc);
                Map<String, Long> after = reads(subsidy, ledger);

                System.out.printf("NIGHT HISTORY READS: rows read per query, tonight alone → with %d× the firms' history behind: %s → %s%n",
                        HISTORY_FIRMS / TONIGHT.length, before, after);
                // a range read past its last key may meet a history row where it met the index's end (or another test's row)
                // before: a row or two, not ten times. At least two: a query of 2 rows (reopenDefaultsOf) read 3 once, and
                // rows / 5 alone gave it no room at all
                before.forEach((query, rows) -> assertThat(after.get(query)).as(query).isLessThanOrEqualTo(rows + Math.max(2, rows / 5)));
            } finally {
                // tonight's units claimed, as the night would leave them, even when an assertion failed: left due, they
                // would be computed by the next test's night and fail it too
                units.update(units.dueUnitsOf(firms(FIRST_FIRM, TONIGHT.length), NIGHT).stream()
                        .map(u -> new UnitUpdate(u.id(), State.CLAIMED, u.dueOn())).toList());
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_unit WHERE bank_code IN (?, ?) AND state <> 'CLAIMED'",
                Integer.class, BANK, HISTORY_BANK)).isZero();
    }

    /** Rows read by each of the night's queries over tonight's firms. */
    private Map<String, Long> reads(Counted subsidy, Counted ledger) throws SQLException {
        ClaimUnitStore units = new ClaimUnitStore(subsidy.jdbc);
        CapUsageStore caps = new CapUsageStore(subsidy.jdbc);
        AutomaticTransitions transitions = new AutomaticTransitions(claimStore, subsidy.jdbc);
        List<String> firms = firms(FIRST_FIRM, TONIGHT.length);
        List<ClaimUnit> due = units.dueUnitsOf(firms, NIGHT);
        assertThat(due).hasSize(IntStream.of(TONIGHT).map(n -> n + 1).sum());
        List<Approval> lyd = due.stream().filter(u -> u.program() == Program.LYD).map(u -> new Approval(u.bankCode(), u.approvalNo()))
                .toList();
        List<Approval> hkzd = due.stream().filter(u -> u.program() == Program.HKZD)
                .map(u -> new Approval(u.bankCode(), u.approvalNo())).distinct().toList();
        List<Instalment> instalments = due.stream().filter(u -> u.program() == Program.HKZD)
                .map(u -> new Instalment(u.bankCode(), u.contractNo(), u.installmentNo())).toList();
        // the same states again: the statement runs in full and changes nothing
        List<UnitUpdate> unchanged = due.stream().map(u -> new UnitUpdate(u.id(), State.PENDING, u.dueOn())).toList();
        List<ClaimRecord> hkzdClaims = due.stream().filter(u -> u.program() == Program.HKZD).map(NightHistoryReadsTest::claim).toList();

        Map<String, Long> reads = new LinkedHashMap<>();
        reads.put("LedgerFacts.load", ledger.rowsRead(() -> new LedgerFacts(ledger.jdbc).load(firms, lyd, hkzd, instalments, List.of())));
        reads.put("dueUnitsOf", subsidy.rowsRead(() -> units.dueUnitsOf(firms, NIGHT)));
        reads.put("firmsWithDueUnits", subsidy.rowsRead(() -> units.firmsWithDueUnits(NIGHT, 4, 0)));
        reads.put("CapUsageStore.ofFirms", subsidy.rowsRead(() -> caps.ofFirms(firms)));
        reads.put("pendingBy", subsidy.rowsRead(() -> transitions.pendingBy(NIGHT)));
        reads.put("ClaimUnitStore.update", subsidy.rowsRead(() -> units.update(unchanged)));
        reads.put("reopenDefaultsOf", subsidy.rowsRead(() -> transitions.reopenDefaultsOf(hkzdClaims)));
        return reads;
    }

    /** Earlier nights' work on the history's firms: units claimed, caps taken, defaults applied, claims forfeited. */
    private static void addClaimedHistory(List<TouchedUnit> history, ClaimUnitStore units, JdbcTemplate jdbc) {
        units.touch(history, Instant.now());
        List<String> firms = firms(FIRST_HISTORY_FIRM, HISTORY_FIRMS);
        units.update(units.dueUnitsOf(firms, LocalDate.of(2099, 12, 31)).stream()
                .map(u -> new UnitUpdate(u.id(), State.CLAIMED, u.dueOn())).toList());
        Map<CapBucket, BigDecimal> taken = new LinkedHashMap<>();
        for (String uscc : firms) {
            for (int year = 2020; year < 2025; year++) {
                taken.put(new CapBucket(CapBucket.Kind.values()[year % CapBucket.Kind.values().length], uscc, String.valueOf(year)),
                        new BigDecimal("1000.00"));
            }
        }
        new CapUsageStore(jdbc).save(taken);
        jdbc.batchUpdate("INSERT INTO defaulted_contract (bank_code, contract_no, defaulted_on, processed) VALUES (?,?,?,TRUE)",
                IntStream.range(0, HISTORY_FIRMS).mapToObj(i -> new Object[] {HISTORY_BANK, "HC-m" + i, LocalDate.of(2025, 9, 1)}).toList());
        jdbc.batchUpdate("INSERT INTO claim (claim_id, program, bank_code, uscc, application_no, approval_no, contract_no, installment_no,"
                        + " trigger_date, base_amount, ratio, amount, status, reasons, rule_version, version, computed_for, created_at,"
                        + " updated_at) VALUES (?,?,?,?,?,?,?,?,?,100.00,0.5,50.00,'FORFEITED','','2025',3,?,NOW(3),NOW(3))",
                history.stream().map(u -> new Object[] {ClaimRecord.claimId(u.program(), u.bankCode(), u.approvalNo(), u.contractNo(),
                        u.installmentNo()), u.program().name(), u.bankCode(), u.uscc(), "A-history", u.approvalNo(), u.contractNo(),
                        u.installmentNo(), u.paidOn() == null ? LocalDate.of(2025, 9, 1) : u.paidOn(), LocalDate.of(2025, 9, 2)}).toList());
    }

    /** The units the discovery finds for {@link LoanStoriesAccess#mixedFirms}: each firm's LYD approval and HKZD instalments. */
    private static List<TouchedUnit> units(String bank, int firstFirm, int[] instalments) {
        List<TouchedUnit> units = new ArrayList<>();
        for (int i = 0; i < instalments.length; i++) {
            String uscc = LoanStoriesAccess.uscc(firstFirm + i);
            units.add(new TouchedUnit(Program.LYD, bank, uscc, "P-m" + i, null, null, null));
            for (int n = 1; n <= instalments[i]; n++) {
                units.add(new TouchedUnit(Program.HKZD, bank, uscc, "HP-m" + i, "HC-m" + i, n, LocalDate.of(2025, 2, 1).plusMonths(n - 1)));
            }
        }
        return units;
    }

    private static List<String> firms(int first, int count) {
        return IntStream.range(0, count).mapToObj(i -> LoanStoriesAccess.uscc(first + i)).toList();
    }

    private static ClaimRecord claim(ClaimUnit u) {
        return ClaimRecord.computed(ClaimRecord.claimId(u.program(), u.bankCode(), u.approvalNo(), u.contractNo(), u.installmentNo()),
                u.program(), u.bankCode(), u.uscc(), "HA", u.approvalNo(), u.contractNo(), u.installmentNo(), u.dueOn(),
                new BigDecimal("100.00"), new BigDecimal("0.5"), new BigDecimal("50.00"), ClaimStatus.COMPUTED, List.of(), "2025", NIGHT);
    }

    /** One connection of its own, whose session counters tell the rows the server read for its statements. */
    private static final class Counted implements AutoCloseable {

        private final Connection connection;
        private final JdbcTemplate jdbc;

        private Counted(Connection connection) {
            this.connection = connection;
            this.jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        }

        static Counted subsidy(HikariDataSource like) throws SQLException {
            return new Counted(DriverManager.getConnection(like.getJdbcUrl(), like.getUsername(), like.getPassword()));
        }

        static Counted ledger() throws SQLException {
            var db = SharedInfrastructure.mariaDb();
            return new Counted(DriverManager.getConnection(db.jdbcUrl(LEDGER_SCHEMA), db.username(), db.password()));
        }

        /** Rows read by {@code statements}, run once before counting: opening a table reads its statistics through handlers too. */
        long rowsRead(Runnable statements) throws SQLException {
            statements.run();
            long before = handlerReads();
            statements.run();
            return handlerReads() - before;
        }

        private long handlerReads() throws SQLException {
            long reads = 0;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
                while (rs.next()) {
                    reads += rs.getLong(2);
                }
            }
            return reads;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
