package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record that is valid JSON but fails the same way on every retry (its result id is longer than
 * the delivery ledger keeps), between valid ones, on each topic the notifier consumes: the valid
 * ones are delivered, the poison one is kept as a dead letter (table and HTTP) and counted, and
 * the consumer goes on past it: a later record is delivered and the group's committed offset
 * passes it.
 */
class PoisonRecordTest extends NotifierIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

    @Test
    void anOutcomeTheLedgerRefusesIsSetAsideAndTheOthersAreDelivered() throws Exception {
        String bank = "POISON-SH";
        double failedBefore = failed();
        List<RecordMetadata> sent = publish(TestData.accepted(bank, "po-1"), TestData.rejected(bank, "p".repeat(300)),
                TestData.accepted(bank, "po-3"));
        RecordMetadata sentinel = publish(TestData.accepted(bank, "po-last")).get(0);

        assertThat(awaitSettled(bank, 3)).extracting(Row::eventId, Row::status).containsExactly(
                tuple("event/po-1", "DELIVERED"),
                tuple("event/po-3", "DELIVERED"),
                tuple("event/po-last", "DELIVERED"));
        assertThat(results(bank)).extracting(r -> ContractJson.read(r.value(), BankResult.class).id())
                .containsExactlyInAnyOrder("event/po-1", "event/po-3", "event/po-last");
        assertSetAside(sent.get(1), bank, "event/ppp");
        await().atMost(Duration.ofSeconds(10)).until(() -> failed() - failedBefore == 1);
        assertConsumedPast(sentinel);
    }

    @Test
    void aClaimEventTheLedgerRefusesIsSetAsideAndTheOthersAreDelivered() throws Exception {
        String bank = "POISON-GZ";
        String uscc = TestData.uscc(701);
        double failedBefore = failed();
        // subsidy-batch's ids are UUIDs: this one is a producer's mistake, longer than the ledger keeps
        String overlong = "9".repeat(300);
        List<RecordMetadata> sent = publish(TestData.lydClaim(bank, uscc, "P-C1", 1, ClaimEvent.Status.COMPUTED),
                TestData.lydClaim(overlong, bank, uscc, "P-C2", 1, ClaimEvent.Status.COMPUTED),
                TestData.lydClaim(bank, uscc, "P-C3", 1, ClaimEvent.Status.COMPUTED));
        RecordMetadata sentinel = publish(TestData.lydClaim(bank, uscc, "P-C4", 1, ClaimEvent.Status.COMPUTED)).get(0);

        assertThat(awaitSettled(bank, 3)).extracting(Row::eventId).containsExactly(
                "claim/" + TestData.lydClaimId(bank, "P-C1") + "@1", "claim/" + TestData.lydClaimId(bank, "P-C3") + "@1",
                "claim/" + TestData.lydClaimId(bank, "P-C4") + "@1");
        assertThat(ledgerRows(bank)).allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
        assertSetAside(sent.get(1), uscc, "claim/999");
        await().atMost(Duration.ofSeconds(10)).until(() -> failed() - failedBefore == 1);
        assertConsumedPast(sentinel);
    }

    /** The poison record: kept byte for byte with its key, its result id (cut to the column) and the failure. */
    private void assertSetAside(RecordMetadata poison, String key, String resultIdStart) {
        Map<String, Object> row = jdbc.queryForMap("SELECT record_key, event_id, problem, payload FROM dead_letter"
                + " WHERE kafka_topic = ? AND kafka_partition = ? AND kafka_offset = ?", poison.topic(), poison.partition(), poison.offset());
        assertThat(utf8((byte[]) row.get("record_key"))).isEqualTo(key);
        assertThat((String) row.get("event_id")).startsWith(resultIdStart).hasSize(255);
        assertThat((String) row.get("problem")).contains("Data too long");
        assertThat(utf8((byte[]) row.get("payload"))).startsWith("{");

        JsonNode page = JSON.readTree(api().get().uri("/api/v1/dead-letters?limit=1000").retrieve().body(String.class));
        List<Long> ids = new ArrayList<>();
        JsonNode listed = null;
        for (JsonNode entry : page) {
            ids.add(entry.get("id").asLong());
            if (entry.get("topic").asString().equals(poison.topic()) && entry.get("partition").asInt() == poison.partition()
                    && entry.get("offset").asLong() == poison.offset()) {
                listed = entry;
            }
        }
        assertThat(ids).as("newest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(listed).as("listed").isNotNull();
        assertThat(listed.get("eventId").asString()).startsWith(resultIdStart);
        assertThat(listed.get("problem").asString()).contains("Data too long");
        assertThat(api().get().uri("/api/v1/dead-letters/{id}/payload", listed.get("id").asLong()).retrieve().body(byte[].class))
                .isEqualTo(row.get("payload"));
        assertThat(management().get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("notifier_dead_letters_total{reason=\"failed\"}");
    }

    /** The group's committed offset is past the record: the consumer went on. */
    private static void assertConsumedPast(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("notifier").partitionsToOffsetAndMetadata()
                        .get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    private double failed() {
        return meters.get("notifier.dead.letters").tag("reason", "failed").counter().count();
    }

}
