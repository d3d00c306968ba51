package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.claims.CapUsageStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Approval;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Instalment;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A chunk's facts cost a fixed number of queries: the SELECTs the database server counts for a
 * chunk of one firm with two units equal those for a chunk of eight firms with seven units each
 * (the per-firm, per-unit reading took about six queries a unit). Counted by MariaDB itself
 * ({@code Com_select} of the session), on pools of one connection to the ledger and to
 * subsidy-batch's schema. Key lists longer than one query takes are sliced, and find the same facts.
 */
class ChunkQueriesTest extends EndToEndTest {

    private static final String BANK = "CHUNKQ-SH";
    private static final int FIRST_FIRM = 9_600_001;
    /** The units are found on the first night (before any is due) and claimed on the second. */
    private static final LocalDate DISCOVERED = LocalDate.of(2025, 1, 17);
    private static final LocalDate DUE = LocalDate.of(2025, 10, 17);

    @Autowired
    NightlyRuns runs;

    @Autowired
    RuleDataStore ruleData;

    @Autowired
    DataSource subsidyDataSource;

    @Autowired
    @Qualifier("ledger")
    DataSource ledgerDataSource;

    @Test
    void queriesPerChunkDoNotGrowWithItsFirmsOrUnits() {
        // firm 0: one LYD approval and one HKZD instalment; firms 1–8: one LYD approval and six instalments each
        sendAndAwaitAccepted(LoanStoriesAccess.mixedFirms(BANK, FIRST_FIRM, 1, 6, 6, 6, 6, 6, 6, 6, 6));
        assertThat(runs.runToEnd(DISCOVERED).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> firms = IntStream.range(0, 9).mapToObj(i -> LoanStoriesAccess.uscc(FIRST_FIRM + i)).toList();

        Computed small;
        Computed large;
        try (CountedPool ledger = new CountedPool((HikariDataSource) ledgerDataSource);
             CountedPool subsidy = new CountedPool((HikariDataSource) subsidyDataSource)) {
            FirmClaimsProcessor processor = new FirmClaimsProcessor(DUE, new ClaimUnitStore(subsidy.jdbc),
                    new CapUsageStore(subsidy.jdbc), new LedgerFacts(ledger.jdbc), ruleData.versions());
            small = compute(processor, firms.subList(0, 1), ledger, subsidy);
            large = compute(processor, firms.subList(1, 9), ledger, subsidy);
            slicedListsFindTheSameFacts(new LedgerFacts(ledger.jdbc), firms.get(0), ledger);
        }
        System.out.printf("CHUNK QUERIES: %d firm(s), %d claims: %d ledger + %d subsidy SELECTs; %d firms, %d claims: %d + %d%n",
                1, small.claims().size(), small.ledgerSelects(), small.subsidySelects(), 8, large.claims().size(),
                large.ledgerSelects(), large.subsidySelects());
        assertThat(small.claims()).hasSize(2);
        assertThat(large.claims()).hasSize(8 * 7);
        assertThat(large.ledgerSelects()).as("ledger queries of the larger chunk").isEqualTo(small.ledgerSelects());
        assertThat(large.subsidySelects()).as("subsidy-batch queries of the larger chunk").isEqualTo(small.subsidySelects());

        // the night computes the same claims (and claims the units, so that no later night of another test finds them due)
        assertThat(runs.runToEnd(DUE).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, String> stored = jdbc.queryForList("SELECT claim_id, status, amount FROM claim WHERE bank_code = ?", BANK).stream()
                .collect(Collectors.toMap(r -> (String) r.get("claim_id"), r -> r.get("status") + " " + amount((BigDecimal) r.get("amount"))));
        List<ClaimRecord> computed = new ArrayList<>(small.claims());
        computed.addAll(large.claims());
        assertThat(stored).isEqualTo(computed.stream()
                .collect(Collectors.toMap(ClaimRecord::claimId, c -> c.status() + " " + amount(c.amount()))));
    }

    /** Past {@code KEYS_PER_QUERY} keys a kind of fact takes more queries, and finds what one query finds. */
    private static void slicedListsFindTheSameFacts(LedgerFacts facts, String firm, CountedPool ledger) {
        Approval lyd = new Approval(BANK, "P-m0");
        Approval hkzd = new Approval(BANK, "HP-m0");
        Instalment paid = new Instalment(BANK, "HC-m0", 1);
        long before = ledger.selects();
        LedgerFacts.Facts alone = facts.load(List.of(firm), List.of(lyd), List.of(hkzd), List.of(paid), List.of());
        long aloneSelects = ledger.selectsSince(before);
        // 600 keys the ledger does not hold before each real one: the real keys fall into a second slice
        List<String> firms = new ArrayList<>(IntStream.range(0, 600).mapToObj(i -> "NONE" + i).toList());
        firms.add(firm);
        List<Approval> lydApprovals = new ArrayList<>(IntStream.range(0, 600).mapToObj(i -> new Approval(BANK, "none-" + i)).toList());
        lydApprovals.add(lyd);
        List<Instalment> instalments = new ArrayList<>(IntStream.range(0, 600).mapToObj(i -> new Instalment(BANK, "none", i + 1)).toList());
        instalments.add(paid);
        before = ledger.selects();
        LedgerFacts.Facts sliced = facts.load(firms, lydApprovals, List.of(hkzd), instalments, List.of());
        assertThat(ledger.selectsSince(before)).isGreaterThan(aloneSelects);
        assertThat(sliced.dishonestyListings(firm)).isEqualTo(alone.dishonestyListings(firm));
        assertThat(sliced.applicationOf(lyd)).isEqualTo(alone.applicationOf(lyd));
        assertThat(sliced.contractsOf(lyd)).isEqualTo(alone.contractsOf(lyd)).isNotEmpty();
        assertThat(sliced.renewedByOtherApprovals(lyd)).isEqualTo(alone.renewedByOtherApprovals(lyd));
        assertThat(sliced.policiesOf(lyd)).isEqualTo(alone.policiesOf(lyd)).isNotEmpty();
        assertThat(sliced.applicationOf(hkzd)).isEqualTo(alone.applicationOf(hkzd));
        assertThat(sliced.instalment(paid)).isEqualTo(alone.instalment(paid));
        assertThat(sliced.contractOf(paid)).isEqualTo(alone.contractOf(paid));
    }

    private static String amount(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    private record Computed(List<ClaimRecord> claims, long ledgerSelects, long subsidySelects) {
    }

    /** One chunk as the step runs it: its facts loaded once its firms are read, then each firm processed. */
    private static Computed compute(FirmClaimsProcessor processor, List<String> firms, CountedPool ledger, CountedPool subsidy) {
        long ledgerBefore = ledger.selects();
        long subsidyBefore = subsidy.selects();
        processor.beforeChunk(new Chunk<>(firms));
        List<ClaimRecord> claims = new ArrayList<>();
        for (String firm : firms) {
            claims.addAll(processor.process(firm).claims());
        }
        processor.afterChunk(new Chunk<>());
        return new Computed(claims, ledger.selectsSince(ledgerBefore), subsidy.selectsSince(subsidyBefore));
    }

    /** A real pool of one connection, configured as the application's, whose SELECTs the server counts. */
    private static final class CountedPool implements AutoCloseable {

        private final HikariDataSource pool = new HikariDataSource();
        private final JdbcTemplate jdbc;
        /** SELECTs that reading the counter itself adds, if the server counts it as one. */
        private final long overhead;

        CountedPool(HikariDataSource like) {
            pool.setJdbcUrl(like.getJdbcUrl());
            pool.setUsername(like.getUsername());
            pool.setPassword(like.getPassword());
            pool.setMaximumPoolSize(1);
            pool.setMinimumIdle(1);
            jdbc = new JdbcTemplate(pool);
            long first = selects();
            overhead = selects() - first;
        }

        long selects() {
            return jdbc.queryForObject("SHOW SESSION STATUS LIKE 'Com_select'", (rs, n) -> rs.getLong(2));
        }

        long selectsSince(long before) {
            return selects() - before - overhead;
        }

        @Override
        public void close() {
            pool.close();
        }
    }
}
