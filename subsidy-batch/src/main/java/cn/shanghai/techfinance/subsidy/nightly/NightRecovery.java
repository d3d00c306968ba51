package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.consumer.BatchFailures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * A night that failed because the database or the broker was away ({@link BatchFailures#isUnavailability}
 * of one of its failures) is restarted by itself where it stopped, after a pause that doubles from
 * {@code subsidy.nightly.recovery.first-pause} (10 s) up to {@code max-pause} (5 min), for as long
 * as {@code window} (6 h) from its first such failure: an outage is ridden out with no officer at
 * hand. A night failed for any other cause waits for an officer, as before. Not on a nightly worker:
 * the manager's night is the one that fails and restarts.
 */
@Component
@Conditional(NightlyRole.NotAWorker.class)
public class NightRecovery implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(NightRecovery.class);

    /** A night's restarts since its first failure on an outage. */
    private record Attempts(Instant firstFailure, int count) {
    }

    // looked up when a restart is due: NightlyRuns holds the job this listener is part of, and its job
    // operator, made while that job is being made, would register no job ("The Job must not be null")
    private final ObjectProvider<NightlyRuns> runs;
    private final ObjectProvider<JobRepository> jobRepository;
    private final TaskScheduler scheduler;
    private final Duration firstPause;
    private final Duration maxPause;
    private final Duration window;
    private final Map<LocalDate, Attempts> attempts = new ConcurrentHashMap<>();
    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();

    public NightRecovery(ObjectProvider<NightlyRuns> runs, ObjectProvider<JobRepository> jobRepository, TaskScheduler scheduler,
                         @Value("${subsidy.nightly.recovery.first-pause:10s}") Duration firstPause,
                         @Value("${subsidy.nightly.recovery.max-pause:5m}") Duration maxPause,
                         @Value("${subsidy.nightly.recovery.window:6h}") Duration window) {
        this.runs = runs;
        this.jobRepository = jobRepository;
        this.scheduler = scheduler;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.window = window;
    }

    /** Every second, from start-up: nights that ended since the last look. */
    @EventListener(ApplicationReadyEvent.class)
    public void startWatching() {
        scheduler.scheduleWithFixedDelay(this::lookAtEndedNights, Duration.ofSeconds(1));
    }

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution);
    }

    /**
     * The nights run here that have ended, by their executions in memory: with the database away at
     * the end, Spring Batch cannot record the end and calls no {@code afterJob}, but the execution
     * it ran has its end time, status and failures.
     */
    private void lookAtEndedNights() {
        for (JobExecution execution : running) {
            if (execution.getEndTime() != null) {
                running.remove(execution);
                ended(execution);
            }
        }
    }

    private void ended(JobExecution execution) {
        LocalDate date = execution.getJobParameters().getLocalDate(NightlyClaimsJobConfiguration.BUSINESS_DATE);
        // UNKNOWN: a step's progress could not be saved (the database went away in the middle of it)
        boolean failed = execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.UNKNOWN;
        if (failed && execution.getAllFailureExceptions().stream().anyMatch(BatchFailures::isUnavailability)) {
            scheduleRestart(date, execution.getId());
        } else {
            attempts.remove(date);
        }
    }

    private void scheduleRestart(LocalDate date, long failedExecutionId) {
        Instant now = Instant.now();
        Attempts so = attempts.merge(date, new Attempts(now, 1), (before, one) -> new Attempts(before.firstFailure(), before.count() + 1));
        if (now.isAfter(so.firstFailure().plus(window))) {
            log.error("the night of {} failed again on an outage ({} restarts since {}): no more restarts; an officer may start it again",
                    date, so.count() - 1, so.firstFailure());
            attempts.remove(date);
            return;
        }
        Duration pause = firstPause.multipliedBy(1L << Math.min(so.count() - 1, 20));
        pause = pause.compareTo(maxPause) > 0 ? maxPause : pause;
        log.warn("the night of {} (execution {}) failed because the database or the broker was away: restarting it in {} s (attempt {})",
                date, failedExecutionId, pause.toSeconds(), so.count());
        scheduler.schedule(() -> restart(date, failedExecutionId), now.plus(pause));
    }

    /**
     * The night restarted where it stopped. If the database went away before the failed execution's
     * end could be recorded, the repository still has it (or a step of it) running or UNKNOWN, and
     * Spring Batch restarts neither. Its thread has ended here, so it and those steps are marked
     * FAILED first, as {@code InterruptedJobs} does after a crash. That is safe for this job: each
     * step writes its claims, units or transitions and its own progress in one transaction on one
     * database, so what the repository says a step did is what it did, commit or not.
     */
    private void restart(LocalDate date, long failedExecutionId) {
        try {
            NightlyRuns nightlyRuns = runs.getObject();
            JobExecution last = nightlyRuns.last(date).orElseThrow();
            if (last.getId() == failedExecutionId) {
                markFailed(last);
            }
            JobExecution restarted = nightlyRuns.launch(date);
            log.info("restarted the night of {}: execution {}", date, restarted.getId());
        } catch (RuntimeException e) {
            log.warn("could not restart the night of {} yet: {}", date, e.toString());
            scheduleRestart(date, failedExecutionId);
        }
    }

    private void markFailed(JobExecution execution) {
        JobRepository repository = jobRepository.getObject();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
                step.setStatus(BatchStatus.FAILED);
                step.setEndTime(LocalDateTime.now());
                repository.update(step);
            }
        }
        if (execution.isRunning() || execution.getStatus() == BatchStatus.UNKNOWN) {
            execution.setStatus(BatchStatus.FAILED);
            execution.setEndTime(LocalDateTime.now());
            repository.update(execution);
        }
    }
}
