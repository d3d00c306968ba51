package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.JobRuns;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts the night of a business date, once (running D twice changes nothing): {@link JobRuns}
 * restarts a failed night where it stopped. {@link #launch} returns at once, {@link #runToEnd} waits.
 */
@Service
public class NightlyRuns {

    private final JobRuns runs;

    public NightlyRuns(JobOperator jobOperator, JobRepository jobRepository, Job nightlyClaimsJob) {
        this.runs = new JobRuns(jobOperator, jobRepository, nightlyClaimsJob);
    }

    public static JobParameters parameters(LocalDate businessDate) {
        return new JobParametersBuilder().addLocalDate(NightlyClaimsJobConfiguration.BUSINESS_DATE, businessDate).toJobParameters();
    }

    public JobExecution launch(LocalDate businessDate) {
        return runs.launch(parameters(businessDate), "the night of " + businessDate);
    }

    /** Runs the night of {@code businessDate} and waits for it to end; returns its last execution. */
    public JobExecution runToEnd(LocalDate businessDate) {
        return runs.awaitEnd(launch(businessDate), Duration.ofDays(1));
    }

    public Optional<JobExecution> last(LocalDate businessDate) {
        return runs.last(parameters(businessDate));
    }

    public Optional<JobExecution> execution(long executionId) {
        return runs.execution(executionId);
    }
}
