package cn.shanghai.techfinance.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A bank's endpoint that is down (nothing listens) and comes back: its circuit breaker opens, its
 * results wait in the ledger instead of being parked, its Kafka results go out meanwhile, and once
 * it is up every result reaches it exactly once and the breaker closes.
 */
class WebhookDownThenUpTest extends NotifierIntegrationTest {

    private static final String BANK = "DOWNUP-SH";
    private static final String ENDPOINT = "webhook-" + BANK;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    @Test
    void resultsWaitWhileTheEndpointIsDownAndArriveOnceWhenItIsBack() {
        int port = freePort();
        registerWebhook(BANK, "http://localhost:" + port + hookPath(BANK), "k1", "down-then-up-secret-0123456789abcdef");
        List<String> ids = IntStream.rangeClosed(1, 5).mapToObj(i -> "du-" + i).toList();

        ids.forEach(id -> publish(TestData.accepted(BANK, id)));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> breakers.circuitBreaker(ENDPOINT).getState() == CircuitBreaker.State.OPEN);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", ENDPOINT).tag("state", "open").gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.get("notifier.circuits.open").tag("channel", "WEBHOOK").gauge().value()).isGreaterThanOrEqualTo(1.0);
        List<Row> kafka = await().atMost(Duration.ofSeconds(60))
                .until(() -> ledgerRows(BANK).stream().filter(r -> r.channel().equals("KAFKA")).toList(),
                        rows -> rows.size() == 5 && rows.stream().allMatch(r -> r.status().equals("DELIVERED")));
        assertThat(kafka).as("the topic does not wait for the webhook").hasSize(5);
        // down a while longer: the dispatcher keeps trying, the open breaker refuses, nothing is parked
        AtomicInteger refused = new AtomicInteger();
        breakers.circuitBreaker(ENDPOINT).getEventPublisher().onCallNotPermitted(event -> refused.incrementAndGet());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> refused.get() >= 10);
        assertThat(ledgerRows(BANK)).filteredOn(r -> r.channel().equals("WEBHOOK"))
                .hasSize(5).allSatisfy(r -> assertThat(r.status()).isEqualTo("PENDING"));

        WireMockServer bank = new WireMockServer(WireMockConfiguration.options().port(port).bindAddress("127.0.0.1"));
        bank.stubFor(post(urlEqualTo(hookPath(BANK))).willReturn(aResponse().withStatus(200)));
        bank.start();
        try {
            List<Row> rows = awaitSettled(BANK, 10);

            assertThat(rows).filteredOn(r -> r.channel().equals("WEBHOOK")).hasSize(5)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
            assertThat(bank.getAllServeEvents()).extracting(e -> e.getRequest().getHeader("Idempotency-Key"))
                    .as("each result once, nothing else")
                    .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> "event/" + id).toList());
            assertThat(bank.getAllServeEvents()).extracting(ServeEvent::getResponseDefinition)
                    .allSatisfy(answer -> assertThat(answer.getStatus()).isEqualTo(200));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> breakers.circuitBreaker(ENDPOINT).getState() == CircuitBreaker.State.CLOSED);
        } finally {
            bank.stop();
        }
    }
}
