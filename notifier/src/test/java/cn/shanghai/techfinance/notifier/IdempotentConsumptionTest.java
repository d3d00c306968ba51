package cn.shanghai.techfinance.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The same outcome or claim event consumed more than once (the producers' outboxes publish at
 * least once) is delivered once: one ledger row per (recipient, channel, event), one record on
 * the results topic, one webhook call, one email; and counted as sent once per channel.
 */
class IdempotentConsumptionTest extends NotifierIntegrationTest {

    private static final String BANK = "IDEM-SH";

    @Autowired
    MeterRegistry meters;

    @Test
    void anOutcomeOrClaimEventConsumedTwiceIsDeliveredOnce() {
        String uscc = TestData.uscc(501);
        String address = "ops@firm501.test";
        BANKS.stubFor(post(urlEqualTo(hookPath(BANK))).willReturn(aResponse().withStatus(200)));
        registerWebhook(BANK, "idempotent-consumption-secret-0123456789");
        registerContact(uscc, address);
        IntakeOutcome outcome = TestData.rejected(BANK, "id-1");
        ClaimEvent claim = TestData.lydClaim(BANK, uscc, "P-I1", 2, ClaimEvent.Status.PUBLISHED);
        Map<Channel, Double> sentBefore = sent();
        String repeatedClaim = "claim/" + TestData.lydClaimId(BANK, "P-I1") + "@2";
        String laterClaim = "claim/" + TestData.lydClaimId(BANK, "P-I2") + "@1";

        publish(outcome, outcome);
        publish(claim);
        publish(claim, claim);
        // the same bytes again, as an outbox relay would after a crash before it deleted its row
        send(Topics.INTAKE_OUTCOMES, BANK, ContractJson.write(outcome));
        // a later record on the same partitions: once it is delivered, every repeat before it was consumed
        publish(TestData.accepted(BANK, "id-last"));
        publish(TestData.lydClaim(BANK, uscc, "P-I2", 1, ClaimEvent.Status.COMPUTED));

        assertThat(awaitSettled(BANK, 8)).extracting(Row::channel, Row::eventId, Row::status).containsExactlyInAnyOrder(
                tuple("KAFKA", "event/id-1", "DELIVERED"), tuple("WEBHOOK", "event/id-1", "DELIVERED"),
                tuple("KAFKA", repeatedClaim, "DELIVERED"),
                tuple("WEBHOOK", repeatedClaim, "DELIVERED"),
                tuple("KAFKA", "event/id-last", "DELIVERED"), tuple("WEBHOOK", "event/id-last", "DELIVERED"),
                tuple("KAFKA", laterClaim, "DELIVERED"),
                tuple("WEBHOOK", laterClaim, "DELIVERED"));
        assertThat(awaitSettled(uscc, 2)).extracting(Row::channel, Row::eventId, Row::status).containsExactlyInAnyOrder(
                tuple("EMAIL", repeatedClaim, "DELIVERED"),
                tuple("EMAIL", laterClaim, "DELIVERED"));
        String[] results = {"event/id-1", repeatedClaim, "event/id-last", laterClaim};
        assertThat(results(BANK)).extracting(r -> ContractJson.read(r.value(), BankResult.class).id())
                .containsExactlyInAnyOrder(results);
        assertThat(webhookCalls(BANK)).extracting(c -> c.getRequest().getHeader("Idempotency-Key"))
                .containsExactlyInAnyOrder(results);
        assertThat(mailsTo(address)).hasSize(2);
        Map<Channel, Double> sentAfter = sent();
        assertThat(sentAfter.get(Channel.KAFKA) - sentBefore.get(Channel.KAFKA)).as("sent by Kafka").isEqualTo(4);
        assertThat(sentAfter.get(Channel.WEBHOOK) - sentBefore.get(Channel.WEBHOOK)).as("sent by webhook").isEqualTo(4);
        assertThat(sentAfter.get(Channel.EMAIL) - sentBefore.get(Channel.EMAIL)).as("sent by email").isEqualTo(2);
        assertThat(management().get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("notifier_deliveries_total{channel=\"EMAIL\",outcome=\"sent\"}")
                .contains("notifier_deliveries_total{channel=\"WEBHOOK\",outcome=\"parked\"}")
                .contains("notifier_circuits_open{channel=\"WEBHOOK\"}")
                .contains("resilience4j_circuitbreaker_state{name=\"webhook-IDEM-SH\",state=\"closed\"} 1.0");
    }

    private Map<Channel, Double> sent() {
        Map<Channel, Double> sent = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            sent.put(channel, meters.get("notifier.deliveries").tag("channel", channel.name()).tag("outcome", "sent").counter().count());
        }
        return sent;
    }
}
