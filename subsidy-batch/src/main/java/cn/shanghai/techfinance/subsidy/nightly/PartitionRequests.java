package cn.shanghai.techfinance.subsidy.nightly;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The worker's side (subsidy.nightly.role=worker): runs the slice a partition request names, on the
 * consumer's thread, so that the request's offset is committed only once the slice has ended. A
 * worker that dies mid-slice leaves the request uncommitted: the group hands it to another worker,
 * which runs the same step execution again (chunks are transactions and claimed units drop out of
 * the slice's firms, so the rerun writes only what was missing).
 *
 * <p>A request for a slice that has ended, or whose night is no longer running (the manager gave up
 * waiting, or was itself interrupted and the night recovered), is stale: it is skipped, and the
 * night's restart sends a new request for that slice.
 */
public final class PartitionRequests {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequests.class);

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler steps;
    private final String workerStep;

    public PartitionRequests(JobRepository jobRepository, StepExecutionRequestHandler steps, String workerStep) {
        this.jobRepository = jobRepository;
        this.steps = steps;
        this.workerStep = workerStep;
    }

    public void handle(PartitionRequest request) {
        if (!workerStep.equals(request.stepName())) {
            log.warn("skipped a partition request for step {}: this worker runs {}", request.stepName(), workerStep);
            return;
        }
        StepExecution slice = find(request.stepExecutionId());
        if (slice == null) {
            log.warn("skipped a partition request for step execution {}: not in this job repository", request.stepExecutionId());
            return;
        }
        if (!slice.getStatus().isRunning() || !slice.getJobExecution().isRunning()) {
            log.info("skipped the stale request for {} (step execution {}, {}; night {})", slice.getStepName(), slice.getId(),
                    slice.getStatus(), slice.getJobExecution().getStatus());
            return;
        }
        log.info("running {} (step execution {}) of {}", slice.getStepName(), slice.getId(), slice.getJobExecution().getJobParameters());
        StepExecution ended = steps.handle(new StepExecutionRequest(request.stepName(), request.stepExecutionId()));
        if (ended.getStatus() == BatchStatus.FAILED || ended.getStatus() == BatchStatus.STOPPED) {
            // the handler sets the status of a step that threw out of execute() but leaves recording it to its caller
            try {
                jobRepository.update(ended);
            } catch (OptimisticLockingFailureException fenced) {
                log.warn("{} (step execution {}) was ended meanwhile by the manager", ended.getStepName(), ended.getId());
            }
        }
        log.info("{} (step execution {}) ended {}", ended.getStepName(), ended.getId(), ended.getStatus());
    }

    private StepExecution find(long stepExecutionId) {
        try {
            return jobRepository.getStepExecution(stepExecutionId);
        } catch (EmptyResultDataAccessException unknown) {
            return null;
        }
    }
}
