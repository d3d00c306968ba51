package cn.shanghai.techfinance.subsidy;

import cn.shanghai.techfinance.subsidy.nightly.NightlyClaimsJobConfiguration;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRole;
import cn.shanghai.techfinance.subsidy.settlement.SettlementPreparationJobConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A process killed in the middle of a job (kill -9, a lost pod) leaves its execution STARTED in
 * the job repository: Spring Batch had no chance to record the end, and refuses to restart a job
 * it believes running. This service is the only one running its jobs (one manager, see
 * architecture.md), so at start-up whatever is still marked running was interrupted: it is
 * recovered (marked FAILED with its steps), and the next launch of that night or that settlement's
 * preparation restarts it where it stopped. Not on a nightly worker ({@link NightlyRole}): the
 * night running there is the manager's, alive.
 */
@Component
@Conditional(NightlyRole.NotAWorker.class)
public class InterruptedJobs {

    private static final Logger log = LoggerFactory.getLogger(InterruptedJobs.class);
    private static final List<String> JOBS = List.of(NightlyClaimsJobConfiguration.JOB_NAME,
            SettlementPreparationJobConfiguration.JOB_NAME);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;

    public InterruptedJobs(JobRepository jobRepository, JobOperator jobOperator) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recoverAtStartUp() {
        recover();
    }

    /** Marks every execution of this service's jobs still recorded as running FAILED; returns them. */
    public List<JobExecution> recover() {
        List<JobExecution> recovered = new ArrayList<>();
        for (String job : JOBS) {
            for (JobExecution execution : jobRepository.findRunningJobExecutions(job)) {
                log.warn("{} execution {} ({}) was interrupted by the end of an earlier process: marked FAILED, to be restarted",
                        job, execution.getId(), execution.getJobParameters());
                recovered.add(jobOperator.recover(execution));
            }
        }
        return recovered;
    }
}
