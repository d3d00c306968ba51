package cn.shanghai.techfinance.subsidy.settlement;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Runs a settlement's preparation job, once per settlement: a completed one is not run again, a
 * failed or stopped one is restarted where it stopped, a running one is left to run. Jobs run on
 * their own threads; {@link #runToEnd} waits.
 */
@Service
public class SettlementPreparations {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job settlementPreparationJob;

    public SettlementPreparations(JobOperator jobOperator, JobRepository jobRepository, Job settlementPreparationJob) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.settlementPreparationJob = settlementPreparationJob;
    }

    public static JobParameters parameters(long settlementId) {
        return new JobParametersBuilder().addLong(SettlementPreparationJobConfiguration.SETTLEMENT_ID, settlementId).toJobParameters();
    }

    public synchronized JobExecution launch(long settlementId) {
        Optional<JobExecution> last = last(settlementId);
        try {
            if (last.isEmpty()) {
                return jobOperator.start(settlementPreparationJob, parameters(settlementId));
            }
            JobExecution execution = last.get();
            if (execution.getStatus() == BatchStatus.COMPLETED || execution.isRunning()) {
                return execution;
            }
            return jobOperator.restart(execution);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare settlement " + settlementId + ": " + e.getMessage(), e);
        }
    }

    /** Runs (or restarts) the preparation and waits for it to end; returns its last execution. */
    public JobExecution runToEnd(long settlementId) {
        return awaitEnd(launch(settlementId), Duration.ofDays(1));
    }

    /** Waits at most {@code patience} for the execution to end; returns it as it then is. */
    public JobExecution awaitEnd(JobExecution execution, Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        while (execution.isRunning() && Instant.now().isBefore(giveUp)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a settlement's preparation", e);
            }
            execution = jobRepository.getJobExecution(execution.getId());
        }
        return execution;
    }

    public Optional<JobExecution> last(long settlementId) {
        return Optional.ofNullable(jobRepository.getLastJobExecution(SettlementPreparationJobConfiguration.JOB_NAME,
                parameters(settlementId)));
    }
}
