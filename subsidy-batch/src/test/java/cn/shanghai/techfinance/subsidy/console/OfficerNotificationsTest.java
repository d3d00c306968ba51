package cn.shanghai.techfinance.subsidy.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parked notifications in a real browser: bank CONC-HOOK's webhook refuses the result of its event,
 * so the real notifier parks that delivery; an auditor sees it without a button, an officer
 * redelivers it from the page (htmx: the row updates) once the bank's side accepts again.
 */
class OfficerNotificationsTest extends ConsoleTest {

    private static final String BANK = "CONC-HOOK";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The bank's webhook receiver: answers with {@link #answer}, counts the calls. */
    private static HttpServer webhook;
    private static final AtomicInteger answer = new AtomicInteger(400);
    private static final AtomicInteger calls = new AtomicInteger();
    private static long parkedId;

    @BeforeAll
    static void theBanksWebhookListens() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void theWebhookStops() {
        webhook.stop(0);
    }

    /** Once: the bank registers its webhook, sends an event, and the refused result is parked. */
    @BeforeEach
    void aResultToTheBankIsParked() {
        if (parkedId != 0) {
            return;
        }
        ResponseEntity<String> registered = notifier(TOKENS.bankToken(BANK)).put().uri("/api/v1/banks/{bank}/webhook", BANK)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook", "keyId", "k1",
                        "secret", "console-notifications-secret-0123456789"))
                .retrieve().toEntity(String.class);
        assertThat(registered.getStatusCode().is2xxSuccessful()).as(registered.toString()).isTrue();
        OfficerRejectionsTest.sendMalformed(BANK, "conc-hook-1", 9_430_011, "\"termMonths\":12", "\"termMonths\":0");
        List<JsonNode> parked = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> parked(), list -> list.size() == 1);
        parkedId = parked.get(0).get("id").asLong();
    }

    @Test
    void anAuditorSeesTheParkedDeliveryWithoutAButtonAndAnOfficerRedeliversIt() {
        ConsoleBrowser zhao = browser().signIn("zhao");
        zhao.go("/console/officer/notifications?recipient=" + BANK);
        assertThat(zhao.find(By.id("delivery-" + parkedId)).getText()).contains(BANK, "Webhook 回调", "HTTP 400", "已停止重试");
        assertThat(zhao.findAll(By.cssSelector("button.redeliver"))).isEmpty();
        assertThat(zhao.find(By.id("read-only")).getText()).isEqualTo("您的角色只能查看，不能重新投递。");
        // no button, and the console refuses the request anyway (with the session's CSRF token, as htmx would send it)
        Object refused = ((JavascriptExecutor) zhao.driver()).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var headers = {};
                headers[document.querySelector('meta[name=_csrf_header]').content] = document.querySelector('meta[name=_csrf]').content;
                fetch(arguments[0], {method: 'POST', headers: headers}).then(function (r) { done(r.status); });""",
                "/console/officer/notifications/" + parkedId + "/redelivery");
        assertThat(refused).isEqualTo(403L);

        ConsoleBrowser wang = browser().signIn("wang");
        wang.go("/console/officer/notifications?recipient=" + BANK + "&channel=WEBHOOK");
        assertThat(wang.find(By.id("delivery-" + parkedId)).getText()).contains("event/conc-hook-1", "已停止重试");
        wang.screenshot("console-officer-notifications");

        // the bank fixed its side
        answer.set(200);
        int callsBefore = calls.get();
        wang.find(By.id("redeliver-" + parkedId)).click();
        wang.await(ExpectedConditions.textToBePresentInElementLocated(By.id("delivery-" + parkedId), "已重新排队"));
        assertThat(wang.find(By.id("delivery-" + parkedId)).getText()).contains("等待投递");
        assertThat(wang.findAll(By.id("redeliver-" + parkedId))).as("no button on a delivery no longer parked").isEmpty();

        JsonNode delivered = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(parkedId), d -> d.get("status").asString().equals("DELIVERED"));
        assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
        assertThat(calls.get()).isEqualTo(callsBefore + 1);

        wang.go("/console/officer/notifications?recipient=" + BANK + "&channel=WEBHOOK");
        assertThat(wang.find(By.id("no-parked")).getText()).isEqualTo("暂无记录");
    }

    private List<JsonNode> parked() {
        return notifier(TOKENS.token("OFFICER")).get()
                .uri("/api/v1/deliveries?recipient={bank}&channel=WEBHOOK&status=PARKED", BANK)
                .retrieve().body(new ParameterizedTypeReference<List<JsonNode>>() { });
    }

    private JsonNode delivery(long id) {
        return JSON.readTree(notifier(TOKENS.token("OFFICER")).get().uri("/api/v1/deliveries/{id}", id).retrieve().body(String.class));
    }

    /** The notifier's API with this token; never throws on an error status. */
    private static RestClient notifier(String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + notifierPort())
                .defaultHeader("Authorization", "Bearer " + token)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    }
}
