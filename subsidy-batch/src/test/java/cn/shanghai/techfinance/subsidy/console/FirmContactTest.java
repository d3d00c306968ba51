package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.identity.DemoUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A firm's notice address in a real browser, kept by the real notifier: set, seen again after a
 * reload, an invalid one refused with the notifier's words beside the field; only its own.
 */
class FirmContactTest extends ConsoleTest {

    private static final DemoUser FIRM = ConsoleUsers.firm(Uscc.withCheckCharacter(String.format("91310104MA%07d", 9_430_021)),
            "上海联系测试科技有限公司");
    private static final DemoUser OTHER_FIRM = ConsoleUsers.firm(Uscc.withCheckCharacter(String.format("91310104MA%07d", 9_430_022)),
            "上海另一测试科技有限公司");

    @Test
    void aFirmSetsItsAddressSeesItAfterAReloadAndAnInvalidOneIsRefused() {
        ConsoleBrowser firm = signedIn(FIRM);
        firm.go("/console/firm/contact");
        assertThat(firm.find(By.id("no-contact")).getText()).contains("尚未登记通知邮箱");

        type(firm, "finance@lianxi-test.example.cn");
        firm.find(By.id("save-contact")).click();
        firm.waitFor(By.id("contact-saved"));
        assertThat(firm.find(By.id("current-email")).getText()).isEqualTo("finance@lianxi-test.example.cn");
        firm.go("/console/firm/contact");
        assertThat(firm.find(By.id("current-email")).getText()).isEqualTo("finance@lianxi-test.example.cn");
        assertThat(firm.findAll(By.id("contact-saved"))).as("said once, after saving").isEmpty();
        assertThat(firm.find(By.id("email")).getAttribute("value")).isEqualTo("finance@lianxi-test.example.cn");
        firm.screenshot("console-firm-contact");

        type(firm, "not an address");
        firm.find(By.id("save-contact")).click();
        WebElement refused = firm.waitFor(By.id("email-refused"));
        assertThat(refused.getText()).isEqualTo("通知服务未接受该地址：not an email address: not an address");
        assertThat(firm.find(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(firm.find(By.id("email")).getAttribute("aria-describedby")).isEqualTo("email-refused");
        assertThat(firm.find(By.id("email")).getAttribute("value")).as("kept for correcting").isEqualTo("not an address");
        // the notifier still has the valid one, which the page shows again
        firm.go("/console/firm/contact");
        assertThat(firm.find(By.id("current-email")).getText()).isEqualTo("finance@lianxi-test.example.cn");
        assertThat(notifierContact(FIRM.username()).get("email").asString()).isEqualTo("finance@lianxi-test.example.cn");
    }

    @Test
    void anotherFirmSeesOnlyItsOwnAddressAndOfficersHaveNoSuchPage() {
        ConsoleBrowser other = signedIn(OTHER_FIRM);
        other.go("/console/firm/contact");
        other.await(ExpectedConditions.visibilityOfElementLocated(By.id("contact-form")));
        assertThat(other.mainText()).doesNotContain("finance@lianxi-test.example.cn");

        ConsoleBrowser wang = browser().signIn("wang");
        wang.go("/console/firm/contact");
        assertThat(wang.mainText()).contains("无权访问");
    }

    private static void type(ConsoleBrowser browser, String email) {
        WebElement field = browser.find(By.id("email"));
        field.clear();
        field.sendKeys(email);
    }

    /** The notifier's record of the firm's address, asked as an officer. */
    private static JsonNode notifierContact(String uscc) {
        RestClient notifier = RestClient.builder().baseUrl("http://127.0.0.1:" + notifierPort())
                .defaultHeader("Authorization", "Bearer " + TOKENS.token("OFFICER"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
        return JsonMapper.builder().build().readTree(notifier.get().uri("/api/v1/firms/{uscc}/contact", uscc).retrieve().body(String.class));
    }
}
