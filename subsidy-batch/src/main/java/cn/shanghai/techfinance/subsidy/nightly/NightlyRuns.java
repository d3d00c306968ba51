package cn.shanghai.techfinance.subsidy.nightly;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

/**
 * Starts the night of a business date, once: a completed night is not run again (running D twice
 * changes nothing); a failed or stopped one is restarted where it stopped; a running one is
 * returned as it is. The job operator runs jobs on their own threads: {@link #launch} returns at
 * once, {@link #runToEnd} waits.
 */
@Service
public class NightlyRuns {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job nightlyClaimsJob;

    public NightlyRuns(JobOperator jobOperator, JobRepository jobRepository, Job nightlyClaimsJob) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.nightlyClaimsJob = nightlyClaimsJob;
    }

    public static JobParameters parameters(LocalDate businessDate) {
        return new JobParametersBuilder().addLocalDate(NightlyClaimsJobConfiguration.BUSINESS_DATE, businessDate).toJobParameters();
    }

    public synchronized JobExecution launch(LocalDate businessDate) {
        Optional<JobExecution> last = last(businessDate);
        try {
            if (last.isEmpty()) {
                return jobOperator.start(nightlyClaimsJob, parameters(businessDate));
            }
            JobExecution execution = last.get();
            if (execution.getStatus() == BatchStatus.COMPLETED || execution.isRunning()) {
                return execution;
            }
            return jobOperator.restart(execution);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the night of " + businessDate + ": " + e.getMessage(), e);
        }
    }

    /** Runs the night of {@code businessDate} and waits for it to end; returns its last execution. */
    public JobExecution runToEnd(LocalDate businessDate) {
        JobExecution execution = launch(businessDate);
        while (execution.isRunning()) {
            sleep(Duration.ofMillis(100));
            execution = jobRepository.getJobExecution(execution.getId());
        }
        return execution;
    }

    public Optional<JobExecution> last(LocalDate businessDate) {
        return Optional.ofNullable(jobRepository.getLastJobExecution(NightlyClaimsJobConfiguration.JOB_NAME, parameters(businessDate)));
    }

    public Optional<JobExecution> execution(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException unknown) {
            // Spring Batch 6's JDBC repository throws for an unknown id instead of returning null
            return Optional.empty();
        }
        return Optional.ofNullable(execution)
                .filter(e -> NightlyClaimsJobConfiguration.JOB_NAME.equals(e.getJobInstance().getJobName()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the night to end", e);
        }
    }
}
