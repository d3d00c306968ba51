package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A firm's own pages in a real browser: its loans and claims with the reasons in words, its
 * confirmation before the deadline with the payee form, the refusal after it, another firm's claim
 * out of reach by URL and by a forged form, and the pages on a phone.
 */
class FirmConsoleTest extends FirmConsoleScenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Wed 2026-03-11: confirm by Mon 2026-03-16 (working-days.md example 1). */
    private static final LocalDate PUBLISHED_ON = LocalDate.of(2026, 3, 11);
    private static final LocalDate DEADLINE = LocalDate.of(2026, 3, 16);

    @Test
    void aFirmSeesItsLoansAndClaimsAndConfirmsBeforeTheDeadlineButCannotReachAnotherFirmsClaim() {
        JsonNode list = published(publish(PUBLISHED_ON, LocalDate.of(2025, 12, 22), LocalDate.of(2025, 12, 22)));
        assertThat(list.get("count").asInt()).isEqualTo(2);
        assertThat(list.get("confirmBy").asString()).isEqualTo(DEADLINE.toString());
        String c1 = claimId("P-c1");
        String c3 = claimId("P-c3");
        String c4 = claimId("HP-c4");
        String d1 = claimId("P-d1");

        ConsoleBrowser firm = signedIn(FIRM, browser());
        assertThat(firm.url()).isEqualTo(consoleUrl() + "/console/firm");
        assertThat(firm.find(By.id("firm-name")).getText()).isEqualTo(FIRM_NAME);
        // newest trigger date first: the HKZD instalment of 12-26, then the LYD loans of 12-24, 12-23, 12-22
        List<String> rows = firm.findAll(By.cssSelector("#firm-claims tbody tr")).stream().map(r -> r.getAttribute("id")).toList();
        assertThat(rows).containsExactly("claim-" + c4, "claim-" + c3, "claim-" + claimId("P-c2"), "claim-" + c1);
        assertThat(row(firm, c4)).contains("沪科专贷贴息", "2025-12-26", "已核算", "4,340.00", ReasonCode.RATE_CAPPED.zh());
        assertThat(row(firm, c3)).contains("科技履约贷保费补贴", "不符合条件", "0.00", ReasonCode.NOT_TECH_FIRM.zh());
        assertThat(row(firm, c1)).contains("P-c1", "公示中", "22,500.00");
        assertThat(firm.find(By.id("awaiting")).getText()).contains("1 项", "22,500.00", "2026-03-16");
        // its loans from the ledger: three LYD contracts settled, the HKZD one outstanding
        assertThat(firm.findAll(By.cssSelector("#firm-loans tbody tr"))).hasSize(4);
        assertThat(firm.find(By.id("loan-" + BANK + "-C-c1")).getText())
                .contains("科技履约贷", "3,000,000.00", "2025-06-02", "2026-06-01", "2025-12-22", "已结清");
        assertThat(firm.find(By.id("loan-" + BANK + "-HC-c4")).getText()).contains("沪科专贷", "5,000,000.00", "未结清");
        firm.screenshot("console-firm-claims");

        firm.find(By.cssSelector("#claim-" + c1 + " a")).click();
        firm.await(ExpectedConditions.urlToBe(consoleUrl() + "/console/firm/claims/" + c1));
        assertThat(firm.find(By.id("claim-status")).getText()).isEqualTo("公示中");
        assertThat(firm.find(By.id("claim-deadline")).getText()).isEqualTo(DEADLINE.toString());
        assertThat(firm.find(By.id("confirm")).getText()).contains("请于 2026-03-16（含，业务日期）前确认；今天是 2026-03-11");

        type(firm, "payeeName", FIRM_NAME);
        type(firm, "payeeAccount", "6222 0212 3456 7890");
        type(firm, "payeeBank", "中国工商银行上海分行");
        ((JavascriptExecutor) firm.driver()).executeScript("document.getElementById('confirm').scrollIntoView();");
        firm.screenshot("console-firm-claim-confirm");

        // a malformed account: said at the field, what was typed kept, nothing confirmed
        type(firm, "payeeAccount", "6222-0212-3456");
        firm.find(By.id("confirm-button")).click();
        assertThat(firm.waitFor(By.id("payeeAccount-problem")).getText()).isEqualTo("银行账号应为 8–32 位数字（不含其他字符）。");
        assertThat(firm.find(By.id("payeeAccount")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(firm.find(By.id("payeeName")).getAttribute("value")).isEqualTo(FIRM_NAME);
        assertThat(status(c1)).isEqualTo("PUBLISHED");

        // grouped digits are an account; confirmed, then shown as such (post/redirect/get)
        type(firm, "payeeAccount", "6222 0212 3456 7890");
        firm.find(By.id("confirm-button")).click();
        assertThat(firm.waitFor(By.cssSelector("#outcome .message")).getText()).isEqualTo("已确认：补贴将支付到您填写的收款账户。");
        assertThat(firm.url()).isEqualTo(consoleUrl() + "/console/firm/claims/" + c1);
        assertThat(firm.find(By.id("claim-status")).getText()).isEqualTo("已确认");
        assertThat(firm.find(By.id("claim-payee")).getText()).contains(FIRM_NAME, "6222021234567890", "中国工商银行上海分行");
        assertThat(firm.findAll(By.id("confirm-form"))).isEmpty();
        assertThat(firm.find(By.id("claim-history")).getText()).contains("公示中 → 已确认", "本企业", "2026-03-11");
        Map<String, Object> stored = jdbc.queryForMap("SELECT status, payee_name, payee_account, payee_bank FROM claim WHERE claim_id = ?", c1);
        assertThat(stored).containsEntry("status", "CONFIRMED").containsEntry("payee_name", FIRM_NAME)
                .containsEntry("payee_account", "6222021234567890").containsEntry("payee_bank", "中国工商银行上海分行");
        assertThat(jdbc.queryForObject("SELECT actor FROM claim_transition WHERE claim_id = ? ORDER BY claim_version DESC LIMIT 1",
                String.class, c1)).isEqualTo(FIRM.username());

        // another firm's claim: by its URL, the denied page and nothing of it
        firm.go("/console/firm/claims/" + d1);
        assertThat(firm.mainText()).contains("无权访问").doesNotContain("P-d1", "22,500.00");
        // nor by a form of its own making that names the other firm: the session's firm is the one that counts
        firm.go("/console/firm/claims/" + c1);
        forge(firm, "/console/firm/claims/" + d1 + "/confirmation", OTHER_FIRM.uscc());
        firm.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "无权访问"));
        assertThat(status(d1)).isEqualTo("PUBLISHED");
    }

    @Test
    void afterTheDeadlineTheConfirmationIsRefusedInWords() {
        assertThat(published(publish(PUBLISHED_ON, LocalDate.of(2025, 12, 23), LocalDate.of(2025, 12, 23))).get("count").asInt())
                .isEqualTo(1);
        String c2 = claimId("P-c2");
        businessClock.set(DEADLINE);
        ConsoleBrowser firm = signedIn(FIRM, browser());
        firm.go("/console/firm/claims/" + c2);
        assertThat(firm.find(By.id("confirm")).getText()).contains("今天是 2026-03-16");
        type(firm, "payeeName", FIRM_NAME);
        type(firm, "payeeAccount", "6222021234567890");
        type(firm, "payeeBank", "中国工商银行上海分行");
        // the page stays open past the deadline: the server refuses, in words
        businessClock.set(DEADLINE.plusDays(1));
        firm.find(By.id("confirm-button")).click();
        assertThat(firm.waitFor(By.id("refusal")).getText())
                .isEqualTo("未能确认：确认截止日为 2026-03-16，今天（业务日期）是 2026-03-17，已超过截止日。本笔补贴将视为放弃。");
        assertThat(firm.findAll(By.id("confirm-form"))).isEmpty();
        assertThat(status(c2)).isEqualTo("PUBLISHED");
        // opened afresh, in English: the deadline has passed, no form
        firm.go("/console/firm/claims/" + c2 + "?lang=en");
        assertThat(firm.find(By.id("deadline-passed")).getText())
                .isEqualTo("The deadline 2026-03-16 has passed (today is 2026-03-17): this subsidy can no longer be confirmed and"
                        + " will be forfeited.");
        assertThat(firm.findAll(By.id("confirm-form"))).isEmpty();

        // a claim that is not on a list has no form, and a made-up one is refused with its state
        String c3 = claimId("P-c3");
        firm.go("/console/firm/claims/" + c3 + "?lang=zh-CN");
        assertThat(firm.findAll(By.id("confirm-form"))).isEmpty();
        forge(firm, "/console/firm/claims/" + c3 + "/confirmation", FIRM.uscc());
        assertThat(firm.waitFor(By.id("refusal")).getText()).isEqualTo("未能确认：此补贴当前状态为“不符合条件”，不在公示确认期内。");
        assertThat(status(c3)).isEqualTo("INELIGIBLE");
    }

    @Test
    void onAPhoneTheFirmsPagesAreUsable() {
        ConsoleBrowser phone = signedIn(FIRM, phone());
        // the tables stack: no header row, each cell labelled, nothing wider than the screen
        assertThat(phone.find(By.cssSelector("#firm-claims thead")).isDisplayed()).isFalse();
        WebElement amount = phone.find(By.cssSelector("#claim-" + claimId("HP-c4") + " td.num"));
        assertThat(amount.getAttribute("data-label")).isEqualTo("金额（元）");
        assertThat(amount.isDisplayed()).isTrue();
        assertThat(overflow(phone)).isLessThanOrEqualTo(0);
        phone.screenshot("console-firm-phone");

        phone.find(By.cssSelector("#claim-" + claimId("HP-c4") + " a")).click();
        assertThat(phone.waitFor(By.id("claim-reasons")).getText()).isEqualTo(ReasonCode.RATE_CAPPED.zh());
        assertThat(overflow(phone)).isLessThanOrEqualTo(0);
    }

    /** The row of a claim on the firm's page, as read. */
    private static String row(ConsoleBrowser browser, String claimId) {
        return browser.find(By.id("claim-" + claimId)).getText();
    }

    private static void type(ConsoleBrowser browser, String field, String text) {
        WebElement input = browser.find(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    /** How many pixels the page is wider than the window (0 or less: no sideways scrolling). */
    private static long overflow(ConsoleBrowser browser) {
        return (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    /**
     * Submits a form the page never offered, with the session's CSRF token (so only its content is
     * at stake): a payee and a {@code uscc} field naming {@code uscc}, to {@code path}.
     */
    private static void forge(ConsoleBrowser browser, String path, String uscc) {
        ((JavascriptExecutor) browser.driver()).executeScript("""
                var form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                [['_csrf', document.querySelector('meta[name="_csrf"]').content], ['uscc', arguments[1]],
                 ['payeeName', '上海冒名科技有限公司'], ['payeeAccount', '12345678'], ['payeeBank', '某银行']].forEach(function (field) {
                  var input = document.createElement('input');
                  input.type = 'hidden';
                  input.name = field[0];
                  input.value = field[1];
                  form.appendChild(input);
                });
                document.body.appendChild(form);
                form.submit();
                """, path, uscc);
        browser.await(ExpectedConditions.urlContains(path));
    }

    private static JsonNode published(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(HttpStatus.CREATED);
        return JSON.readTree(answer.getBody());
    }
}
