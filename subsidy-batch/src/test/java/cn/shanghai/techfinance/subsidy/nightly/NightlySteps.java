package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The step executions of one night, by step name, as the Spring Batch samples' functional tests
 * read them: {@code discoverClaimUnits}, {@code computeClaims} (the partition manager: its counts
 * are the sum of its workers'), its workers {@code computeFirmClaims:firms-<n>}, and
 * {@code applyTransitions}.
 */
record NightlySteps(JobExecution night, Map<String, StepExecution> byName) {

    static final String DISCOVER = "discoverClaimUnits";
    static final String COMPUTE = "computeClaims";
    static final String WORKER_PREFIX = "computeFirmClaims:";
    static final String TRANSITIONS = "applyTransitions";

    static NightlySteps of(JobExecution night) {
        return new NightlySteps(night, night.getStepExecutions().stream()
                .collect(Collectors.toMap(StepExecution::getStepName, Function.identity())));
    }

    StepExecution step(String name) {
        assertThat(byName).as("steps of the night").containsKey(name);
        return byName.get(name);
    }

    List<StepExecution> workers() {
        return byName.values().stream().filter(s -> s.getStepName().startsWith(WORKER_PREFIX)).toList();
    }

    /**
     * The night completed, every step (each partition too) completed with nothing skipped or rolled
     * back, and every firm the partitions read was either written or filtered.
     */
    NightlySteps completedCleanly(int partitions) {
        assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(night.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(byName.keySet()).contains(DISCOVER, COMPUTE, TRANSITIONS);
        assertThat(workers()).hasSize(partitions);
        for (StepExecution step : byName.values()) {
            assertThat(step.getStatus()).as(step.getStepName()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(step.getExitStatus().getExitCode()).as(step.getStepName()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
            assertThat(step.getSkipCount()).as(step.getStepName() + " skips").isZero();
            assertThat(step.getRollbackCount()).as(step.getStepName() + " rollbacks").isZero();
        }
        StepExecution compute = step(COMPUTE);
        assertThat(compute.getReadCount()).as("firms read = written + filtered")
                .isEqualTo(compute.getWriteCount() + compute.getFilterCount());
        assertThat(compute.getWriteCount()).as("the manager's count is its workers' sum")
                .isEqualTo(workers().stream().mapToLong(StepExecution::getWriteCount).sum());
        return this;
    }

    /** Asserts the read / write / filter counts of one step. */
    NightlySteps counts(String stepName, long read, long written, long filtered) {
        StepExecution step = step(stepName);
        assertThat(step.getReadCount()).as(stepName + " read").isEqualTo(read);
        assertThat(step.getWriteCount()).as(stepName + " written").isEqualTo(written);
        assertThat(step.getFilterCount()).as(stepName + " filtered").isEqualTo(filtered);
        return this;
    }
}
