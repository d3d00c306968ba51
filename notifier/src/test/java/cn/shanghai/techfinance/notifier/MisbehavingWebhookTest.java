package cn.shanghai.techfinance.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Banks' webhooks that misbehave on purpose (WireMock): HTTP 500 and 503, 429, a reset
 * connection, an answer that comes after the read timeout, slow answers within it. In the end
 * every result reaches every bank once, and nothing else does:
 * <ul>
 *   <li>each bank received exactly the idempotency keys of its results, no other;</li>
 *   <li>the ledger holds one DELIVERED row per (bank, webhook, result), and its attempts add up to
 *       the requests the bank received: every request beyond the one that delivered answered a
 *       failure;</li>
 *   <li>every request for a key carries the same body, so the one repeat a timeout causes (its
 *       answer came too late to count) is recognisable by its Idempotency-Key.</li>
 * </ul>
 */
class MisbehavingWebhookTest extends NotifierIntegrationTest {

    private static final String SECRET = "misbehaving-banks-secret-0123456789abcdef";

    @Autowired
    MeterRegistry meters;

    @Test
    void everyResultIsDeliveredOnceWhateverTheEndpointDoes() {
        Map<String, Integer> scriptedFailures = new TreeMap<>();
        scriptedFailures.put("FLAKY-SH", failFirst("FLAKY-SH",
                aResponse().withStatus(500), aResponse().withStatus(503), aResponse().withStatus(500)));
        scriptedFailures.put("THROTTLED-SH", failFirst("THROTTLED-SH", aResponse().withStatus(429).withHeader("Retry-After", "1")));
        scriptedFailures.put("RESET-SH", failFirst("RESET-SH", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        // answered, but after the read timeout (2 s here): the notifier cannot know, and tries again
        scriptedFailures.put("TIMEOUT-SH", failFirst("TIMEOUT-SH", aResponse().withStatus(200).withFixedDelay(3_000)));
        // slow but within the timeout: delivered at the first request, never repeated
        BANKS.stubFor(post(urlEqualTo(hookPath("SLOW-SH"))).willReturn(aResponse().withStatus(200).withFixedDelay(300)));
        scriptedFailures.put("SLOW-SH", 0);
        double failedBefore = failedWebhookCalls();

        for (String bank : scriptedFailures.keySet()) {
            registerWebhook(bank, SECRET);
            publish(TestData.accepted(bank, "mb-1"), TestData.rejected(bank, "mb-2"), TestData.accepted(bank, "mb-3"));
        }

        int failedRequests = 0;
        for (String bank : scriptedFailures.keySet()) {
            List<Row> rows = awaitSettled(bank, 6);
            List<Row> webhookRows = rows.stream().filter(r -> r.channel().equals("WEBHOOK")).toList();
            List<ServeEvent> calls = webhookCalls(bank);

            assertThat(webhookRows).as("%s: one delivered row per result", bank)
                    .extracting(Row::eventId, Row::status)
                    .containsExactlyInAnyOrder(delivered("event/mb-1"), delivered("event/mb-2"), delivered("event/mb-3"));
            assertThat(rows.stream().filter(r -> r.channel().equals("KAFKA")))
                    .as("%s: the topic is not held up by the webhook", bank)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED")).hasSize(3);
            Map<String, List<ServeEvent>> byKey = calls.stream()
                    .collect(Collectors.groupingBy(c -> c.getRequest().getHeader("Idempotency-Key")));
            assertThat(byKey).as("%s: the keys it received, nothing else", bank)
                    .containsOnlyKeys("event/mb-1", "event/mb-2", "event/mb-3");
            byKey.forEach((key, sameKey) -> {
                assertThat(sameKey.stream().filter(MisbehavingWebhookTest::answeredInTime))
                        .as("%s %s: answered in time exactly once", bank, key).hasSize(1);
                assertThat(sameKey.get(sameKey.size() - 1)).as("%s %s: nothing after it was delivered", bank, key)
                        .matches(MisbehavingWebhookTest::answeredInTime);
                assertThat(sameKey.stream().map(c -> Arrays.hashCode(c.getRequest().getBody())).distinct())
                        .as("%s %s: one body", bank, key).hasSize(1);
            });
            long failed = calls.stream().filter(c -> !answeredInTime(c)).count();
            assertThat(failed).as("%s: failures it answered", bank).isGreaterThanOrEqualTo(scriptedFailures.get(bank));
            assertThat(webhookRows.stream().mapToInt(Row::attempts).sum()).as("%s: attempts in the ledger", bank)
                    .isEqualTo(calls.size());
            failedRequests += (int) failed;
        }
        assertThat(failedWebhookCalls() - failedBefore).as("failed webhook calls counted").isEqualTo(failedRequests);
    }

    /** Whether the notifier saw this answer as a success: 2xx, no fault, within its 2 s read timeout. */
    private static boolean answeredInTime(ServeEvent call) {
        ResponseDefinition answer = call.getResponseDefinition();
        Integer delay = answer.getFixedDelayMilliseconds();
        return answer.getFault() == null && answer.getStatus() / 100 == 2 && (delay == null || delay < 2_000);
    }

    /**
     * The bank's webhook answers the given failures, one per request, then 200 for good; returns how
     * many failures (requests that arrive together may get the same one).
     */
    private static int failFirst(String bank, ResponseDefinitionBuilder... failures) {
        String state = STARTED;
        for (int i = 0; i < failures.length; i++) {
            String next = "failed-" + (i + 1);
            BANKS.stubFor(post(urlEqualTo(hookPath(bank))).inScenario(bank).whenScenarioStateIs(state)
                    .willReturn(failures[i]).willSetStateTo(next));
            state = next;
        }
        BANKS.stubFor(post(urlEqualTo(hookPath(bank))).inScenario(bank).whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(200)));
        return failures.length;
    }

    private static Tuple delivered(String eventId) {
        return Tuple.tuple(eventId, "DELIVERED");
    }

    private double failedWebhookCalls() {
        return meters.get("notifier.deliveries").tag("channel", "WEBHOOK").tag("outcome", "failed").counter().count();
    }
}
