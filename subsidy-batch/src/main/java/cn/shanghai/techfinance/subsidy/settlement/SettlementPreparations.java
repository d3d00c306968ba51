package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.JobRuns;
import java.time.Duration;
import java.util.Optional;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Runs a settlement's preparation job, once per settlement: {@link JobRuns} restarts a failed one
 * where it stopped and leaves a running one to run.
 */
@Service
public class SettlementPreparations {

    private final JobRuns runs;

    public SettlementPreparations(JobOperator jobOperator, JobRepository jobRepository, Job settlementPreparationJob) {
        this.runs = new JobRuns(jobOperator, jobRepository, settlementPreparationJob);
    }

    public static JobParameters parameters(long settlementId) {
        return new JobParametersBuilder().addLong(SettlementPreparationJobConfiguration.SETTLEMENT_ID, settlementId).toJobParameters();
    }

    public JobExecution launch(long settlementId) {
        return runs.launch(parameters(settlementId), "the preparation of settlement " + settlementId);
    }

    /** Waits at most {@code patience} for the execution to end; returns it as it then is. */
    public JobExecution awaitEnd(JobExecution execution, Duration patience) {
        return runs.awaitEnd(execution, patience);
    }

    public Optional<JobExecution> last(long settlementId) {
        return runs.last(parameters(settlementId));
    }
}
