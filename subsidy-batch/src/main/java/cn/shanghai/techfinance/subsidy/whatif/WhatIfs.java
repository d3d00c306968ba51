package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.JobRuns;
import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.WhatIf;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts what-ifs: the draft is checked against the current rule versions before anything is stored,
 * then the what-if is recorded (RUNNING) and its job started on the job operator's thread.
 */
@Service
public class WhatIfs {

    private final WhatIfStore store;
    private final RuleDataStore rules;
    private final JsonMapper json;
    private final JobRuns runs;
    private final Clock clock;

    public WhatIfs(WhatIfStore store, RuleDataStore rules, JsonMapper json, JobOperator jobOperator, JobRepository jobRepository,
                   Job whatIfJob) {
        this.store = store;
        this.rules = rules;
        this.json = json;
        this.runs = new JobRuns(jobOperator, jobRepository, whatIfJob);
        this.clock = Clock.systemUTC();
    }

    /**
     * @throws WhatIfDraft.Invalid when the draft names something that is not a rule parameter, or a value the rules refuse
     */
    public WhatIf start(LocalDate from, LocalDate to, Map<String, Object> draft, String user) {
        WhatIfDraft.parse(draft, rules.versions());
        long id = store.create(from, to, json.writeValueAsString(draft), user, clock.instant());
        runs.launch(parameters(id), "what-if " + id);
        return store.find(id).orElseThrow();
    }

    public Optional<WhatIf> find(long id) {
        return store.find(id);
    }

    /** The what-if's priced claims summed up; the budgets its draft sets replace the budget table's. */
    @SuppressWarnings("unchecked")
    public WhatIfResult result(WhatIf whatIf) {
        Map<Program, Map<Integer, BigDecimal>> budgets = store.budgets();
        WhatIfDraft.budgets((Map<String, Object>) json.readValue(whatIf.draft(), Map.class))
                .forEach((program, years) -> budgets.computeIfAbsent(program, k -> new TreeMap<>()).putAll(years));
        return WhatIfResult.of(whatIf, store.claims(whatIf.id()), budgets, store.earlierInYear(whatIf.from()));
    }

    /** Waits at most {@code patience} for the what-if's job to end (the local run and tests wait on it). */
    public WhatIf awaitEnd(long id, Duration patience) {
        runs.last(parameters(id)).ifPresent(execution -> runs.awaitEnd(execution, patience));
        return store.find(id).orElseThrow();
    }

    private static JobParameters parameters(long id) {
        return new JobParametersBuilder().addLong(WhatIfJobConfiguration.WHAT_IF_ID, id).toJobParameters();
    }
}
