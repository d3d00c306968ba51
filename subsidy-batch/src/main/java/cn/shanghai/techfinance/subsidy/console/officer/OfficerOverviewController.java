package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.settlement.SettlementNotFound;
import cn.shanghai.techfinance.subsidy.settlement.Settlements;
import cn.shanghai.techfinance.subsidy.settlement.Settlements.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The officers' start page (officers, approvers, auditors): a year's subsidies by month and
 * programme, each programme's budget used and left ({@link Settlements#budget}, as
 * {@code GET /api/v1/budgets/{program}/{year}} answers it), and the year's claims by state; each as
 * a chart and as a table with totals. The year is the business date's unless one is asked for.
 */
@Controller
class OfficerOverviewController {

    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    private final OverviewFigures figures;
    private final Settlements settlements;
    private final OverviewCharts charts;
    private final BusinessClock businessClock;

    OfficerOverviewController(OverviewFigures figures, Settlements settlements, OverviewCharts charts, BusinessClock businessClock) {
        this.figures = figures;
        this.settlements = settlements;
        this.charts = charts;
        this.businessClock = businessClock;
    }

    @GetMapping("/console/officer")
    String overview(@RequestParam(name = "year", required = false) String asked, Model model, Locale locale) {
        int year = businessClock.today().getYear();
        if (asked != null && !asked.isBlank()) {
            String trimmed = asked.strip();
            int chosen = YEAR.matcher(trimmed).matches() ? Integer.parseInt(trimmed) : 0;
            if (chosen >= FIRST_YEAR && chosen <= LAST_YEAR) {
                year = chosen;
            } else {
                // said on the page; the business date's year is shown meanwhile
                model.addAttribute("yearProblem", asked);
            }
        }
        Overview overview = Overview.of(year, figures.grantedByMonth(year), budgets(year), figures.byStatus(year));
        model.addAttribute("overview", overview);
        model.addAttribute("charts", charts.of(overview, locale));
        model.addAttribute("programs", Overview.PROGRAMS);
        model.addAttribute("monthNames", OverviewCharts.monthNames(locale));
        // as text: a message would write an int's digits grouped (2,025)
        model.addAttribute("yearText", String.valueOf(year));
        model.addAttribute("firstYear", String.valueOf(FIRST_YEAR));
        model.addAttribute("lastYear", String.valueOf(LAST_YEAR));
        return "console/officer/overview";
    }

    /** The budgets set for the year; a programme without one is named on the page as such. */
    private List<Budget> budgets(int year) {
        List<Budget> budgets = new ArrayList<>();
        for (Program program : Program.values()) {
            try {
                budgets.add(settlements.budget(program, year));
            } catch (SettlementNotFound noBudget) {
                // shown as "no budget set" beside the table
            }
        }
        return budgets;
    }
}
