package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.subsidy.console.officer.Overview.StatusRow;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.settlement.Settlements.Budget;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The overview's charts as Chart.js configurations, written as JSON by Jackson for
 * {@code <canvas data-chart='…'>} (console.js draws them; Thymeleaf escapes the attribute). Amounts
 * go out as JSON numbers from their BigDecimals, never through a double here.
 */
@Component
class OverviewCharts {

    /** One colour per programme, and used/left, each at least 3:1 against the white page. */
    private static final Map<Program, String> PROGRAM_COLOURS = Map.of(Program.LYD, "#0b4f8a", Program.HKZD, "#b35900",
            Program.TECH_INSURANCE, "#2e7d32");
    private static final String USED = "#0b4f8a";
    private static final String LEFT = "#6b8fb5";
    private static final String CLAIMS = "#2f6f4f";

    /** The three charts of a page, as the values of their data-chart attributes. */
    record Charts(String months, String budgets, String statuses) {
    }

    private final ObjectMapper json;
    private final MessageSource messages;

    OverviewCharts(ObjectMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    Charts of(Overview overview, Locale locale) {
        return new Charts(months(overview, locale), budgets(overview, locale), statuses(overview, locale));
    }

    /** Stacked bars: each month's granted amount, one stack segment per programme. */
    private String months(Overview overview, Locale locale) {
        List<String> labels = monthNames(locale);
        List<Map<String, Object>> datasets = Overview.PROGRAMS.stream().map(program -> Map.<String, Object>of(
                "label", programName(program, locale),
                "data", overview.months().stream().map(m -> m.amount(program)).toList(),
                "backgroundColor", PROGRAM_COLOURS.get(program),
                "stack", "granted")).toList();
        return write(Map.of("type", "bar", "data", Map.of("labels", labels, "datasets", datasets),
                "options", stackedOptions("x")));
    }

    /** Horizontal stacked bars: each programme's budget as used (reserved by settlements) and left. */
    private String budgets(Overview overview, Locale locale) {
        List<Budget> budgets = overview.budgets();
        List<String> labels = budgets.stream().map(b -> programName(b.program(), locale)).toList();
        List<Map<String, Object>> datasets = List.of(
                Map.of("label", text("overview.budgets.reserved", locale), "data", budgets.stream().map(Budget::reserved).toList(),
                        "backgroundColor", USED, "stack", "budget"),
                Map.of("label", text("overview.budgets.left", locale), "data", budgets.stream().map(Budget::left).toList(),
                        "backgroundColor", LEFT, "stack", "budget"));
        Map<String, Object> options = new HashMap<>(stackedOptions("y"));
        options.put("indexAxis", "y");
        return write(Map.of("type", "bar", "data", Map.of("labels", labels, "datasets", datasets), "options", options));
    }

    /** Bars: how many of the year's claims are in each state. */
    private String statuses(Overview overview, Locale locale) {
        List<StatusRow> rows = overview.statuses();
        return write(Map.of("type", "bar",
                "data", Map.of("labels", rows.stream().map(r -> text("status." + r.status().name(), locale)).toList(),
                        "datasets", List.of(Map.of("label", text("overview.statuses.count", locale),
                                "data", rows.stream().map(StatusRow::count).toList(), "backgroundColor", CLAIMS))),
                "options", Map.of("plugins", Map.of("legend", Map.of("display", false)),
                        "scales", Map.of("y", Map.of("beginAtZero", true, "ticks", Map.of("precision", 0))))));
    }

    /** January to December, short, in the page's language (1月 … 12月, Jan … Dec). */
    static List<String> monthNames(Locale locale) {
        return Arrays.stream(Month.values()).map(m -> m.getDisplayName(TextStyle.SHORT, locale)).toList();
    }

    /** Both axes stacked; the value axis from zero. */
    private static Map<String, Object> stackedOptions(String categoryAxis) {
        String valueAxis = categoryAxis.equals("x") ? "y" : "x";
        return Map.of("scales", Map.of(categoryAxis, Map.of("stacked", true), valueAxis, Map.of("stacked", true, "beginAtZero", true)));
    }

    private String programName(Program program, Locale locale) {
        return text("program." + program.publicName(), locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private String write(Object config) {
        return json.writeValueAsString(config);
    }
}
