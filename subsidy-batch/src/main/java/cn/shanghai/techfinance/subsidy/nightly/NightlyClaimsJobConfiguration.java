package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.CapUsageStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.lifecycle.AutomaticTransitions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly claims job, one instance per business date D (parameter {@code businessDate}):
 * <ol>
 *   <li>{@code discoverClaimUnits}: the ledger's new rows → claim units and defaults;</li>
 *   <li>{@code computeClaims}: partitioned by firm (a firm's caps are taken in order, so a firm is
 *       never split), chunks of firms, each chunk one transaction;</li>
 *   <li>{@code applyTransitions}: the automatic transitions effective by D, in date order (forfeiture,
 *       cancellation on a default or a policy cancelled after settlement, clawback).</li>
 * </ol>
 */
@Configuration
public class NightlyClaimsJobConfiguration {

    public static final String JOB_NAME = "nightlyClaims";
    public static final String BUSINESS_DATE = "businessDate";

    @Bean
    public Job nightlyClaimsJob(JobRepository jobRepository, Step discoverClaimUnits, Step computeClaims, Step applyTransitions,
                                ObjectProvider<NightRecovery> recovery) {
        JobBuilder job = new JobBuilder(JOB_NAME, jobRepository);
        recovery.ifAvailable(job::listener);
        return job.start(discoverClaimUnits)
                .next(computeClaims)
                .next(applyTransitions)
                .build();
    }

    @Bean
    public Step discoverClaimUnits(JobRepository jobRepository, PlatformTransactionManager transactionManager, LedgerReader ledger,
                                   ClaimUnitStore units, JdbcTemplate jdbc, Clock clock) {
        return new StepBuilder("discoverClaimUnits", jobRepository)
                .tasklet(new DiscoverClaimUnitsTasklet(ledger, units, jdbc, clock), transactionManager)
                .build();
    }

    /**
     * Standalone, the slices run on local threads; a manager ({@link NightlyRole}) hands them to the
     * workers instead ({@link WorkerSlices}), the same slices under the same step execution names.
     */
    @Bean
    public Step computeClaims(JobRepository jobRepository, Step computeFirmClaims, ObjectProvider<WorkerSlices> workerSlices,
                              @Value("${subsidy.nightly.partitions:4}") int partitions) {
        var step = new StepBuilder("computeClaims", jobRepository)
                .partitioner("computeFirmClaims", firmSlices());
        WorkerSlices remote = workerSlices.getIfAvailable();
        if (remote != null) {
            return step.partitionHandler(remote).build();
        }
        return step.step(computeFirmClaims)
                .gridSize(partitions)
                .taskExecutor(new SimpleAsyncTaskExecutor("nightly-partition-"))
                .build();
    }

    /** Slices the firms by CRC32 of their USCC: stable across restarts, so a restarted slice is the same slice. */
    private static Partitioner firmSlices() {
        return gridSize -> {
            Map<String, ExecutionContext> slices = new HashMap<>();
            for (int i = 0; i < gridSize; i++) {
                ExecutionContext context = new ExecutionContext();
                context.putInt("slice", i);
                context.putInt("slices", gridSize);
                slices.put("firms-" + i, context);
            }
            return slices;
        };
    }

    /**
     * One slice's firms, {@code firms-per-chunk} to a chunk and its transaction. The processor is
     * also the step's chunk listener (the builder registers it as such): it loads the chunk's facts
     * once its firms are read. Counts: firms read, firms written, firms filtered (nothing left due).
     */
    @Bean
    public Step computeFirmClaims(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  ListItemReader<String> dueFirms, FirmClaimsProcessor firmClaimsProcessor,
                                  FirmClaimsWriter firmClaimsWriter, ObjectProvider<NightlyStepListener> listeners,
                                  @Value("${subsidy.nightly.firms-per-chunk:50}") int firmsPerChunk) {
        var step = new StepBuilder("computeFirmClaims", jobRepository)
                .<String, FirmClaims>chunk(firmsPerChunk)
                .transactionManager(transactionManager)
                .reader(dueFirms)
                .processor(firmClaimsProcessor)
                .writer(firmClaimsWriter);
        listeners.orderedStream().forEach(step::listener);
        return step.build();
    }

    /** The firms of one slice with units due by D, listed when the slice starts (claimed units drop out on restart). */
    @Bean
    @StepScope
    public ListItemReader<String> dueFirms(ClaimUnitStore units,
                                           @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate businessDate,
                                           @Value("#{stepExecutionContext['slice']}") int slice,
                                           @Value("#{stepExecutionContext['slices']}") int slices) {
        return new ListItemReader<>(units.firmsWithDueUnits(businessDate, slices, slice));
    }

    @Bean
    @StepScope
    public FirmClaimsProcessor firmClaimsProcessor(@Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate businessDate,
                                                   ClaimUnitStore units, CapUsageStore capUsage, LedgerFacts ledger,
                                                   RuleDataStore ruleData) {
        return new FirmClaimsProcessor(businessDate, units, capUsage, ledger, ruleData.versions());
    }

    @Bean
    @StepScope
    public FirmClaimsWriter firmClaimsWriter(ClaimStore claims, ClaimUnitStore units, CapUsageStore capUsage,
                                             AutomaticTransitions transitions,
                                             @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate businessDate) {
        return new FirmClaimsWriter(claims, units, capUsage, transitions, businessDate);
    }

    @Bean
    public Step applyTransitions(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 ApplyTransitionsTasklet applyTransitionsTasklet) {
        return new StepBuilder("applyTransitions", jobRepository)
                .tasklet(applyTransitionsTasklet, transactionManager)
                .build();
    }

    /** One per step execution: a restarted step lists what is still pending afresh. */
    @Bean
    @StepScope
    public ApplyTransitionsTasklet applyTransitionsTasklet(
            @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate businessDate, AutomaticTransitions transitions,
            @Value("${subsidy.nightly.transitions-per-chunk:100}") int transitionsPerChunk) {
        return new ApplyTransitionsTasklet(businessDate, transitions, transitionsPerChunk);
    }
}
