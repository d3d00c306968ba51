package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import cn.shanghai.techfinance.subsidy.api.SettlementsController;
import cn.shanghai.techfinance.subsidy.api.SettlementsController.SettlementView;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.settlement.MakerCheckerViolation;
import cn.shanghai.techfinance.subsidy.settlement.SettlementNotFound;
import cn.shanghai.techfinance.subsidy.settlement.SettlementPreparations;
import cn.shanghai.techfinance.subsidy.settlement.SettlementRefused;
import cn.shanghai.techfinance.subsidy.settlement.SettlementState;
import cn.shanghai.techfinance.subsidy.settlement.Settlements;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settlements (结算) in the console, maker–checker: an officer prepares one (its claims reserved on
 * the budget, then its preparation job, whose progress the page follows), an approver who did not
 * prepare it approves it, and its payment files are downloaded. The same operations as the API's
 * {@link SettlementsController}, through the same {@link Settlements} and {@link SettlementPreparations};
 * its views of a settlement are the API's. Each action checks the person's role here: the buttons only
 * follow what the server allows, and {@link Settlements#approve} refuses the preparer whatever roles they hold.
 */
@Controller
class SettlementPages {

    static final String BASE = "/console/officer/settlements";

    private final Settlements settlements;
    private final SettlementPreparations preparations;
    private final SettlementsController api;
    private final BusinessClock businessClock;

    SettlementPages(Settlements settlements, SettlementPreparations preparations, SettlementsController api,
                    BusinessClock businessClock) {
        this.settlements = settlements;
        this.preparations = preparations;
        this.api = api;
        this.businessClock = businessClock;
    }

    /** What the prepare form holds, as typed. */
    record PrepareForm(String program, String from, String to) {
    }

    /** A programme's budget of a year, or only its name and year when it has none. */
    record BudgetLine(String program, int year, Settlements.Budget budget) {
    }

    /** The preparation job as the page shows it: its status, and how many of the settlement's claims are on an instruction. */
    record Progress(String status, int grouped, int count) {
    }

    @GetMapping(BASE)
    String all(Model model) {
        return list(model, new PrepareForm(Program.LYD.publicName(), "", ""));
    }

    /** What the API's POST /settlements does, without waiting for the job: the page follows its progress instead. */
    @PostMapping(BASE)
    String prepare(@RequestParam(required = false) String program, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, Model model, HttpServletResponse response) {
        if (!Caller.current().has(Role.OFFICER)) {
            return denied(response);
        }
        PrepareForm form = new PrepareForm(program, from, to);
        Optional<Program> known = Program.ofPublicName(program);
        LocalDate start = date(from);
        LocalDate end = date(to);
        String problem = known.isEmpty() ? "settlement.prepare.badProgram"
                : start == null ? "settlement.prepare.badFrom"
                : end == null ? "settlement.prepare.badTo"
                : start.isAfter(end) ? "settlement.prepare.fromAfterTo" : null;
        if (problem != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", problem);
            return list(model, form);
        }
        long id;
        try {
            id = settlements.reserve(known.get(), start, end, Caller.current().user(), businessClock.today());
        } catch (SettlementRefused refused) {
            // nothing to settle, no budget, or the budget left is too small: nothing was reserved
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusal", refused.getMessage());
            return list(model, form);
        }
        preparations.launch(id);
        return "redirect:" + BASE + "/" + id;
    }

    @GetMapping(BASE + "/{id}")
    String one(@PathVariable long id, Model model, HttpServletResponse response) {
        return page(id, model, response);
    }

    /** The preparation's progress, polled by the page while it runs; once it ended, htmx reloads the page whole. */
    @GetMapping(BASE + "/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        SettlementView settlement;
        try {
            settlement = api.one(id);
        } catch (SettlementNotFound missing) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("missing", id);
            return "console/officer/settlement :: missing";
        }
        if (settlement.state() != SettlementState.PREPARING) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("settlement", settlement);
        model.addAttribute("progress", progress(settlement));
        return "console/officer/settlement :: progress";
    }

    /** Runs a failed preparation again where it stopped (the API's POST /settlements/{id}/preparation). */
    @PostMapping(BASE + "/{id}/preparation")
    String resume(@PathVariable long id, HttpServletResponse response) {
        if (!Caller.current().has(Role.OFFICER)) {
            return denied(response);
        }
        if (settlements.settlement(id).state() == SettlementState.PREPARING) {
            preparations.launch(id);
        }
        return "redirect:" + BASE + "/" + id;
    }

    /** The checker's approval (复核): an approver, and never the person who prepared it (Settlements refuses that). */
    @PostMapping(BASE + "/{id}/approval")
    String approve(@PathVariable long id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (!Caller.current().has(Role.APPROVER)) {
            return denied(response);
        }
        try {
            settlements.approve(id, Caller.current().user(), businessClock.today());
        } catch (MakerCheckerViolation violation) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("refusal", "settlement.approve.makerChecker");
            model.addAttribute("refusalDetail", violation.getMessage());
            return page(id, model, response);
        } catch (SettlementRefused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusal", "settlement.approve.refused");
            model.addAttribute("refusalDetail", refused.getMessage());
            return page(id, model, response);
        }
        redirect.addFlashAttribute("approved", true);
        return "redirect:" + BASE + "/" + id;
    }

    @GetMapping(BASE + "/{id}/payments.csv")
    ResponseEntity<String> paymentsCsv(@PathVariable long id) {
        return api.paymentsCsv(id);
    }

    @GetMapping(BASE + "/{id}/pain.001.xml")
    ResponseEntity<byte[]> pain001(@PathVariable long id) {
        return api.pain001(id);
    }

    /** The settlement's page; {@code model} may already hold a refusal or a reconciliation's results to show on it. */
    String page(long id, Model model, HttpServletResponse response) {
        SettlementView settlement;
        try {
            settlement = api.one(id);
        } catch (SettlementNotFound missing) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("missing", id);
            return "console/officer/settlement";
        }
        Caller caller = Caller.current();
        model.addAttribute("settlement", settlement);
        model.addAttribute("progress", progress(settlement));
        model.addAttribute("budget", budget(Program.ofPublicName(settlement.program()).orElseThrow(), settlement.budgetYear()));
        model.addAttribute("preparedByMe", caller.user().equals(settlement.preparedBy()));
        // the approve button: an approver, not the preparer, and a settlement waiting for approval
        model.addAttribute("mayApprove", caller.has(Role.APPROVER) && !caller.user().equals(settlement.preparedBy())
                && settlement.state() == SettlementState.PREPARED);
        model.addAttribute("mayResume", caller.has(Role.OFFICER) && settlement.state() == SettlementState.PREPARING
                && preparations.last(id).map(e -> !e.isRunning()).orElse(true));
        model.addAttribute("mayReconcile", caller.has(Role.OFFICER) && settlement.state() == SettlementState.APPROVED);
        model.addAttribute("filesIssued", settlement.state() == SettlementState.APPROVED
                || settlement.state() == SettlementState.RECONCILED);
        return "console/officer/settlement";
    }

    private String list(Model model, PrepareForm form) {
        int year = businessClock.today().getYear();
        List<BudgetLine> budgets = new ArrayList<>();
        for (Program program : Program.values()) {
            budgets.add(budget(program, year));
        }
        List<SettlementView> newestFirst = new ArrayList<>(api.all());
        Collections.reverse(newestFirst);
        model.addAttribute("settlements", newestFirst);
        model.addAttribute("budgets", budgets);
        model.addAttribute("form", form);
        model.addAttribute("programs", Arrays.stream(Program.values()).map(Program::publicName).toList());
        model.addAttribute("mayPrepare", Caller.current().has(Role.OFFICER));
        return "console/officer/settlements";
    }

    private BudgetLine budget(Program program, int year) {
        try {
            return new BudgetLine(program.publicName(), year, settlements.budget(program, year));
        } catch (SettlementNotFound noBudget) {
            return new BudgetLine(program.publicName(), year, null);
        }
    }

    private Progress progress(SettlementView settlement) {
        String status = preparations.last(settlement.id()).map(JobExecution::getStatus).map(Enum::name).orElse("STARTING");
        int grouped = settlement.instructions().stream().mapToInt(SettlementsController.InstructionView::claimCount).sum();
        return new Progress(status, Math.min(grouped, settlement.count()), settlement.count());
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String denied(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "console/denied";
    }
}
