package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.identity.DemoUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Signing in and out of the console in a real browser: through the OIDC issuer, to the pages of the
 * person's role, in Chinese or English; and what the console refuses without a session or a CSRF token.
 */
class ConsoleSignInTest extends ConsoleTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final DemoUser FIRM = ConsoleUsers.firm("91310000MA1CS00001", "上海签到科技有限公司");

    @Test
    void anOfficerSignsInAtTheIssuerAndLandsOnTheOfficersPagesInChinese() {
        ConsoleBrowser wang = browser().signIn("wang");
        assertThat(wang.url()).isEqualTo(consoleUrl() + "/console/officer");
        assertThat(wang.find(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(wang.mainText()).contains("欢迎，wang");
        assertThat(wang.find(By.tagName("nav")).getText()).contains("补贴查询", "结算");
        wang.screenshot("sign-in-officer-overview");
    }

    @Test
    void theEnglishSwitchChangesTheTextsAndIsRemembered() {
        ConsoleBrowser wang = browser().signIn("wang");
        wang.find(By.id("lang-switch")).click();
        wang.await(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        assertThat(wang.mainText()).contains("Welcome, wang");
        assertThat(wang.title()).contains("Overview");
        // the choice is kept (a cookie) on the next page
        wang.go("/console/officer");
        assertThat(wang.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(wang.find(By.tagName("nav")).getText()).contains("Claims", "Settlements");
        wang.find(By.id("lang-switch")).click();
        wang.await(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "zh-CN"));
    }

    @Test
    void aFirmLandsOnItsOwnPagesAndCannotOpenTheOfficers() {
        ConsoleBrowser firm = signedIn(FIRM);
        assertThat(firm.url()).isEqualTo(consoleUrl() + "/console/firm");
        assertThat(firm.mainText()).contains(FIRM.uscc());
        assertThat(firm.find(By.tagName("nav")).getText()).doesNotContain("结算");
        firm.go("/console/officer/settlements");
        assertThat(firm.mainText()).contains("无权访问");
    }

    @Test
    void signingOutEndsTheSessionAtTheConsoleAndAtTheIssuer() {
        ConsoleBrowser wang = browser().signIn("wang");
        wang.signOut();
        assertThat(wang.mainText()).contains("已退出");
        // the next person on this browser meets the login page, not wang's session
        wang.go("/console");
        wang.waitFor(By.id("as-li"));
        assertThat(wang.url()).startsWith(identity().issuerUri() + "/login");
        wang.find(By.id("as-li")).click();
        wang.await(ExpectedConditions.urlToBe(consoleUrl() + "/console/officer"));
        assertThat(wang.find(By.className("user")).getText()).isEqualTo("li");
    }

    @Test
    void whatGoesWrongOnAPageIsAPageInTheLayoutNotTheApisJson() {
        ConsoleBrowser wang = browser().signIn("wang");
        wang.go("/console/officer/settlements/987654321/payments.csv");
        assertThat(wang.find(By.tagName("h1")).getText()).isEqualTo("出错了");
        assertThat(wang.mainText()).contains("找不到该记录");
        wang.go("/console/officer/settlements/not-a-number?lang=en");
        assertThat(wang.find(By.tagName("h1")).getText()).isEqualTo("Something went wrong");
        assertThat(wang.mainText()).contains("What was submitted is not valid");
        assertThat(wang.find(By.tagName("nav")).getText()).contains("Claims");
    }

    @Test
    void theKeyboardAloneReachesTheContentAndEveryFieldHasALabel() {
        ConsoleBrowser wang = browser().signIn("wang");
        wang.go("/console/officer/claims");
        // the first Tab lands on the skip link; following it puts the reader at the page's content
        wang.find(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = wang.driver().switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("跳到正文");
        skip.sendKeys(Keys.ENTER);
        wang.await(ExpectedConditions.urlContains("#main"));
        // a field is filled and its form sent without the mouse
        wang.find(By.id("firm")).sendKeys("91310000MA1CS00001", Keys.ENTER);
        wang.await(ExpectedConditions.urlContains("firm=91310000MA1CS00001"));
        Object unlabelled = ((JavascriptExecutor) wang.driver()).executeScript(
                "return Array.from(document.querySelectorAll('main input:not([type=hidden]), main select, main textarea'))"
                        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name);");
        assertThat((List<?>) unlabelled).isEmpty();
    }

    @Test
    void withoutASessionABrowserIsSentToTheIssuerAndHtmxIsToldToReload() throws Exception {
        HttpResponse<Void> page = HTTP.send(HttpRequest.newBuilder(URI.create(consoleUrl() + "/console/officer/claims")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue(consoleUrl() + ConsoleSecurity.SIGN_IN);

        HttpResponse<Void> fragment = HTTP.send(HttpRequest.newBuilder(URI.create(consoleUrl() + "/console/officer/runs"))
                .header("HX-Request", "true").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(fragment.statusCode()).isEqualTo(401);
        assertThat(fragment.headers().firstValue("HX-Redirect")).hasValue("/console");
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        HttpResponse<Void> logout = HTTP.send(HttpRequest.newBuilder(URI.create(consoleUrl() + "/console/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(logout.statusCode()).isEqualTo(403);
    }

    @Test
    void pagesForbidInlineScriptAndFraming() throws Exception {
        HttpResponse<Void> signedOut = HTTP.send(HttpRequest.newBuilder(URI.create(consoleUrl() + "/console/signed-out")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(signedOut.statusCode()).isEqualTo(200);
        assertThat(signedOut.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));
    }

    @Test
    void theApiStaysStatelessBesideTheConsole() throws Exception {
        HttpResponse<Void> api = HTTP.send(HttpRequest.newBuilder(URI.create(consoleUrl() + "/api/v1/runs/nightly")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
