package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.identity.DemoUser;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Publication and settlement in real browsers, maker–checker: officer wang publishes a period and
 * prepares its settlement once the firms confirmed (through the API, as firms do), and sees no approve
 * button; approver li approves it in another browser and downloads the payment files; wang posts the
 * bank's results with one failed payment, whose claim goes back to CONFIRMED. The server refuses an
 * approval the page does not offer: wang's (no approver), and that of chen, an officer and approver
 * who prepared the settlement himself.
 *
 * <p>The shared database: bank CONB-SH, firms LoanStories.uscc(9_420_001…9_420_005), LYD trigger dates
 * 2025-12-08 … 2025-12-12 (no other class triggers a claim there), computed once by the night of
 * 2025-12-15. Its settlements are its own, on the 2026 budget; what it leaves PUBLISHED or CONFIRMED is
 * withdrawn after each test, so no later night or settlement counts it, and the business date is put back.
 */
class OfficerSettlementTest extends ConsoleTest {

    private static final String BANK = "CONB-SH";
    private static final int FIRST_FIRM = 9_420_001;
    private static final LocalDate PUBLISHED_ON = LocalDate.of(2026, 3, 11);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** An officer who is an approver too: maker–checker is about the person, not the roles. */
    private static final DemoUser CHEN = DemoUser.staff("chen", "chen-demo", "陈科长（经办兼复核）", "OFFICER", "APPROVER");

    private static boolean computed;

    @Autowired
    NightlyRuns runs;

    @Autowired
    BusinessClock businessClock;

    private Optional<LocalDate> dateBefore;

    /** Five LYD claims of 22,500.00, one per firm, triggered 2025-12-08 … 12, computed once by the night of 2025-12-15. */
    @BeforeEach
    void claimsComputedOnce() {
        dateBefore = businessClock.setDate();
        if (computed) {
            return;
        }
        sendAndAwaitAccepted(LoanStoriesAccess.lydLoans(BANK, FIRST_FIRM, IntStream.rangeClosed(8, 12)
                .mapToObj(day -> LocalDate.of(2025, 12, day)).toArray(LocalDate[]::new)));
        assertThat(runs.runToEnd(LocalDate.of(2025, 12, 15)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        computed = true;
    }

    /**
     * A night forfeits every PUBLISHED claim past its deadline and a settlement takes every CONFIRMED
     * claim of its period, whoever published them: what this class leaves so is withdrawn from the
     * lifecycle (test data only: no transition is recorded).
     */
    @AfterEach
    void withdrawWhatIsLeftOpenAndPutTheDateBack() {
        jdbc.update("UPDATE claim SET status = 'FORFEITED' WHERE bank_code = ? AND status IN ('PUBLISHED', 'CONFIRMED')", BANK);
        businessClock.set(dateBefore.orElse(null));
    }

    @Test
    void anOfficerPublishesAndPreparesAnApproverApprovesAndTheBanksResultsComeBack() throws Exception {
        businessClock.set(PUBLISHED_ON);
        ConsoleBrowser wang = browser().signIn("wang");

        // 公示: wang publishes 2025-12-08 … 11 and sees the list
        wang.go("/console/officer/publications");
        fill(wang, "publish-from", "2025-12-08");
        fill(wang, "publish-to", "2025-12-11");
        wang.find(By.id("publish")).click();
        assertThat(wang.waitFor(By.id("published")).getText()).contains("已公示 LYD_PREMIUM-2026-", "4 笔", "90,000.00", "2026-03-16");
        String entries = wang.find(By.id("entries")).getText();
        for (int firm = 0; firm < 4; firm++) {
            assertThat(entries).contains(uscc(firm), "22,500.00");
        }
        assertThat(entries).doesNotContain(uscc(4));
        String publication = wang.url();
        wang.screenshot("console-officer-publication");
        HttpResponse<String> list = get(wang, publication.substring(consoleUrl().length()) + "/list.csv");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(uscc(0), "合计,4,,,90000.00");
        HttpResponse<String> notice = get(wang, publication.substring(consoleUrl().length()) + "/notice.csv");
        assertThat(notice.body()).contains(uscc(0).substring(0, 6)).doesNotContain(uscc(0));
        // the same period again: nothing new, said on the page; nothing published
        wang.go("/console/officer/publications");
        fill(wang, "publish-from", "2025-12-08");
        fill(wang, "publish-to", "2025-12-11");
        wang.find(By.id("publish")).click();
        assertThat(wang.waitFor(By.id("publication-refused")).getText()).contains("未公示", "nothing new to publish");
        assertThat(wang.find(By.id("publications")).getText()).contains("wang", "90,000.00");

        // the firms confirm, each with its payee account
        for (int firm = 0; firm < 4; firm++) {
            confirm(firm);
        }

        // wang prepares the settlement, follows its preparation and finds no approve button
        wang.go("/console/officer/settlements");
        assertThat(wang.find(By.id("budget-LYD_PREMIUM")).getText()).contains("2026", "余额");
        assertThat(wang.find(By.id("budget-TECH_INSURANCE_PREMIUM")).getText()).contains("2026", "余额");
        fill(wang, "prepare-from", "2025-12-08");
        fill(wang, "prepare-to", "2025-12-11");
        wang.find(By.id("prepare")).click();
        wang.await(ExpectedConditions.textToBe(By.id("settlement-state"), "待复核"));
        long id = Long.parseLong(wang.url().substring(wang.url().lastIndexOf('/') + 1));
        assertThat(wang.find(By.id("settlement-count")).getText()).isEqualTo("4");
        assertThat(wang.find(By.id("settlement-total")).getText()).isEqualTo("90,000.00");
        assertThat(wang.find(By.id("settlement-prepared-by")).getText()).isEqualTo("wang（2026-03-11）");
        assertThat(wang.find(By.id("settlement-budget")).getText()).startsWith("余额 ");
        assertThat(wang.find(By.id("instructions")).getText()).contains("S" + id + "-00001", "S" + id + "-00004");
        assertThat(wang.findAll(By.id("approve"))).isEmpty();
        assertThat(wang.find(By.id("approval-waiting")).getText()).contains("制单人不得复核");
        wang.screenshot("console-officer-settlement");

        // wang forges the approval with his session and its CSRF token: the server refuses an officer
        HttpResponse<String> forged = post(wang, "/console/officer/settlements/" + id + "/approval");
        assertThat(forged.statusCode()).isEqualTo(HttpStatus.FORBIDDEN.value());
        assertThat(forged.body()).contains("无权访问");
        assertThat(state(id)).isEqualTo("PREPARED");

        // li, the approver, approves it in another browser; the payment files are issued
        ConsoleBrowser li = browser().signIn("li");
        li.go("/console/officer/settlements/" + id);
        li.waitFor(By.id("approve")).click();
        assertThat(li.waitFor(By.id("approved")).getText()).contains("li", "4 笔", "90,000.00");
        assertThat(li.find(By.id("settlement-state")).getText()).isEqualTo("已复核，待银行回单");
        assertThat(li.find(By.id("settlement-approved-by")).getText()).isEqualTo("li（2026-03-11）");
        assertThat(li.findAll(By.id("reconcile-form"))).isEmpty();
        li.screenshot("console-officer-settlement-approve");
        HttpResponse<String> payments = get(li, "/console/officer/settlements/" + id + "/payments.csv");
        assertThat(payments.statusCode()).isEqualTo(200);
        assertThat(payments.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"settlement-" + id
                + "-payments.csv\"");
        assertThat(payments.body()).contains("S" + id + "-00001," + uscc(0), "TOTAL,4,90000.00");
        HttpResponse<String> pain = get(li, "/console/officer/settlements/" + id + "/pain.001.xml");
        assertThat(pain.statusCode()).isEqualTo(200);
        assertThat(pain.body()).contains("<NbOfTxs>4</NbOfTxs>", "<CtrlSum>90000.00</CtrlSum>");
        assertThat(status(0)).isEqualTo("PAID");
        // the approver neither publishes nor prepares: no form, and the server refuses one forged
        li.go("/console/officer/publications");
        assertThat(li.findAll(By.id("publish-form"))).isEmpty();
        assertThat(post(li, "/console/officer/publications").statusCode()).isEqualTo(HttpStatus.FORBIDDEN.value());
        li.go("/console/officer/settlements?lang=en");
        assertThat(li.findAll(By.id("prepare-form"))).isEmpty();
        assertThat(li.find(By.id("settlement-row-" + id)).getText()).contains("Approved, waiting for the bank's results", "90,000.00");

        // reconciliation: a malformed file changes nothing and says where; then the bank's results, one payment failed
        wang.go("/console/officer/settlements/" + id);
        upload(wang, "instruction_id,status,bank_reference,paid_on\nS" + id + "-00001,MAYBE,R1,2026-03-12\n");
        assertThat(wang.waitFor(By.id("reconciliation-refused")).getText()).contains("回单格式有误", "line 2, field 'status'");
        assertThat(state(id)).isEqualTo("APPROVED");
        upload(wang, "instruction_id,status,bank_reference,paid_on\n"
                + "S" + id + "-00001,PAID,R1,2026-03-12\n"
                + "S" + id + "-00002,FAILED,R2,\n"
                + "S" + id + "-00003,PAID,R3,2026-03-12\n"
                + "S" + id + "-00004,PAID,R4,2026-03-12\n"
                + "S999999-00001,PAID,R5,2026-03-12\n");
        String reconciled = wang.waitFor(By.id("reconciled")).getText();
        assertThat(reconciled).contains("3 条指令已付款，1 条付款失败", "S" + id + "-00002", "第 6 行：S999999-00001");
        assertThat(wang.find(By.className("returned-claim")).getText()).contains(claimId(1), "已确认");
        assertThat(wang.find(By.id("settlement-state")).getText()).isEqualTo("已对账");
        assertThat(status(1)).isEqualTo("CONFIRMED");
        assertThat(status(0)).isEqualTo("PAID");
    }

    @Test
    void thePreparerCannotApproveTheirOwnSettlementEvenAsAnApprover() throws Exception {
        businessClock.set(PUBLISHED_ON);
        assertThat(api().post().uri("/api/v1/publications").contentType(MediaType.APPLICATION_JSON)
                .body("{\"program\":\"LYD_PREMIUM\",\"from\":\"2025-12-12\",\"to\":\"2025-12-12\"}").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        confirm(4);

        ConsoleBrowser chen = signedIn(CHEN);
        // a period backwards, then one with nothing confirmed in it: said in words, nothing reserved
        chen.go("/console/officer/settlements");
        fill(chen, "prepare-from", "2025-12-12");
        fill(chen, "prepare-to", "2025-12-08");
        chen.find(By.id("prepare")).click();
        assertThat(chen.waitFor(By.id("prepare-problem")).getText()).contains("晚于");
        fill(chen, "prepare-from", "2025-12-08");
        fill(chen, "prepare-to", "2025-12-08");
        chen.find(By.id("prepare")).click();
        assertThat(chen.waitFor(By.id("prepare-refused")).getText()).contains("未制单", "nothing to settle");

        chen.go("/console/officer/settlements");
        fill(chen, "prepare-from", "2025-12-12");
        fill(chen, "prepare-to", "2025-12-12");
        chen.find(By.id("prepare")).click();
        chen.await(ExpectedConditions.textToBe(By.id("settlement-state"), "待复核"));
        long id = Long.parseLong(chen.url().substring(chen.url().lastIndexOf('/') + 1));
        assertThat(chen.find(By.id("settlement-total")).getText()).isEqualTo("22,500.00");
        assertThat(chen.findAll(By.id("approve"))).isEmpty();
        assertThat(chen.find(By.id("approval-waiting")).getText()).contains("此结算单由您制作");

        // an approver, but the preparer: Settlements refuses, and the page says why in words
        HttpResponse<String> forged = post(chen, "/console/officer/settlements/" + id + "/approval");
        assertThat(forged.statusCode()).isEqualTo(HttpStatus.FORBIDDEN.value());
        assertThat(forged.body()).contains("复核被拒绝：您是此结算单的制单人", "制单人不得复核");
        assertThat(state(id)).isEqualTo("PREPARED");
        assertThat(status(4)).isEqualTo("CONFIRMED");
    }

    /** Sets a form field's value as a person picking a date would (a date input's typing depends on the browser's locale). */
    private static void fill(ConsoleBrowser browser, String inputId, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];",
                browser.waitFor(By.id(inputId)), value);
    }

    private static void upload(ConsoleBrowser browser, String csv) throws Exception {
        Path file = Files.createTempFile("bank-results", ".csv");
        Files.writeString(file, csv);
        browser.waitFor(By.id("reconciliation-file")).sendKeys(file.toAbsolutePath().toString());
        browser.find(By.id("reconcile")).click();
    }

    /** The firm confirms its claim through the API, with its own payee account. */
    private void confirm(int firm) {
        String uscc = uscc(firm);
        String payee = "{\"payeeName\":\"上海测试科技有限公司\",\"payeeAccount\":\"62220000942000" + (10 + firm)
                + "\",\"payeeBank\":\"中国工商银行上海分行\"}";
        assertThat(api(TOKENS.firmToken(uscc)).post().uri("/api/v1/firms/{uscc}/claims/{claimId}/confirmation", uscc, claimId(firm))
                .contentType(MediaType.APPLICATION_JSON).body(payee).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /** A GET with the browser's session, as a download link is followed. */
    private HttpResponse<String> get(ConsoleBrowser browser, String path) throws Exception {
        return HTTP.send(session(browser, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with the browser's session and the CSRF token of the page it shows: what a forged form would send. */
    private HttpResponse<String> post(ConsoleBrowser browser, String path) throws Exception {
        String header = browser.find(By.cssSelector("meta[name=_csrf_header]")).getAttribute("content");
        String token = browser.find(By.cssSelector("meta[name=_csrf]")).getAttribute("content");
        return HTTP.send(session(browser, path).header(header, token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder session(ConsoleBrowser browser, String path) {
        String cookie = browser.driver().manage().getCookieNamed("TF_CONSOLE").getValue();
        return HttpRequest.newBuilder(URI.create(consoleUrl() + path)).header("Cookie", "TF_CONSOLE=" + cookie);
    }

    private static String uscc(int firm) {
        return LoanStoriesAccess.uscc(FIRST_FIRM + firm);
    }

    /** The claim of firm {@code firm} (approval P-l{firm}). */
    private String claimId(int firm) {
        return jdbc.queryForObject("SELECT claim_id FROM claim WHERE bank_code = ? AND approval_no = ?", String.class, BANK,
                "P-l" + firm);
    }

    private String status(int firm) {
        return jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claimId(firm));
    }

    private String state(long settlement) {
        return jdbc.queryForObject("SELECT state FROM settlement WHERE id = ?", String.class, settlement);
    }
}
