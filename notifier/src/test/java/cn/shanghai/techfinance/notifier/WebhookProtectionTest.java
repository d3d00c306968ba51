package cn.shanghai.techfinance.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook cannot be pointed inside (SSRF), neither when registered nor later, at delivery; and
 * its secret is not kept in clear, yet still signs every request.
 */
class WebhookProtectionTest extends NotifierIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "webhook-protection-secret-0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data", "https://127.0.0.1/", "https://10.0.0.1/",
            "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[fd00:ec2::254]/", "https://192.168.0.10:8443/hook"})
    void aWebhookToAnInternalAddressIsRefusedAtRegistrationNamingTheUrl(String url) {
        ResponseEntity<String> answer = registerWebhook("SSRF-SH", url, "k1", SECRET);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        JsonNode problem = JSON.readTree(answer.getBody());
        assertThat(problem.get("detail").asString()).startsWith("url must reach a public address: host ");
        assertThat(api().get().uri("/api/v1/banks/SSRF-SH/webhook").retrieve().toBodilessEntity().getStatusCode().value())
                .as("nothing registered").isEqualTo(404);
    }

    @Test
    void aHostThatResolvesToLoopbackIsRefusedUnlessAllowed() {
        // localhost is this test's allow-list entry (application-test.yml); the same server under its address is not
        assertThat(registerWebhook("SSRF-SH", BANKS.baseUrl().replace("localhost", "127.0.0.1") + "/x", "k1", SECRET)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(registerWebhook("SSRF-SH", BANKS.baseUrl() + "/x", "k1", SECRET).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aWebhookWhoseHostIsForbiddenSinceRegistrationIsNotCalledAndTheDeliveryIsParked() {
        String bank = "SSRF-BJ";
        BANKS.stubFor(post(urlEqualTo(hookPath(bank))).willReturn(aResponse().withStatus(200)));
        registerWebhook(bank, SECRET);
        // what a registration made under laxer rules, or a name re-pointed at an internal address, leaves behind
        jdbc.update("UPDATE bank_webhook SET url = ? WHERE bank_code = ?",
                BANKS.baseUrl().replace("localhost", "127.0.0.1") + hookPath(bank), bank);

        publish(TestData.accepted(bank, "ssrf-1"));

        List<Row> rows = awaitSettled(bank, 2);
        assertThat(rows).filteredOn(r -> r.channel().equals("WEBHOOK")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("PARKED"));
        assertThat(webhookCalls(bank)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT last_error FROM delivery WHERE recipient = ? AND channel = 'WEBHOOK'",
                String.class, bank)).contains("webhook of " + bank + " not called: host 127.0.0.1 is a loopback address");
    }

    @Test
    void theSecretIsStoredSealedAndStillSigns() {
        String bank = "SEALED-SH";
        BANKS.stubFor(post(urlEqualTo(hookPath(bank))).willReturn(aResponse().withStatus(200)));
        registerWebhook(bank, SECRET);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM bank_webhook WHERE bank_code = ?", bank);
        assertThat(row).doesNotContainKey("secret");
        assertThat(row.values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain(SECRET).doesNotContain("0123456789abcdef"));
        assertThat((String) row.get("sealed_secret")).startsWith("v1:");

        publish(TestData.accepted(bank, "sealed-1"));
        awaitSettled(bank, 2);
        LoggedRequest request = webhookCalls(bank).get(0).getRequest();
        assertThat(new WebhookVerifier(Map.of("k1", SECRET)).verify(request.getHeader("X-TF-Key-Id"), request.getHeader("X-TF-Timestamp"),
                request.getHeader("X-TF-Signature"), request.getBody(), request.getLoggedDate().toInstant())).isTrue();
    }
}
