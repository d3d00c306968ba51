package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.subsidy.nightly.NightlyRole;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Start a night and follow it: for the operator on call and for the local run. */
@RestController
@RequestMapping("/api/v1/runs")
@Tag(name = "runs", description = "Nightly claims runs (每日补贴计算)")
public class NightlyRunsController {

    private final NightlyRuns runs;
    private final NightlyRole role;

    public NightlyRunsController(NightlyRuns runs, @Value("${" + NightlyRole.PROPERTY + ":standalone}") NightlyRole role) {
        this.runs = runs;
        this.role = role;
    }

    /** A run and its steps' progress. */
    public record RunView(long executionId, LocalDate businessDate, String status, String exitCode, String exitDescription,
                          LocalDateTime startTime, LocalDateTime endTime, List<StepView> steps) {
    }

    public record StepView(String name, String status, long readCount, long writeCount, long filterCount, long skipCount,
                           long commitCount, long rollbackCount) {
    }

    @PostMapping("/nightly")
    @Operation(summary = "Start the night of a business date",
            description = "Returns at once (202) with the run to follow. A completed night is not run again; a failed one restarts where it stopped.")
    public ResponseEntity<RunView> start(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        if (role == NightlyRole.WORKER) {
            // a worker runs the slices it is sent; a night it started would be no manager's, and none would recover it
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "this subsidy-batch is a nightly worker (" + NightlyRole.PROPERTY + "=worker): start the night on the manager");
        }
        JobExecution execution = runs.launch(date);
        return ResponseEntity.accepted().location(URI.create("/api/v1/runs/" + execution.getId())).body(view(execution));
    }

    @GetMapping("/{executionId}")
    @Operation(summary = "A run's state and progress (read / written / skipped per step), also while it runs")
    public RunView run(@PathVariable long executionId) {
        return runs.execution(executionId).map(NightlyRunsController::view)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no nightly run " + executionId));
    }

    @GetMapping("/nightly")
    @Operation(summary = "The last run of a business date's night")
    public RunView lastOf(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return runs.last(date).map(NightlyRunsController::view)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "the night of " + date + " has not run"));
    }

    static RunView view(JobExecution execution) {
        List<StepView> steps = execution.getStepExecutions().stream()
                .map(s -> new StepView(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(), s.getFilterCount(),
                        s.getSkipCount(), s.getCommitCount(), s.getRollbackCount()))
                .toList();
        return new RunView(execution.getId(), execution.getJobParameters().getLocalDate("businessDate"), execution.getStatus().name(),
                execution.getExitStatus().getExitCode(), execution.getExitStatus().getExitDescription(), execution.getStartTime(),
                execution.getEndTime(), steps);
    }
}
