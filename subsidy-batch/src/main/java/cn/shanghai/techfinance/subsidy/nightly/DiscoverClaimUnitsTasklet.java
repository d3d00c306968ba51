package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.CancelledPolicy;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.DefaultedContract;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.TouchedUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 1 of a night: reads only the ledger rows recorded since the last night (incremental: the
 * cost follows the new facts, not the history) and turns them into claim units and defaults to
 * handle, and policy cancellations to judge once their claim exists. It re-reads an overlap before the watermark, because a ledger transaction may commit a
 * little after the rows it wrote were stamped; units are keyed, so a re-read changes nothing.
 */
class DiscoverClaimUnitsTasklet implements Tasklet {

    static final Duration OVERLAP = Duration.ofMinutes(5);

    private final LedgerReader ledger;
    private final ClaimUnitStore units;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    DiscoverClaimUnitsTasklet(LedgerReader ledger, ClaimUnitStore units, JdbcTemplate jdbc, Clock clock) {
        this.ledger = ledger;
        this.units = units;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Instant readUpTo = ledger.now();
        Instant since = jdbc.query("SELECT recorded_at FROM ledger_watermark WHERE ledger_table = 'ledger'",
                        rs -> rs.next() ? rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC) : Instant.EPOCH)
                .minus(OVERLAP);
        List<TouchedUnit> touched = new ArrayList<>(ledger.lydApprovalsTouchedSince(since));
        touched.addAll(ledger.instalmentsRecordedSince(since));
        units.touch(touched, clock.instant());
        List<DefaultedContract> defaults = ledger.defaultsRecordedSince(since);
        jdbc.batchUpdate("INSERT INTO defaulted_contract (bank_code, contract_no, defaulted_on, processed) VALUES (?,?,?,FALSE)"
                        + " ON DUPLICATE KEY UPDATE defaulted_on = defaulted_on",
                defaults.stream().map(d -> new Object[] {d.bankCode(), d.contractNo(), d.defaultedOn()}).toList());
        List<CancelledPolicy> cancellations = ledger.policyCancellationsRecordedSince(since);
        jdbc.batchUpdate("INSERT INTO cancelled_policy (bank_code, policy_no, approval_no, cancelled_on, processed)"
                        + " VALUES (?,?,?,?,FALSE) ON DUPLICATE KEY UPDATE cancelled_on = cancelled_on",
                cancellations.stream().map(c -> new Object[] {c.bankCode(), c.policyNo(), c.approvalNo(), c.cancelledOn()}).toList());
        jdbc.update("DELETE FROM ledger_watermark WHERE ledger_table = 'ledger'");
        jdbc.update("INSERT INTO ledger_watermark (ledger_table, recorded_at) VALUES ('ledger', ?)",
                LocalDateTime.ofInstant(readUpTo, ZoneOffset.UTC));
        // the step's counts, for the progress API: ledger changes read, units, defaults and cancellations recorded
        int found = touched.size() + defaults.size() + cancellations.size();
        for (int i = 0; i < found; i++) {
            contribution.incrementReadCount();
        }
        contribution.incrementWriteCount(found);
        return RepeatStatus.FINISHED;
    }
}
