package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.GroupClaim;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.Instruction;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.PayeeGroup;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The preparation of a settlement whose claims are reserved (parameter {@code settlementId}):
 * <ol>
 *   <li>{@code buildPaymentInstructions}: one instruction per firm and payee account, numbered
 *       {@code S<settlementId>-<nnnnn>} in (USCC, account) order, its claims pointing to it; chunks of
 *       instructions, each chunk one transaction;</li>
 *   <li>{@code completePreparation}: every claim in an instruction → the settlement is PREPARED.</li>
 * </ol>
 * Restartable: a restart lists the groups again and skips those whose instruction a committed chunk
 * already stored, so every instruction is written once, with the number it would have had anyway.
 */
@Configuration
public class SettlementPreparationJobConfiguration {

    public static final String JOB_NAME = "settlementPreparation";
    public static final String SETTLEMENT_ID = "settlementId";

    @Bean
    public Job settlementPreparationJob(JobRepository jobRepository, Step buildPaymentInstructions, Step completePreparation) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(buildPaymentInstructions)
                .next(completePreparation)
                .build();
    }

    @Bean
    public Step buildPaymentInstructions(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                         ListItemReader<PayeeGroup> payeeGroupsToBuild, SettlementStore settlements,
                                         ObjectProvider<SettlementStepListener> listeners,
                                         @Value("${subsidy.settlement.instructions-per-chunk:100}") int instructionsPerChunk) {
        var step = new StepBuilder("buildPaymentInstructions", jobRepository)
                .<PayeeGroup, PlannedInstruction>chunk(instructionsPerChunk)
                .transactionManager(transactionManager)
                .reader(payeeGroupsToBuild)
                .processor(planInstruction(settlements))
                .writer(storeInstructions(settlements));
        listeners.orderedStream().forEach(step::listener);
        return step.build();
    }

    /** The settlement's payee groups without an instruction yet, listed when the step (re)starts. */
    @Bean
    @StepScope
    public ListItemReader<PayeeGroup> payeeGroupsToBuild(SettlementStore settlements,
                                                         @Value("#{jobParameters['" + SETTLEMENT_ID + "']}") Long settlementId) {
        return new ListItemReader<>(settlements.payeeGroups(settlementId).stream()
                .filter(group -> !settlements.hasInstruction(instructionId(group))).toList());
    }

    /** {@code S<settlementId>-<nnnnn>}: URL-safe, and in the payment file's order. */
    static String instructionId(PayeeGroup group) {
        return "S" + group.settlementId() + "-" + String.format("%05d", group.number());
    }

    private static ItemProcessor<PayeeGroup, PlannedInstruction> planInstruction(SettlementStore settlements) {
        return group -> {
            List<GroupClaim> claims = settlements.groupClaims(group);
            BigDecimal amount = claims.stream().map(GroupClaim::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
            // a firm that confirmed several claims to one account under different names or banks: its first claim's
            GroupClaim first = claims.get(0);
            return new PlannedInstruction(new Instruction(instructionId(group), group.settlementId(), group.uscc(), first.payeeName(),
                    group.account(), first.payeeBank(), amount, claims.size(), null, null, null),
                    claims.stream().map(GroupClaim::claimId).toList());
        };
    }

    private static ItemWriter<PlannedInstruction> storeInstructions(SettlementStore settlements) {
        return chunk -> chunk.forEach(planned -> settlements.insertInstruction(planned.instruction(), planned.claimIds()));
    }

    @Bean
    public Step completePreparation(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    SettlementStore settlements) {
        return new StepBuilder("completePreparation", jobRepository)
                .tasklet((contribution, context) -> {
                    long settlementId = context.getStepContext().getStepExecution().getJobParameters().getLong(SETTLEMENT_ID);
                    int ungrouped = settlements.ungrouped(settlementId);
                    if (ungrouped > 0) {
                        throw new IllegalStateException("settlement " + settlementId + ": " + ungrouped + " claims in no instruction");
                    }
                    settlements.markPrepared(settlementId);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
