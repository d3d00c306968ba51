package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.rules.RuleVersions;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.PricedClaim;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.WhatIf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The what-if job (parameter {@code whatIfId}): one step whose items are slices of the firms with a
 * trigger in the period, each slice priced with the current rules and the draft in a fixed number of
 * queries and written to {@code what_if_claim} in its chunk's transaction; the what-if is COMPLETED
 * (or FAILED) when the job ends. Restartable: a restarted slice writes the same rows again.
 */
@Configuration
public class WhatIfJobConfiguration {

    public static final String JOB_NAME = "whatIf";
    public static final String WHAT_IF_ID = "whatIfId";

    @Bean
    public Job whatIfJob(JobRepository jobRepository, Step priceWhatIf, WhatIfStore store) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(priceWhatIf)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution execution) {
                        long id = execution.getJobParameters().getLong(WHAT_IF_ID);
                        store.finish(id, execution.getStatus() == BatchStatus.COMPLETED ? WhatIfStore.Status.COMPLETED
                                : WhatIfStore.Status.FAILED);
                    }
                })
                .build();
    }

    @Bean
    public Step priceWhatIf(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ListItemReader<List<String>> whatIfFirmSlices, ItemProcessor<List<String>, PricedSlice> whatIfSlicePricer,
                            WhatIfStore store) {
        return new StepBuilder("priceWhatIf", jobRepository)
                .<List<String>, PricedSlice>chunk(1)
                .transactionManager(transactionManager)
                .reader(whatIfFirmSlices)
                .processor(whatIfSlicePricer)
                .writer(chunk -> chunk.forEach(slice -> store.insert(slice.whatIfId(), slice.claims())))
                .build();
    }

    /** A slice of firms' priced triggers, for the what-if it belongs to. */
    record PricedSlice(long whatIfId, List<PricedClaim> claims) {
    }

    /** The period's firms in slices, listed when the step (re)starts. */
    @Bean
    @StepScope
    public ListItemReader<List<String>> whatIfFirmSlices(WhatIfStore store, @Value("#{jobParameters['" + WHAT_IF_ID + "']}") Long id,
                                                         @Value("${subsidy.what-if.firms-per-slice:200}") int firmsPerSlice) {
        WhatIf whatIf = whatIf(store, id);
        List<String> firms = store.firmsWithUnitsIn(whatIf.from(), whatIf.to());
        List<List<String>> slices = new ArrayList<>();
        for (int from = 0; from < firms.size(); from += firmsPerSlice) {
            slices.add(List.copyOf(firms.subList(from, Math.min(firms.size(), from + firmsPerSlice))));
        }
        return new ListItemReader<>(slices);
    }

    /** Prices a slice with the rule versions as they are when the step starts, and with the what-if's draft applied to them. */
    @Bean
    @StepScope
    public ItemProcessor<List<String>, PricedSlice> whatIfSlicePricer(WhatIfStore store, LedgerFacts ledger, RuleDataStore rules,
                                                                      JsonMapper json,
                                                                      @Value("#{jobParameters['" + WHAT_IF_ID + "']}") Long id) {
        WhatIf whatIf = whatIf(store, id);
        RuleVersions current = rules.versions();
        @SuppressWarnings("unchecked")
        Map<String, Object> draft = json.readValue(whatIf.draft(), Map.class);
        RuleVersions drafted = WhatIfDraft.parse(draft, current).applyTo(current);
        WhatIfPricing pricing = new WhatIfPricing(store, ledger);
        return firms -> new PricedSlice(id, pricing.price(firms, whatIf.from(), whatIf.to(), current, drafted));
    }

    private static WhatIf whatIf(WhatIfStore store, long id) {
        return store.find(id).orElseThrow(() -> new IllegalStateException("no what-if " + id));
    }
}
