package cn.shanghai.techfinance.intake.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.TopicSpec;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicReader;
import cn.shanghai.techfinance.intake.IntakeIntegrationTest;
import cn.shanghai.techfinance.outbox.Outbox;
import cn.shanghai.techfinance.outbox.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A record Kafka will never take is set aside with its reason, and does not hold back the records
 * written with it or after it (the outbox relay of every service).
 */
class OutboxParkingTest extends IntakeIntegrationTest {

    private static final String TOPIC = "tf.test.outbox-parking.v1";

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void tooLargeRecordIsParkedAndTheOthersAreSent() {
        SharedInfrastructure.kafka().provision(List.of(new TopicSpec(TOPIC, 1)));
        byte[] tooLarge = new byte[2 * 1024 * 1024]; // above the producer's and the broker's 1 MB
        transaction.executeWithoutResult(status -> outbox.append(List.of(
                record("before"), new OutboxRecord(TOPIC, utf8("huge"), tooLarge, Map.of()), record("with")), Instant.now()));
        transaction.executeWithoutResult(status -> outbox.append(List.of(record("after")), Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM outbox_batch") == 0);
        Map<String, Object> parked = jdbc.queryForMap("SELECT topic, reason FROM outbox_parked WHERE topic = ?", TOPIC);
        assertThat((String) parked.get("reason")).contains("RecordTooLargeException");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(OutboxParkingTest::readTopic, values -> values.size() >= 3))
                .containsExactlyInAnyOrder("before", "with", "after");
    }

    private static OutboxRecord record(String value) {
        return new OutboxRecord(TOPIC, utf8(value), utf8(value), Map.of());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> readTopic() {
        return TopicReader.readAll(SharedInfrastructure.kafka().bootstrapServers(), TOPIC).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
