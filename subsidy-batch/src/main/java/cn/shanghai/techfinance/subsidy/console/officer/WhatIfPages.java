package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfDraft;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfResult;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfResult.Totals;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfs;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What-ifs (政策测算) for officers, as through the API (OFFICER only): a form to price a draft rule
 * version over a period, the list, and a result page with bars drawn as inline SVG (the console's CSP
 * allows no inline script or style; SVG attributes are neither).
 */
@Controller
class WhatIfPages {

    /** Width in SVG units of the longest bar. */
    static final int BAR_WIDTH = 400;

    private final WhatIfs whatIfs;
    private final WhatIfStore store;
    private final JsonMapper json;

    WhatIfPages(WhatIfs whatIfs, WhatIfStore store, JsonMapper json) {
        this.whatIfs = whatIfs;
        this.store = store;
        this.json = json;
    }

    /** A bar pair of the chart: the row's before and after totals, as widths relative to the chart's largest. */
    public record Bar(String label, BigDecimal before, BigDecimal after, int beforeWidth, int afterWidth) {
    }

    @GetMapping("/console/officer/what-ifs")
    String list(Model model, HttpServletResponse response) {
        if (!officer(response)) {
            return "console/denied";
        }
        model.addAttribute("from", "");
        model.addAttribute("to", "");
        model.addAttribute("draft", "{\n  \"lydTechServiceRatio\": \"0.80\"\n}");
        return page(model);
    }

    @PostMapping("/console/officer/what-ifs")
    String start(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                 @RequestParam(defaultValue = "") String draft, Model model, HttpServletResponse response) {
        if (!officer(response)) {
            return "console/denied";
        }
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("draft", draft);
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(from.strip());
            end = LocalDate.parse(to.strip());
        } catch (DateTimeParseException e) {
            return refused(model, response, "whatif.error.period", null);
        }
        if (start.isAfter(end)) {
            return refused(model, response, "whatif.error.period", null);
        }
        Map<String, Object> parameters;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = json.readValue(draft.isBlank() ? "{}" : draft, Map.class);
            parameters = read;
        } catch (JacksonException e) {
            return refused(model, response, "whatif.error.json", null);
        }
        try {
            long id = whatIfs.start(start, end, parameters, Caller.current().user() == null ? "unnamed caller" : Caller.current().user()).id();
            return "redirect:/console/officer/what-ifs/" + id;
        } catch (WhatIfDraft.Invalid e) {
            return refused(model, response, "whatif.error.draft", e.getMessage());
        }
    }

    @GetMapping("/console/officer/what-ifs/{id}")
    String result(@PathVariable long id, Model model, HttpServletResponse response) {
        if (!officer(response)) {
            return "console/denied";
        }
        var found = whatIfs.find(id);
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "console/error";
        }
        WhatIfResult result = whatIfs.result(found.get());
        model.addAttribute("result", result);
        model.addAttribute("running", result.status().equals(WhatIfStore.Status.RUNNING.name()));
        model.addAttribute("programBars", bars(result.programs()));
        model.addAttribute("monthBars", bars(result.byMonth()));
        model.addAttribute("industryBars", bars(result.byIndustry()));
        model.addAttribute("barWidth", BAR_WIDTH);
        return "console/officer/what-if";
    }

    /** The running line, for its own polling: once the job has ended, htmx reloads the whole page (HX-Refresh). */
    @GetMapping("/console/officer/what-ifs/{id}/status")
    String status(@PathVariable long id, Model model, HttpServletResponse response) {
        if (!officer(response)) {
            return "console/denied";
        }
        var found = whatIfs.find(id);
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "console/error";
        }
        if (found.get().status() != WhatIfStore.Status.RUNNING) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("result", found.get());
        model.addAttribute("running", true);
        return "console/officer/what-if :: running";
    }

    private String page(Model model) {
        model.addAttribute("whatIfs", store.all());
        return "console/officer/what-ifs";
    }

    private String refused(Model model, HttpServletResponse response, String error, String detail) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("error", error);
        model.addAttribute("detail", detail);
        return page(model);
    }

    /** Officers only, as the API; approvers and auditors are told so (answered here: see RunsController). */
    private static boolean officer(HttpServletResponse response) {
        if (Caller.current().has(Role.OFFICER)) {
            return true;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return false;
    }

    /** One bar pair per row (a month's, an industry's: both programmes' rows, labelled with the programme). */
    static List<Bar> bars(List<Totals> rows) {
        BigDecimal largest = rows.stream().flatMap(r -> java.util.stream.Stream.of(r.totalBefore(), r.totalAfter()))
                .max(BigDecimal::compareTo).filter(max -> max.signum() > 0).orElse(BigDecimal.ONE);
        return rows.stream().map(r -> new Bar(r.program().equals(r.key()) ? r.key() : r.program() + " " + r.key(), r.totalBefore(),
                r.totalAfter(), width(r.totalBefore(), largest), width(r.totalAfter(), largest))).toList();
    }

    private static int width(BigDecimal amount, BigDecimal largest) {
        return amount.multiply(BigDecimal.valueOf(BAR_WIDTH)).divide(largest, 0, RoundingMode.HALF_UP).intValue();
    }
}
