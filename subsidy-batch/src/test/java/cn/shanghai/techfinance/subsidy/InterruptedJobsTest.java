package cn.shanghai.techfinance.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.nightly.NightlyClaimsJobConfiguration;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A process killed in the middle of a night leaves the night STARTED in the job repository, and
 * Spring Batch would refuse to restart it: at the next start-up it is recovered (FAILED), and the
 * next launch of that night restarts and completes it.
 */
class InterruptedJobsTest extends EndToEndTest {

    /** A night no other test runs, before every claim's due date: its restart computes nothing. */
    private static final LocalDate NIGHT = LocalDate.of(2000, 1, 3);

    @Autowired
    JobRepository jobRepository;

    @Autowired
    InterruptedJobs interruptedJobs;

    @Autowired
    NightlyRuns runs;

    @Test
    void aNightLeftRunningByAKilledProcessIsRecoveredAndThenRestarted() {
        JobParameters parameters = NightlyRuns.parameters(NIGHT);
        // what a process killed during the night's first step leaves behind: the night and that step STARTED
        JobInstance instance = jobRepository.createJobInstance(NightlyClaimsJobConfiguration.JOB_NAME, parameters);
        JobExecution killed = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        killed.setStatus(BatchStatus.STARTED);
        killed.setStartTime(LocalDateTime.now());
        jobRepository.update(killed);
        StepExecution step = jobRepository.createStepExecution("discoverClaimUnits", killed);
        step.setStatus(BatchStatus.STARTED);
        step.setStartTime(LocalDateTime.now());
        jobRepository.update(step);
        assertThat(runs.launch(NIGHT).getId()).as("a running night is not started again").isEqualTo(killed.getId());

        assertThat(interruptedJobs.recover()).extracting(JobExecution::getId).containsExactly(killed.getId());

        assertThat(jobRepository.getJobExecution(killed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        JobExecution restarted = runs.runToEnd(NIGHT);
        assertThat(restarted.getId()).isNotEqualTo(killed.getId());
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(instance.getInstanceId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(interruptedJobs.recover()).as("nothing is left running").isEmpty();
    }
}
