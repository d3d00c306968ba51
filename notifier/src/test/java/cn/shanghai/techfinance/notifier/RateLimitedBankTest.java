package cn.shanghai.techfinance.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each bank's endpoint has its own rate limiter; one bank here is held to 2 calls a second
 * (application-test.yml, resilience4j.ratelimiter.instances.webhook-RATE-SH). Its results are
 * spread out accordingly, and still each delivered once.
 */
class RateLimitedBankTest extends NotifierIntegrationTest {

    private static final String BANK = "RATE-SH";

    @Test
    void aBanksRateLimitSpreadsItsCallsOut() {
        BANKS.stubFor(post(urlEqualTo(hookPath(BANK))).willReturn(aResponse().withStatus(200)));
        registerWebhook(BANK, "rate-limited-bank-secret-0123456789abcdef");
        List<String> ids = IntStream.rangeClosed(1, 6).mapToObj(i -> "rl-" + i).toList();

        ids.forEach(id -> publish(TestData.accepted(BANK, id)));

        assertThat(awaitSettled(BANK, 12)).allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
        List<ServeEvent> calls = webhookCalls(BANK);
        assertThat(calls).extracting(c -> c.getRequest().getHeader("Idempotency-Key"))
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> "event/" + id).toList());
        Instant first = calls.get(0).getRequest().getLoggedDate().toInstant();
        Instant last = calls.get(calls.size() - 1).getRequest().getLoggedDate().toInstant();
        // 6 calls at 2 per period take at least three periods: the first and the last lie a whole period apart
        assertThat(Duration.between(first, last)).isGreaterThan(Duration.ofSeconds(1));
    }
}
