package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.contracts.Topics;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The manager's side of {@code computeClaims} (subsidy.nightly.role=manager): Spring Batch
 * Integration's {@link MessageChannelPartitionHandler} sends one request per slice to the workers and
 * polls the job repository until every slice's step execution has ended — at most
 * {@code subsidy.nightly.manager.timeout}. Past that the slices still running are marked FAILED (so
 * that a worker still at it fails its next chunk on the step execution's version instead of racing
 * the restart) and the step fails with a reason an operator can act on; the night is then FAILED
 * and restartable, and its restart sends requests for the slices that did not complete.
 */
public final class WorkerSlices implements PartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(WorkerSlices.class);

    private final MessageChannelPartitionHandler requests;
    private final JobRepository jobRepository;
    private final Duration timeout;

    public WorkerSlices(MessageChannelPartitionHandler requests, JobRepository jobRepository, Duration timeout) {
        this.requests = requests;
        this.jobRepository = jobRepository;
        this.timeout = timeout;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution) throws Exception {
        try {
            return requests.handle(splitter, managerStepExecution);
        } catch (TimeoutException e) {
            List<String> unfinished = failUnfinished(managerStepExecution);
            throw new IllegalStateException("the nightly workers did not finish slices " + unfinished + " within " + timeout
                    + " (subsidy.nightly.manager.timeout): is a subsidy-batch with subsidy.nightly.role=worker running and"
                    + " reading " + Topics.NIGHTLY_PARTITIONS
                    + "? The night is FAILED; run it again to restart the slices that did not complete", e);
        }
    }

    private List<String> failUnfinished(StepExecution managerStepExecution) {
        String reason = "not finished by a nightly worker within " + timeout + "; failed by the manager";
        List<StepExecution> running = jobRepository.getJobExecution(managerStepExecution.getJobExecutionId()).getStepExecutions()
                .stream().filter(s -> s.getId() != managerStepExecution.getId() && s.getStatus().isRunning()).toList();
        for (StepExecution slice : running) {
            slice.setStatus(BatchStatus.FAILED);
            slice.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
            slice.setEndTime(LocalDateTime.now());
            try {
                jobRepository.update(slice);
            } catch (OptimisticLockingFailureException moved) {
                // a worker recorded progress at that moment: it is alive; its slice fails the step all the same
                log.warn("slice {} moved while being failed after the timeout", slice.getStepName());
            }
        }
        return running.stream().map(StepExecution::getStepName).sorted().collect(Collectors.toList());
    }
}
