package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.Batches;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.CancelledPolicy;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.DefaultedContract;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.TouchedUnit;
import cn.shanghai.techfinance.subsidy.programs.ProgramDefinition;
import cn.shanghai.techfinance.subsidy.programs.ProgramDefinitions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 1 of a night: reads the ledger batches of intake's change feed committed since the last
 * night (incremental: the cost follows the new facts, not the history) and turns them into claim
 * units (each programme's, {@link ProgramDefinition#unitsTouchedIn}) and defaults to handle, and
 * policy cancellations to judge once their claim exists.
 *
 * <p>Intake numbers its batches in commit order without gaps (see intake's LedgerWriter), so the
 * window ends at the ledger's last committed number and the watermark moves to it: a transaction
 * that commits late takes a later number and is read by the next night, never skipped. The watermark
 * is written in this step's transaction, with the units it found.
 */
class DiscoverClaimUnitsTasklet implements Tasklet {

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
        // locked: two nights started at once read the feed one after the other, never the same window twice
        long readThrough = jdbc.queryForObject("SELECT read_through FROM ledger_watermark WHERE id = 1 FOR UPDATE", Long.class);
        long committed = ledger.lastCommittedBatch();
        if (committed < readThrough) {
            throw new IllegalStateException("the ledger's change feed ends at batch " + committed + ", before the watermark "
                    + readThrough + ": this is not the ledger the earlier nights read");
        }
        Batches batches = new Batches(readThrough, committed);
        List<TouchedUnit> touched = new ArrayList<>();
        List<CancelledPolicy> cancellations = new ArrayList<>();
        for (ProgramDefinition program : ProgramDefinitions.all()) {
            touched.addAll(program.unitsTouchedIn(ledger, batches));
            cancellations.addAll(program.cancellationsIn(ledger, batches));
        }
        units.touch(touched, clock.instant());
        List<DefaultedContract> defaults = ledger.defaultsIn(batches);
        jdbc.batchUpdate("INSERT INTO defaulted_contract (bank_code, contract_no, defaulted_on, processed) VALUES (?,?,?,FALSE)"
                        + " ON DUPLICATE KEY UPDATE defaulted_on = defaulted_on",
                defaults.stream().map(d -> new Object[] {d.bankCode(), d.contractNo(), d.defaultedOn()}).toList());
        jdbc.batchUpdate("INSERT INTO cancelled_policy (program, bank_code, policy_no, approval_no, cancelled_on, processed)"
                        + " VALUES (?,?,?,?,?,FALSE) ON DUPLICATE KEY UPDATE cancelled_on = cancelled_on",
                cancellations.stream().map(c -> new Object[] {c.program().name(), c.bankCode(), c.policyNo(), c.approvalNo(),
                        c.cancelledOn()}).toList());
        jdbc.update("UPDATE ledger_watermark SET read_through = ? WHERE id = 1", committed);
        // the step's counts, for the progress API: ledger changes read, units, defaults and cancellations recorded
        int found = touched.size() + defaults.size() + cancellations.size();
        for (int i = 0; i < found; i++) {
            contribution.incrementReadCount();
        }
        contribution.incrementWriteCount(found);
        return RepeatStatus.FINISHED;
    }
}
