package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.nightly.NightlyClaimsJobConfiguration;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRole;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import cn.shanghai.techfinance.subsidy.publication.PublicationStore;
import cn.shanghai.techfinance.subsidy.settlement.SettlementPreparationJobConfiguration;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.NoSuchJobException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * The officers' runs: the nights (newest first, paged), the settlements' preparations and the
 * publications as they were recorded; a running run's row follows its progress (htmx polls its
 * fragment every 2 s until it ends). Only an officer may start a night, as through the API.
 */
@Controller
class RunsController {

    static final int NIGHTS_PER_PAGE = 20;
    /** The settlements' preparations and the publications: the latest few, their own pages list them all. */
    static final int LATEST = 10;

    private final NightlyRuns nightlyRuns;
    private final JobRepository jobRepository;
    private final PublicationStore publications;
    private final BusinessClock businessClock;
    private final NightlyRole role;

    RunsController(NightlyRuns nightlyRuns, JobRepository jobRepository, PublicationStore publications, BusinessClock businessClock,
                   @Value("${" + NightlyRole.PROPERTY + ":standalone}") NightlyRole role) {
        this.nightlyRuns = nightlyRuns;
        this.jobRepository = jobRepository;
        this.publications = publications;
        this.businessClock = businessClock;
        this.role = role;
    }

    /** One run of a job: a night ({@code subject} its business date) or a settlement's preparation (the settlement's id). */
    public record Run(long executionId, String job, String subject, String status, LocalDateTime startTime, LocalDateTime endTime,
               String exitDescription, List<Step> steps, boolean running) {

        public boolean nightly() {
            return NightlyClaimsJobConfiguration.JOB_NAME.equals(job);
        }
    }

    public record Step(String name, String status, long readCount, long writeCount, long skipCount) {
    }

    @GetMapping("/console/officer/runs")
    String runs(@RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("businessDate", businessClock.today().minusDays(1).toString());
        return page(page, model);
    }

    @PostMapping("/console/officer/runs")
    String start(@RequestParam(defaultValue = "") String businessDate, Model model, RedirectAttributes redirect,
                 HttpServletResponse response) {
        if (!Caller.current().has(Role.OFFICER)) {
            // approvers and auditors read the runs; starting one is an officer's operation. Answered here, not
            // thrown: the API's problem handler (ApiProblems) would turn an AccessDeniedException into a 500
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return "console/denied";
        }
        model.addAttribute("businessDate", businessDate);
        if (role == NightlyRole.WORKER) {
            model.addAttribute("error", "runs.start.worker");
            return page(1, model);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(businessDate.strip());
        } catch (DateTimeParseException e) {
            model.addAttribute("error", "runs.start.badDate");
            return page(1, model);
        }
        JobExecution execution = nightlyRuns.launch(date);
        redirect.addAttribute("started", execution.getId());
        return "redirect:/console/officer/runs";
    }

    /** A run's row, for the page's polling while it runs. */
    @GetMapping("/console/officer/runs/{executionId}")
    String run(@PathVariable long executionId, Model model) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException unknown) {
            execution = null;
        }
        if (execution == null || !ours(execution.getJobInstance().getJobName())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no run " + executionId);
        }
        model.addAttribute("run", run(execution));
        return "console/officer/runs :: run";
    }

    private String page(int page, Model model) {
        long nights = instanceCount(NightlyClaimsJobConfiguration.JOB_NAME);
        int pages = (int) Math.max(1, (nights + NIGHTS_PER_PAGE - 1) / NIGHTS_PER_PAGE);
        int current = Math.min(Math.max(page, 1), pages);
        model.addAttribute("nights", runsOf(NightlyClaimsJobConfiguration.JOB_NAME, (current - 1) * NIGHTS_PER_PAGE, NIGHTS_PER_PAGE));
        model.addAttribute("nightCount", nights);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("preparations", runsOf(SettlementPreparationJobConfiguration.JOB_NAME, 0, LATEST));
        model.addAttribute("publications", publications.all().stream().limit(LATEST).toList());
        model.addAttribute("mayStart", Caller.current().has(Role.OFFICER) && role != NightlyRole.WORKER);
        return "console/officer/runs";
    }

    /** The last run of each of a job's instances (a restarted night is one row), newest instance first. */
    private List<Run> runsOf(String jobName, int start, int count) {
        List<JobInstance> instances = jobRepository.getJobInstances(jobName, start, count);
        return instances.stream()
                .map(jobRepository::getLastJobExecution)
                .filter(Objects::nonNull)
                // the last execution as the repository reads it by id: with its steps
                .map(last -> jobRepository.getJobExecution(last.getId()))
                .map(RunsController::run)
                .toList();
    }

    private long instanceCount(String jobName) {
        try {
            return jobRepository.getJobInstanceCount(jobName);
        } catch (NoSuchJobException neverRun) {
            return 0;
        }
    }

    private static boolean ours(String jobName) {
        return NightlyClaimsJobConfiguration.JOB_NAME.equals(jobName) || SettlementPreparationJobConfiguration.JOB_NAME.equals(jobName);
    }

    static Run run(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        String subject = NightlyClaimsJobConfiguration.JOB_NAME.equals(job)
                ? Objects.toString(execution.getJobParameters().getLocalDate(NightlyClaimsJobConfiguration.BUSINESS_DATE), "")
                : Objects.toString(execution.getJobParameters().getLong(SettlementPreparationJobConfiguration.SETTLEMENT_ID), "");
        List<Step> steps = execution.getStepExecutions().stream()
                .sorted(Comparator.comparingLong(StepExecution::getId))
                .map(s -> new Step(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(), s.getSkipCount()))
                .toList();
        return new Run(execution.getId(), job, subject, execution.getStatus().name(), inShanghai(execution.getStartTime()),
                inShanghai(execution.getEndTime()), execution.getExitStatus().getExitDescription(), steps, execution.isRunning());
    }

    /** The job repository keeps this JVM's local time; the page shows Beijing time, as the claims' history does. */
    private static LocalDateTime inShanghai(LocalDateTime local) {
        return local == null ? null : local.atZone(ZoneId.systemDefault()).withZoneSameInstant(BusinessClock.SHANGHAI).toLocalDateTime();
    }
}
