package cn.shanghai.techfinance.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delivery whose retry budget is spent, or that the bank refuses for good, is parked: visible
 * over HTTP, counted, and sent again by an officer's redelivery, once; a delivered one cannot be
 * sent again.
 */
class ParkedDeliveryTest extends NotifierIntegrationTest {

    private static final String FAILING = "PARK-SH";
    private static final String REFUSING = "REFUSE-SH";
    private static final String NO_TOPIC = "NOTOPIC-SH";
    private static final String SECRET = "parked-deliveries-secret-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

    @Test
    void aDeliveryParkedAfterItsRetryBudgetIsRedeliveredOnceOnRequest() {
        BANKS.stubFor(post(urlEqualTo(hookPath(FAILING))).willReturn(aResponse().withStatus(500)));
        registerWebhook(FAILING, SECRET);
        double parkedBefore = parkedCount();

        publish(TestData.accepted(FAILING, "pk-1"));

        JsonNode parked = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveries("?recipient=" + FAILING + "&channel=WEBHOOK&status=PARKED"), list -> list.size() == 1)
                .get(0);
        assertThat(parked.get("eventId").asString()).isEqualTo("event/pk-1");
        assertThat(parked.get("attempts").asInt()).as("the retry budget (max-attempts 10), and no more")
                .isBetween(10, 11).isEqualTo(webhookCalls(FAILING).size());
        assertThat(parked.get("lastError").asString()).contains("HTTP 500");
        assertThat(parkedCount() - parkedBefore).isEqualTo(1);
        assertThat(deliveries("?recipient=" + FAILING + "&channel=KAFKA")).extracting(d -> d.get("status").asString())
                .as("the results topic is not held up").containsExactly("DELIVERED");

        // the bank fixes its side; an officer redelivers
        BANKS.stubFor(post(urlEqualTo(hookPath(FAILING))).atPriority(1).willReturn(aResponse().withStatus(200)));
        int callsBefore = webhookCalls(FAILING).size();
        long id = parked.get("id").asLong();
        ResponseEntity<String> redelivery = redeliver(id);
        assertThat(redelivery.getStatusCode().value()).isEqualTo(202);
        assertThat(JSON.readTree(redelivery.getBody()).get("status").asString()).isEqualTo("PENDING");

        JsonNode delivered = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(id), d -> d.get("status").asString().equals("DELIVERED"));
        assertThat(webhookCalls(FAILING).subList(callsBefore, webhookCalls(FAILING).size()))
                .as("one request after the redelivery").hasSize(1);
        assertThat(delivered.get("attempts").asInt()).isEqualTo(callsBefore + 1);
        assertThat(delivered.get("deliveredAt").isNull()).isFalse();

        assertThat(redeliver(id).getStatusCode().value()).as("a delivered one is never sent again").isEqualTo(409);
        assertThat(redeliver(Long.MAX_VALUE).getStatusCode().value()).isEqualTo(404);
        assertThat(webhookCalls(FAILING)).hasSize(callsBefore + 1);
    }

    @Test
    void aRefusalParksAtOnce() {
        BANKS.stubFor(post(urlEqualTo(hookPath(REFUSING))).willReturn(aResponse().withStatus(400).withBody("unknown event type")));
        registerWebhook(REFUSING, SECRET);

        publish(TestData.rejected(REFUSING, "rf-1"));

        List<Row> rows = awaitSettled(REFUSING, 2);
        assertThat(rows).filteredOn(r -> r.channel().equals("WEBHOOK")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("PARKED"))
                .satisfies(r -> assertThat(r.attempts()).as("4xx is not retried").isEqualTo(1));
        assertThat(webhookCalls(REFUSING)).hasSize(1);
        assertThat(deliveries("?recipient=" + REFUSING + "&status=PARKED").get(0).get("lastError").asString())
                .contains("HTTP 400");
    }

    @Test
    void aResultForABankWithoutAResultsTopicParksAtOnceAndGoesOutOnceTheTopicExists() {
        // the bank's topics were never provisioned: the outcome is published past the test helper that would
        IntakeOutcome outcome = TestData.accepted(NO_TOPIC, "nt-1");
        send(Topics.INTAKE_OUTCOMES, NO_TOPIC, ContractJson.write(outcome));

        JsonNode parked = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveries("?recipient=" + NO_TOPIC + "&channel=KAFKA&status=PARKED"), list -> list.size() == 1)
                .get(0);
        assertThat(parked.get("attempts").asInt()).as("not retried: the broker answered").isEqualTo(1);
        assertThat(parked.get("lastError").asString()).contains("topic " + Topics.bankResults(NO_TOPIC) + " does not exist");
        assertThat(results(NO_TOPIC)).isEmpty();

        SharedInfrastructure.provisionBanks(NO_TOPIC);
        assertThat(redeliver(parked.get("id").asLong()).getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(parked.get("id").asLong()), d -> d.get("status").asString().equals("DELIVERED"));
        assertThat(results(NO_TOPIC)).extracting(r -> ContractJson.read(r.value(), BankResult.class).id())
                .containsExactly("event/nt-1");
    }

    private List<JsonNode> deliveries(String query) {
        return api().get().uri("/api/v1/deliveries" + query).retrieve().body(new ParameterizedTypeReference<List<JsonNode>>() { });
    }

    private JsonNode delivery(long id) {
        return api().get().uri("/api/v1/deliveries/{id}", id).retrieve().body(JsonNode.class);
    }

    private ResponseEntity<String> redeliver(long id) {
        return api().post().uri("/api/v1/deliveries/{id}/redelivery", id).retrieve().toEntity(String.class);
    }

    private double parkedCount() {
        return meters.get("notifier.deliveries").tag("channel", "WEBHOOK").tag("outcome", "parked").counter().count();
    }
}
