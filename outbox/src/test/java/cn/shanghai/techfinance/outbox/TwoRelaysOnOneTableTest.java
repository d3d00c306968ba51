package cn.shanghai.techfinance.outbox;

import static cn.shanghai.techfinance.outbox.OutboxTestbed.awaitRecords;
import static cn.shanghai.techfinance.outbox.OutboxTestbed.firstOccurrencesByKey;
import static cn.shanghai.techfinance.outbox.OutboxTestbed.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * Two instances of a service relay one outbox table at the same time, while the service appends:
 * per key, the records still arrive in the order they were appended (their first copies, should a
 * record arrive twice), and none is lost.
 */
class TwoRelaysOnOneTableTest {

    private static final String TOPIC = "tf.test.outbox-two-relays.v1";
    private static final List<String> KEYS = List.of("firm-1", "firm-2", "firm-3", "firm-4", "firm-5", "firm-6");
    private static final int ROWS = 400;

    private static OutboxTestbed testbed;

    @BeforeAll
    static void start() {
        testbed = new OutboxTestbed("outbox_two_relays_it");
        OutboxTestbed.createTopic(TOPIC);
    }

    @AfterAll
    static void stop() {
        testbed.close();
    }

    @Test
    void twoRelaysKeepEachKeysOrderAndLoseNothing() {
        AtomicInteger sentByFirst = new AtomicInteger();
        AtomicInteger sentBySecond = new AtomicInteger();
        // different round sizes: one relay's rounds end in the middle of the other's
        OutboxRelay first = testbed.relay(counting(sentByFirst), 4, Duration.ofSeconds(60));
        OutboxRelay second = testbed.relay(counting(sentBySecond), 7, Duration.ofSeconds(60));
        Map<String, List<String>> appended = new LinkedHashMap<>();
        KEYS.forEach(key -> appended.put(key, new ArrayList<>()));
        Random random = new Random(20260101);
        int records = 0;

        first.start();
        second.start();
        try {
            for (int row = 0; row < ROWS; row++) {
                List<OutboxRecord> batch = new ArrayList<>();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    String key = KEYS.get(random.nextInt(KEYS.size()));
                    String value = key + "#" + appended.get(key).size();
                    appended.get(key).add(value);
                    batch.add(record(TOPIC, key, value));
                }
                testbed.append(batch);
                records += batch.size();
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> testbed.rows("outbox_batch") == 0);
        } finally {
            first.stop();
            second.stop();
        }

        List<ConsumerRecord<byte[], byte[]>> received = awaitRecords(TOPIC, records);
        assertThat(firstOccurrencesByKey(received)).isEqualTo(appended);
        assertThat(testbed.rows("outbox_batch")).isZero();
        assertThat(testbed.rows("outbox_parked")).isZero();
        assertThat(sentByFirst.get()).as("records the first relay sent").isPositive();
        assertThat(sentBySecond.get()).as("records the second relay sent").isPositive();
        System.out.printf("TwoRelaysOnOneTableTest: %d rows, %d records; first relay sent %d, second %d, %d arrived twice%n",
                ROWS, records, sentByFirst.get(), sentBySecond.get(), received.size() - records);
    }

    /** A producer of its own that counts the records Kafka acknowledged. */
    private static KafkaTemplate<byte[], byte[]> counting(AtomicInteger sent) {
        KafkaTemplate<byte[], byte[]> kafka = testbed.kafka(Map.of());
        kafka.setProducerListener(new ProducerListener<>() {
            @Override
            public void onSuccess(ProducerRecord<byte[], byte[]> record, RecordMetadata metadata) {
                sent.incrementAndGet();
            }
        });
        return kafka;
    }
}
