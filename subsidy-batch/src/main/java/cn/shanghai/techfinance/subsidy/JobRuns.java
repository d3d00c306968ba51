package cn.shanghai.techfinance.subsidy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * The runs of one job, an instance per set of identifying parameters (a night's date, a
 * settlement's id), each run once: a completed instance is not run again, a failed or stopped one
 * is restarted where it stopped, a running one is returned as it is. The job operator runs jobs on
 * their own threads: {@link #launch} returns at once, {@link #awaitEnd} waits.
 */
public final class JobRuns {

    private static final Duration POLL = Duration.ofMillis(50);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;

    public JobRuns(JobOperator jobOperator, JobRepository jobRepository, Job job) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
    }

    /** Starts, restarts or returns the instance's run; {@code what} names it in the error when it cannot. */
    public synchronized JobExecution launch(JobParameters parameters, String what) {
        Optional<JobExecution> last = last(parameters);
        try {
            if (last.isEmpty()) {
                return jobOperator.start(job, parameters);
            }
            JobExecution execution = last.get();
            if (execution.getStatus() == BatchStatus.COMPLETED || execution.isRunning()) {
                return execution;
            }
            return jobOperator.restart(execution);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + what + ": " + e.getMessage(), e);
        }
    }

    /** Waits at most {@code patience} for the execution to end; returns it as it then is. */
    public JobExecution awaitEnd(JobExecution execution, Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        while (execution.isRunning() && Instant.now().isBefore(giveUp)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + job.getName() + " to end", e);
            }
            execution = jobRepository.getJobExecution(execution.getId());
        }
        return execution;
    }

    public Optional<JobExecution> last(JobParameters parameters) {
        return Optional.ofNullable(jobRepository.getLastJobExecution(job.getName(), parameters));
    }

    /** An execution of this job by id; empty for an unknown id or another job's. */
    public Optional<JobExecution> execution(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException unknown) {
            // Spring Batch 6's JDBC repository throws for an unknown id instead of returning null
            return Optional.empty();
        }
        return Optional.ofNullable(execution).filter(e -> job.getName().equals(e.getJobInstance().getJobName()));
    }
}
