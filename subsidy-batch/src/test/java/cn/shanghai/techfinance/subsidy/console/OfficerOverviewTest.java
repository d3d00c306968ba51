package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The officers' overview in a real browser: its three charts drawn by Chart.js from the webjar, and
 * the tables beside them adding up to what the claim table and the budgets hold for the year.
 */
class OfficerOverviewTest extends FirmConsoleScenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GRANTED = "('COMPUTED','PUBLISHED','CONFIRMED','PAID')";

    @Test
    void theOverviewDrawsItsThreeChartsAndItsTablesAddUpToTheClaims() {
        ConsoleBrowser wang = browser().signIn("wang");
        wang.go("/console/officer?year=2025");
        for (String chart : List.of("chart-months", "chart-budgets", "chart-statuses")) {
            wang.await(ExpectedConditions.attributeToBe(By.id(chart), "data-drawn", "true"));
        }
        wang.screenshot("console-officer-overview");

        // subsidies by month and programme: what the year's granted claims add up to (this class's HKZD instalment among them)
        assertThat(cell(wang, "months-total")).isEqualTo(money(sum("SELECT SUM(amount) FROM claim WHERE YEAR(trigger_date) = 2025"
                + " AND status IN " + GRANTED)));
        for (Program program : Program.values()) {
            assertThat(cell(wang, "months-total-" + program.publicName())).isEqualTo(money(sum("SELECT SUM(amount) FROM claim"
                    + " WHERE YEAR(trigger_date) = 2025 AND status IN " + GRANTED + " AND program = '" + program.name() + "'")));
        }
        assertThat(cell(wang, "months-total-HKZD_INTEREST")).isNotEqualTo("0.00");
        // claims by state: every claim of the year, counted and summed
        assertThat(cell(wang, "statuses-count-total")).isEqualTo(new DecimalFormat("#,##0").format(
                jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE YEAR(trigger_date) = 2025", Long.class)));
        assertThat(cell(wang, "statuses-amount-total")).isEqualTo(money(sum("SELECT SUM(amount) FROM claim WHERE YEAR(trigger_date) = 2025")));
        assertThat(wang.find(By.id("statuses-INELIGIBLE")).getText()).contains("不符合条件");
        // budgets: what the budgets API answers for the year
        BigDecimal budget = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        for (Program program : Program.values()) {
            ResponseEntity<String> answer = api().get().uri("/api/v1/budgets/{program}/2025", program.publicName()).retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode view = JSON.readTree(answer.getBody());
            budget = budget.add(view.get("budget").decimalValue());
            reserved = reserved.add(view.get("reserved").decimalValue());
        }
        assertThat(cell(wang, "budgets-total")).isEqualTo(money(budget));
        assertThat(cell(wang, "budgets-reserved-total")).isEqualTo(money(reserved));
        assertThat(cell(wang, "budgets-left-total")).isEqualTo(money(budget.subtract(reserved)));

        // a year that is not one: said, and the business date's year shown
        wang.go("/console/officer?year=20x5");
        assertThat(wang.waitFor(By.id("year-problem")).getText()).startsWith("“20x5”不是有效年度");
        wang.await(ExpectedConditions.attributeToBe(By.id("chart-months"), "data-drawn", "true"));
    }

    private static String cell(ConsoleBrowser browser, String id) {
        return browser.find(By.id(id)).getText();
    }

    private BigDecimal sum(String sql, Object... args) {
        BigDecimal sum = jdbc.queryForObject(sql, BigDecimal.class, args);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    private static String money(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }
}
