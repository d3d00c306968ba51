package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.subsidy.OfficerConsoleStories;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The officers' runs page in a real browser: officer wang starts the night of
 * {@link OfficerConsoleStories#NIGHT} and follows it to its end on the page; an auditor sees the runs
 * but no start button, and the server refuses the start when the auditor posts it anyway.
 *
 * <p>Shares the database, the ledger and the nights with the other end-to-end classes; its claims are
 * {@link OfficerConsoleStories}' (banks CONA-SH and CONA-SH-2), which OfficerClaimsTest reads too: whichever
 * class runs first sends them, and the night of 2025-12-08 computes them. Nothing is published, and the
 * business clock is left alone.
 */
class OfficerRunsTest extends ConsoleTest {

    /** A night on a loaded machine: longer than a page's wait. */
    private static final Duration NIGHT_PATIENCE = Duration.ofMinutes(3);
    /** A business date no class runs: the auditor's refused start must leave it unrun. */
    private static final LocalDate REFUSED_NIGHT = LocalDate.of(2025, 12, 7);

    @Autowired
    NightlyRuns runs;

    @BeforeEach
    void theBanksEventsAreInTheLedger() {
        List<BankEvent> events = OfficerConsoleStories.eventsNotYetSent();
        if (!events.isEmpty()) {
            sendAndAwaitAccepted(events);
        }
    }

    @Test
    void anOfficerStartsTheNightAndSeesItComplete() {
        ConsoleBrowser wang = signedIn(ConsoleUsers.WANG);
        wang.go("/console/officer/runs");
        WebElement date = wang.waitFor(By.id("businessDate"));
        // a date input takes its value in the browser's locale when typed: set the ISO value it submits
        ((JavascriptExecutor) wang.driver()).executeScript("arguments[0].value = arguments[1]", date, OfficerConsoleStories.NIGHT.toString());
        wang.find(By.id("start-run")).click();
        wang.waitFor(By.id("run-started"));
        String started = wang.url().replaceAll(".*[?&]started=(\\d+).*", "$1");
        long executionId = Long.parseLong(started);
        assertThat(runs.last(OfficerConsoleStories.NIGHT)).hasValueSatisfying(e -> assertThat(e.getId()).isEqualTo(executionId));

        // the row of the run polls itself while it runs and stops once it has ended: no reload here
        By row = By.id("run-" + executionId);
        new WebDriverWait(wang.driver(), NIGHT_PATIENCE)
                // htmx may swap the row between finding it and reading it: look again
                .ignoring(StaleElementReferenceException.class)
                .until(d -> "COMPLETED".equals(d.findElement(row).getAttribute("data-status")));
        WebElement completed = wang.find(row);
        assertThat(completed.getAttribute("hx-trigger")).isNull();
        assertThat(completed.getText()).contains(OfficerConsoleStories.NIGHT.toString(), "已完成", "读取");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE bank_code = ?", Integer.class, OfficerConsoleStories.BANK))
                .isEqualTo(53);
        wang.screenshot("console-officer-runs");
    }

    @Test
    void anAuditorSeesTheRunsButCannotStartOne() {
        ConsoleBrowser zhao = signedIn(ConsoleUsers.ZHAO);
        zhao.go("/console/officer/runs");
        assertThat(zhao.mainText()).contains("每日补贴计算", "只有经办人员可以启动运行");
        assertThat(zhao.findAll(By.id("start-run"))).isEmpty();

        // the form is not there, but the server decides: a well-formed POST with the session's CSRF token is refused
        Object status = ((JavascriptExecutor) zhao.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "var headers = {'Content-Type': 'application/x-www-form-urlencoded'};"
                        + "headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;"
                        + "fetch('/console/officer/runs', {method: 'POST', headers: headers, body: 'businessDate=" + REFUSED_NIGHT + "',"
                        + " redirect: 'manual'}).then(function (r) { done(r.status); }, function (e) { done(String(e)); });");
        assertThat(status).isEqualTo(403L);
        assertThat(runs.last(REFUSED_NIGHT)).isEmpty();
    }
}
