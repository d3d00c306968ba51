package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * While the ledger cannot be written (here: a trigger fails the rows of one bank with the error a
 * busy database gives, a deadlock — transient, so not the record's fault), the consumed batch is
 * retried and its offsets are not committed, and nothing behind it on the partition is skipped;
 * once the ledger is back, everything is delivered, once.
 */
class LedgerUnavailableTest extends NotifierIntegrationTest {

    private static final String BANK = "OUTAGE-SH";

    @Test
    void offsetsWaitForTheLedgerAndNothingIsLost() throws Exception {
        // each refused write is noted in a table outside any transaction (MyISAM), so that the test
        // sees the consumer try and try again before it looks at what did not happen
        jdbc.execute("CREATE TABLE outage_refusal (recipient VARCHAR(64) NOT NULL) ENGINE=MyISAM");
        jdbc.execute("""
                CREATE TRIGGER refuse_outage_rows BEFORE INSERT ON delivery FOR EACH ROW
                BEGIN
                  IF NEW.recipient = 'OUTAGE-SH' THEN
                    INSERT INTO outage_refusal (recipient) VALUES (NEW.recipient);
                    SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'ledger unavailable (deadlock)';
                  END IF;
                END""");
        RecordMetadata refused;
        RecordMetadata behind;
        String neighbour;
        try {
            refused = publish(TestData.accepted(BANK, "out-1")).get(0);
            neighbour = bankOnPartition(refused.partition(), partitions(refused.topic()));
            behind = publish(TestData.accepted(neighbour, "out-2")).get(0);
            assertThat(behind.partition()).isEqualTo(refused.partition());

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outage_refusal", Integer.class) >= 3);
            TopicPartition partition = new TopicPartition(refused.topic(), refused.partition());
            assertThat(ledgerRows(BANK)).isEmpty();
            assertThat(ledgerRows(neighbour)).as("not skipped past, not taken out of order").isEmpty();
            assertThat(committed(partition)).as("offset not committed").isLessThanOrEqualTo(refused.offset());
        } finally {
            jdbc.execute("DROP TRIGGER refuse_outage_rows");
            jdbc.execute("DROP TABLE outage_refusal");
        }

        assertThat(awaitSettled(BANK, 1).get(0).status()).isEqualTo("DELIVERED");
        assertThat(awaitSettled(neighbour, 1).get(0).status()).isEqualTo("DELIVERED");
        TopicPartition partition = new TopicPartition(refused.topic(), refused.partition());
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(partition) > behind.offset());
        assertThat(results(BANK)).extracting(r -> ContractJson.read(r.value(), BankResult.class).id()).containsExactly("event/out-1");
    }

    /** A bank code whose outcomes land on the given partition (the producer's default partitioner). */
    private static String bankOnPartition(int partition, int partitions) {
        return IntStream.range(0, 1000).mapToObj(i -> "OUTAGE-" + i)
                .filter(code -> Utils.toPositive(Utils.murmur2(code.getBytes(StandardCharsets.UTF_8))) % partitions == partition)
                .findFirst().orElseThrow();
    }

    private static int partitions(String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    private static long committed(TopicPartition partition) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("notifier").partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static Admin admin() {
        return SharedInfrastructure.kafka().admin();
    }
}
