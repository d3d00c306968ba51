package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.subsidy.OfficerConsoleStories;
import cn.shanghai.techfinance.subsidy.api.ClaimsExportController;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The officers' claims search and a claim's page in a real browser, on {@link OfficerConsoleStories}'
 * claims: filters by firm (USCC and name), status and bank each give exactly their claims; 53 claims
 * page as 50 + 3 with the filters kept; the CSV export holds exactly the filter's claims; a claim's
 * page explains it (history, reasons in Chinese and then in English, the ledger facts); an unknown
 * claim is a 404 page. The trigger period 2025-12-01 … 2025-12-05 is these stories' alone.
 *
 * <p>Shares the database, the ledger and the nights with the other end-to-end classes (see
 * OfficerRunsTest): whichever of the two runs first sends the stories; the night of 2025-12-08 computes
 * them. Reads only: nothing is published, the business clock is left alone.
 */
class OfficerClaimsTest extends ConsoleTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PERIOD = "&from=" + OfficerConsoleStories.FIRST_TRIGGER + "&to=" + OfficerConsoleStories.LAST_TRIGGER;

    @Autowired
    NightlyRuns runs;

    @BeforeEach
    void theNightComputedTheStories() {
        List<BankEvent> events = OfficerConsoleStories.eventsNotYetSent();
        if (!events.isEmpty()) {
            sendAndAwaitAccepted(events);
        }
        assertThat(runs.runToEnd(OfficerConsoleStories.NIGHT).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void filtersByFirmStatusAndBankGiveExactlyTheirClaims() {
        ConsoleBrowser wang = signedIn(ConsoleUsers.WANG);
        String hkzdFirm = OfficerConsoleStories.uscc(OfficerConsoleStories.HKZD_FIRM);
        wang.go("/console/officer/claims");
        wang.waitFor(By.id("firm")).sendKeys(hkzdFirm);
        wang.find(By.id("search")).click();
        wang.await(ExpectedConditions.urlContains("firm=" + hkzdFirm));
        assertThat(usccs(wang)).containsExactly(hkzdFirm);
        assertThat(wang.find(By.id("claims")).getText()).contains("沪科专贷贴息", "HC-h1 #1", "5,000.00");
        // the form shows the filter it ran
        assertThat(wang.find(By.id("firm")).getAttribute("value")).isEqualTo(hkzdFirm);

        wang.go("/console/officer/claims?firm=" + "丙寅控制台");
        assertThat(usccs(wang)).containsExactly(OfficerConsoleStories.uscc(9_410_001));
        assertThat(wang.find(By.id("claims")).getText()).contains(OfficerConsoleStories.NAMED_FIRM);

        wang.go("/console/officer/claims?status=INELIGIBLE" + PERIOD);
        assertThat(usccs(wang)).containsExactlyInAnyOrder(OfficerConsoleStories.uscc(OfficerConsoleStories.FIRST_INELIGIBLE),
                OfficerConsoleStories.uscc(OfficerConsoleStories.FIRST_INELIGIBLE + 1));
        assertThat(wang.find(By.id("status")).getAttribute("value")).isEqualTo("INELIGIBLE");

        wang.go("/console/officer/claims?bank=" + OfficerConsoleStories.BANK_2);
        assertThat(usccs(wang)).containsExactlyInAnyOrder(OfficerConsoleStories.uscc(OfficerConsoleStories.FIRST_OF_BANK_2),
                OfficerConsoleStories.uscc(OfficerConsoleStories.FIRST_OF_BANK_2 + 1),
                OfficerConsoleStories.uscc(OfficerConsoleStories.FIRST_OF_BANK_2 + 2));
        assertThat(wang.find(By.id("claims-count")).getText()).contains("共 3 笔");
        wang.screenshot("console-officer-claims");

        // a filter the page cannot understand says so, in the page
        wang.go("/console/officer/claims?from=2025-13-40");
        assertThat(wang.find(By.id("claims-summary")).getText()).contains("起始日期格式不正确");
    }

    @Test
    void fiftyToAPageTheFiltersKeptAndTheExportHoldsExactlyTheFilteredClaims() throws Exception {
        ConsoleBrowser wang = signedIn(ConsoleUsers.WANG);
        wang.go("/console/officer/claims?bank=" + OfficerConsoleStories.BANK + PERIOD);
        assertThat(wang.find(By.id("claims-count")).getText()).contains("共 53 笔", "第 1 页，共 2 页");
        List<WebElement> first = wang.findAll(By.cssSelector("#claims tr.claim"));
        assertThat(first).hasSize(50);
        // newest trigger date first
        assertThat(first.get(0).getText()).contains("2025-12-05");
        assertThat(first.get(49).getText()).doesNotContain("2025-12-05");

        wang.find(By.id("next-page")).click();
        wang.await(ExpectedConditions.urlContains("page=2"));
        assertThat(wang.url()).contains("bank=" + OfficerConsoleStories.BANK, "from=2025-12-01", "to=2025-12-05");
        assertThat(wang.findAll(By.cssSelector("#claims tr.claim"))).hasSize(3);
        assertThat(wang.find(By.id("claims-count")).getText()).contains("第 2 页，共 2 页");
        assertThat(wang.find(By.cssSelector("#claims tr.claim")).getText()).contains("2025-12-01");

        // oldest first: the sort is a link that keeps the filters
        wang.find(By.id("sort-trigger")).click();
        wang.await(ExpectedConditions.urlContains("sort=asc"));
        assertThat(wang.find(By.cssSelector("#claims tr.claim")).getText()).contains("2025-12-01");

        String csv = download(wang, wang.find(By.id("export")).getAttribute("href"));
        assertThat(csv).startsWith("\uFEFF" + ClaimsExportController.HEADER);
        List<String> lines = List.of(csv.substring(1).split("\n"));
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(53).allSatisfy(row -> assertThat(row.split(",")[1]).isEqualTo(OfficerConsoleStories.BANK));
        assertThat(rows.get(0)).contains("2025-12-01");

        String second = download(wang, "/console/officer/claims/export?bank=" + OfficerConsoleStories.BANK_2);
        assertThat(Arrays.stream(second.substring(1).split("\n")).skip(1).map(row -> row.split(",")[2]))
                .containsExactlyInAnyOrder("P-b1", "P-b2", "P-b3");
    }

    @Test
    void aClaimsPageExplainsItInChineseAndInEnglish() {
        ConsoleBrowser wang = signedIn(ConsoleUsers.WANG);
        String ineligible = ClaimRecord.claimId(Program.LYD, OfficerConsoleStories.BANK, "P-x1", null, null);
        wang.go("/console/officer/claims/" + ineligible);
        assertThat(wang.find(By.id("claim-status")).getText()).isEqualTo("不符合条件");
        assertThat(wang.find(By.id("claim-reasons")).getText()).contains("企业注册地不在上海市");
        assertThat(wang.find(By.id("claim-rule-version")).getText()).isNotBlank();
        assertThat(wang.find(By.id("history")).getText()).contains(OfficerConsoleStories.NIGHT.toString(), "核算为“不符合条件”");
        assertThat(wang.find(By.id("fact-application")).getText()).contains("A-x1", "3,000,000.00", "440305");
        assertThat(wang.find(By.id("fact-approval")).getText()).contains("P-x1");
        assertThat(wang.find(By.id("fact-contracts")).getText()).contains("C-x1", "2025-06-02", "2025-12-04");
        assertThat(wang.find(By.id("fact-policies")).getText()).contains("Y-x1", "45,000.00");
        assertThat(wang.find(By.id("fact-premiums")).getText()).contains("45,000.00", "2025-06-10");
        wang.screenshot("console-officer-claim");

        wang.find(By.id("lang-switch")).click();
        wang.await(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        assertThat(wang.find(By.id("claim-reasons")).getText()).contains("The firm is not registered in Shanghai.");
        assertThat(wang.find(By.id("claim-status")).getText()).isNotEqualTo("不符合条件");
        assertThat(wang.mainText()).contains("What it was computed from (ledger facts)");

        // an HKZD claim: its instalment is the fact
        wang.go("/console/officer/claims/" + ClaimRecord.claimId(Program.HKZD, OfficerConsoleStories.BANK, null, "HC-h1", 1));
        assertThat(wang.find(By.id("claim-amount")).getText()).isEqualTo("5,000.00");
        assertThat(wang.find(By.id("fact-instalments")).getText()).contains("10,000.00", "2025-12-03");

        wang.go("/console/officer/claims/no-such-claim");
        assertThat(wang.mainText()).contains("No such claim", "no-such-claim");
    }

    private static List<String> usccs(ConsoleBrowser browser) {
        return browser.findAll(By.cssSelector("#claims tr.claim .uscc")).stream().map(WebElement::getText).toList();
    }

    /** What the signed-in browser would download from {@code path}: the same session, outside the browser. */
    private String download(ConsoleBrowser browser, String path) throws Exception {
        String session = browser.driver().manage().getCookieNamed("TF_CONSOLE").getValue();
        URI uri = path.startsWith("http") ? URI.create(path) : URI.create(consoleUrl() + path);
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(uri).header("Cookie", "TF_CONSOLE=" + session).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
