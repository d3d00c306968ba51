package cn.shanghai.techfinance.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.notifier.webhook.WebhookSignature;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Every webhook request the notifier sends passes the verification banks are told to run (the
 * documented {@link WebhookVerifier}), and fails it as soon as anything signed is changed.
 */
class WebhookSignatureTest extends NotifierIntegrationTest {

    private static final String BANK = "SIGN-SH";
    private static final String SECRET = "s3cr3t-of-SIGN-SH-0123456789abcdefghij";
    private static final String NEW_SECRET = "rotated-secret-of-SIGN-SH-9876543210zyx";

    @Test
    void theDocumentedWorkedExampleIsWhatTheNotifierComputes() {
        byte[] body = "{\"id\":\"claim/X@1\"}".getBytes(StandardCharsets.UTF_8);

        String signature = WebhookSignature.sign("whsec_0123456789abcdef0123456789abcdef", 1767225600L, body);

        // computed independently: printf '%s' '1767225600.{"id":"claim/X@1"}' | openssl dgst -sha256 -hmac <secret>
        assertThat(signature).isEqualTo("v1=af8e46a4ad8daf20a9352bc538c4bd8e470498917055a99f8f2678b359dd4f40");
        assertThat(new WebhookVerifier(Map.of("k", "whsec_0123456789abcdef0123456789abcdef"))
                .verify("k", "1767225600", signature, body, Instant.ofEpochSecond(1767225600L + 60))).isTrue();
    }

    @Test
    void realRequestsVerifyAndAnyChangeToWhatIsSignedIsCaught() {
        BANKS.stubFor(post(urlEqualTo(hookPath(BANK))).willReturn(aResponse().withStatus(204)));
        registerWebhook(BANK, SECRET);
        publish(TestData.accepted(BANK, "sig-1"), TestData.rejected(BANK, "sig-2"));
        publish(TestData.lydClaim(BANK, TestData.uscc(201), "P-S1", 1, ClaimEvent.Status.COMPUTED));
        awaitSettled(BANK, 6);

        WebhookVerifier bank = new WebhookVerifier(Map.of("k1", SECRET));
        List<ServeEvent> calls = webhookCalls(BANK);
        assertThat(calls).hasSize(3);
        for (ServeEvent call : calls) {
            LoggedRequest request = call.getRequest();
            byte[] body = request.getBody();
            String keyId = request.getHeader("X-TF-Key-Id");
            String timestamp = request.getHeader("X-TF-Timestamp");
            String signature = request.getHeader("X-TF-Signature");
            Instant receivedAt = request.getLoggedDate().toInstant();

            assertThat(keyId).isEqualTo("k1");
            assertThat(MediaType.parseMediaType(request.getHeader("Content-Type")))
                    .isEqualTo(MediaType.parseMediaType("application/cloudevents+json; charset=UTF-8"));
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo(ContractJson.read(body, BankResult.class).id());
            assertThat(bank.verify(keyId, timestamp, signature, body, receivedAt)).as("genuine request").isTrue();

            byte[] altered = Arrays.copyOf(body, body.length);
            altered[altered.length / 2] ^= 1;
            assertThat(bank.verify(keyId, timestamp, signature, altered, receivedAt)).as("body altered").isFalse();
            assertThat(bank.verify(keyId, String.valueOf(Long.parseLong(timestamp) + 1), signature, body, receivedAt))
                    .as("timestamp altered").isFalse();
            assertThat(bank.verify(keyId, timestamp, signature, body, receivedAt.plusSeconds(301)))
                    .as("replayed after 5 minutes").isFalse();
            assertThat(bank.verify("k2", timestamp, signature, body, receivedAt)).as("unknown key id").isFalse();
            assertThat(new WebhookVerifier(Map.of("k1", NEW_SECRET)).verify(keyId, timestamp, signature, body, receivedAt))
                    .as("another secret").isFalse();
        }
    }

    @Test
    void afterARotationRequestsCarryTheNewKeyId() {
        String bank = "SIGN-BJ";
        BANKS.stubFor(post(urlEqualTo(hookPath(bank))).willReturn(aResponse().withStatus(200)));
        registerWebhook(bank, SECRET);
        publish(TestData.accepted(bank, "rot-1"));
        awaitSettled(bank, 2);

        assertThat(registerWebhook(bank, BANKS.baseUrl() + hookPath(bank), "k2", NEW_SECRET).getStatusCode().value())
                .isEqualTo(200);
        publish(TestData.accepted(bank, "rot-2"));
        awaitSettled(bank, 4);

        WebhookVerifier rotating = new WebhookVerifier(Map.of("k1", SECRET, "k2", NEW_SECRET));
        List<LoggedRequest> requests = webhookCalls(bank).stream().map(ServeEvent::getRequest).toList();
        assertThat(requests).extracting(r -> r.getHeader("X-TF-Key-Id")).containsExactly("k1", "k2");
        assertThat(requests).allSatisfy(r -> assertThat(rotating.verify(r.getHeader("X-TF-Key-Id"),
                r.getHeader("X-TF-Timestamp"), r.getHeader("X-TF-Signature"), r.getBody(),
                r.getLoggedDate().toInstant())).isTrue());
        assertThat(new WebhookVerifier(Map.of("k2", SECRET)).verify("k2", requests.get(1).getHeader("X-TF-Timestamp"),
                requests.get(1).getHeader("X-TF-Signature"), requests.get(1).getBody(),
                requests.get(1).getLoggedDate().toInstant())).as("the old secret no longer signs").isFalse();
    }

    @Test
    void webhookRegistrationsAreChecked() {
        assertThat(registerWebhook("sign-sh", BANKS.baseUrl() + "/x", "k1", SECRET).getStatusCode().value())
                .as("bank code").isEqualTo(400);
        assertThat(registerWebhook("SIGN-GZ", "ftp://bank.example/x", "k1", SECRET).getStatusCode().value())
                .as("scheme").isEqualTo(400);
        assertThat(registerWebhook("SIGN-GZ", BANKS.baseUrl() + "/x", "k 1", SECRET).getStatusCode().value())
                .as("key id").isEqualTo(400);
        assertThat(registerWebhook("SIGN-GZ", BANKS.baseUrl() + "/x", "k1", "short").getStatusCode().value())
                .as("secret too short").isEqualTo(400);
        assertThat(api().get().uri("/api/v1/banks/SIGN-GZ/webhook").retrieve().toBodilessEntity().getStatusCode().value())
                .as("nothing registered").isEqualTo(404);

        registerWebhook("SIGN-GZ", SECRET);
        String shown = api().get().uri("/api/v1/banks/SIGN-GZ/webhook").retrieve().body(String.class);
        assertThat(shown).contains("\"keyId\":\"k1\"").contains(hookPath("SIGN-GZ")).doesNotContain(SECRET);
    }
}
