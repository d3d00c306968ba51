package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.ClaimChange;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.hkzd.LoanDefaultCancellation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Last step of a night: for loans defaulted by D, cancels their HKZD claims not yet paid (they keep
 * their notes and add LOAN_DEFAULTED; paid claims are not recovered), once per defaulted contract.
 */
class CancelDefaultedClaimsTasklet implements Tasklet {

    private final LocalDate businessDate;
    private final ClaimStore claims;
    private final JdbcTemplate jdbc;
    private final LoanDefaultCancellation cancellation = new LoanDefaultCancellation();

    CancelDefaultedClaimsTasklet(LocalDate businessDate, ClaimStore claims, JdbcTemplate jdbc) {
        this.businessDate = businessDate;
        this.claims = claims;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<String[]> defaulted = jdbc.query("SELECT bank_code, contract_no FROM defaulted_contract"
                        + " WHERE processed = FALSE AND defaulted_on <= ? ORDER BY bank_code, contract_no",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, businessDate);
        List<ClaimChange> changed = new ArrayList<>();
        for (String[] contract : defaulted) {
            Map<ClaimKey, ClaimRecord> stored = claims.ofContract(contract[0], contract[1]).stream()
                    .collect(Collectors.toMap(c -> new ClaimKey.Hkzd(c.bankCode(), c.contractNo(), c.installmentNo()), Function.identity()));
            List<ClaimState> states = stored.entrySet().stream()
                    .map(e -> new ClaimState(e.getKey(), e.getValue().status(), e.getValue().reasons())).toList();
            for (ClaimState cancelled : cancellation.cancel(contract[0], contract[1], states)) {
                ClaimRecord before = stored.get(cancelled.key());
                changed.add(new ClaimChange(before, before.withState(cancelled.status(), cancelled.reasons())));
            }
        }
        claims.changeState(changed, Actor.night(businessDate));
        jdbc.batchUpdate("UPDATE defaulted_contract SET processed = TRUE WHERE bank_code = ? AND contract_no = ?",
                defaulted.stream().map(c -> new Object[] {c[0], c[1]}).toList());
        // the step's counts, for the progress API: defaulted contracts handled, claims cancelled
        defaulted.forEach(d -> contribution.incrementReadCount());
        contribution.incrementWriteCount(changed.size());
        return RepeatStatus.FINISHED;
    }
}
