package cn.shanghai.techfinance.outbox;

import static cn.shanghai.techfinance.outbox.OutboxTestbed.awaitRecords;
import static cn.shanghai.techfinance.outbox.OutboxTestbed.firstOccurrencesByKey;
import static cn.shanghai.techfinance.outbox.OutboxTestbed.record;
import static cn.shanghai.techfinance.outbox.OutboxTestbed.text;
import static cn.shanghai.techfinance.outbox.OutboxTestbed.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One relay, or two taking turns, on one outbox table: what reaches Kafka, what is parked, what is taken over. */
class OutboxRelayTest {

    private static final Duration LONG_LEASE = Duration.ofSeconds(60);

    private static OutboxTestbed testbed;

    @BeforeAll
    static void start() {
        testbed = new OutboxTestbed("outbox_relay_it");
    }

    @AfterAll
    static void stop() {
        testbed.close();
    }

    @BeforeEach
    void emptyOutbox() {
        testbed.clear();
    }

    @Test
    void recordsReachTheTopicWithTheirKeysHeadersAndValues() {
        String topic = topic("relayed");
        OutboxRecord first = new OutboxRecord(topic, utf8("91310000MA1FL0001X"), utf8("{\"n\":1}"),
                Map.of("ce_id", utf8("bank/ICBC-SH/e1"), "ce_type", utf8("event.decided.v1")));
        OutboxRecord second = new OutboxRecord(topic, utf8("91310000MA1FL0001X"), utf8("{\"n\":2}"), Map.of("ce_id", utf8("bank/ICBC-SH/e2")));
        OutboxRecord third = new OutboxRecord(topic, utf8("91310000MA1FL0002Y"), utf8("{\"n\":3}"), Map.of());
        OutboxRecord fourth = new OutboxRecord(topic, utf8("91310000MA1FL0001X"), utf8("{\"n\":4}"), Map.of());
        testbed.append(List.of(first, second, third));
        testbed.append(List.of(fourth));

        OutboxRelay relay = testbed.relay(20, LONG_LEASE);
        assertThat(relay.relayOneRound()).as("rows relayed").isEqualTo(2);
        assertThat(testbed.rows("outbox_batch")).isZero();

        List<ConsumerRecord<byte[], byte[]>> received = awaitRecords(topic, 4);
        assertThat(received.stream().map(OutboxRelayTest::asSent).collect(Collectors.groupingBy(Sent::key)))
                .isEqualTo(Map.of(
                        "91310000MA1FL0001X", List.of(asSent(first), asSent(second), asSent(fourth)),
                        "91310000MA1FL0002Y", List.of(asSent(third))));
    }

    @Test
    void aRecordKafkaWillNeverTakeIsParkedWithItsReasonAndTheRowsAroundItGoOn() {
        String topic = topic("parking");
        byte[] tooLarge = new byte[2 * 1024 * 1024]; // above the producer's and the broker's 1 MB
        testbed.append(List.of(record(topic, "firm", "first")));
        testbed.append(List.of(record(topic, "firm", "before"), new OutboxRecord(topic, utf8("firm"), tooLarge, Map.of()),
                record(topic, "firm", "with")));
        testbed.append(List.of(record(topic, "firm", "after")));

        OutboxRelay relay = testbed.relay(20, LONG_LEASE);
        assertThat(relay.relayOneRound()).as("rows relayed").isEqualTo(3);

        assertThat(testbed.rows("outbox_batch")).isZero();
        Map<String, Object> parked = testbed.jdbc.queryForMap("SELECT topic, records, reason FROM outbox_parked");
        assertThat(parked.get("topic")).isEqualTo(topic);
        assertThat((String) parked.get("reason")).contains("RecordTooLargeException");
        assertThat(Outbox.decode((byte[]) parked.get("records"))).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(tooLarge));
        assertThat(values(awaitRecords(topic, 4))).containsExactly("first", "before", "with", "after");
    }

    @Test
    void aRoundTakesNoMoreRowsThanHoldRecordsPerRoundAndAlwaysOne() {
        String topic = topic("records-per-round");
        testbed.append(List.of(record(topic, "firm", "1"), record(topic, "firm", "2")));
        testbed.append(List.of(record(topic, "firm", "3"), record(topic, "firm", "4"), record(topic, "firm", "5")));
        testbed.append(List.of(record(topic, "firm", "6")));
        OutboxRelay relay = testbed.relay(testbed.kafka(Map.of()), 20, 3, LONG_LEASE);

        assertThat(relay.relayOneRound()).as("the first row: with the second, 5 records").isEqualTo(1);
        assertThat(relay.relayOneRound()).as("the second row, alone more than 3 records").isEqualTo(1);
        assertThat(relay.relayOneRound()).isEqualTo(1);
        assertThat(testbed.rows("outbox_batch")).isZero();
        assertThat(values(awaitRecords(topic, 6))).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void aLiveLeaseHoldsTheOtherRelayBackAndItsHolderTakesItsRowsAgain() {
        String topic = topic("live-lease");
        testbed.append(List.of(record(topic, "firm", "one"), record(topic, "firm", "two")));
        testbed.append(List.of(record(topic, "firm", "three")));
        OutboxRelay holder = testbed.relay(20, LONG_LEASE);
        OutboxRelay other = testbed.relay(20, LONG_LEASE);

        assertThat(holder.claim()).hasSize(2);
        assertThat(other.relayOneRound()).as("rows the other relay relayed while the oldest are leased").isZero();
        assertThat(other.claim()).isEmpty();

        // its own lease, left by a round that did not finish, the holder takes again at once
        assertThat(holder.relayOneRound()).isEqualTo(2);
        assertThat(testbed.rows("outbox_batch")).isZero();
        assertThat(values(awaitRecords(topic, 3))).containsExactly("one", "two", "three");
    }

    @Test
    void aRelayThatDiedBetweenSendAndDeleteIsTakenOverOnceItsLeaseRunsOut() {
        String topic = topic("taken-over");
        List<String> appended = List.of("a1", "a2", "a3", "b1", "b2");
        testbed.append(List.of(record(topic, "a", "a1"), record(topic, "b", "b1"), record(topic, "a", "a2")));
        testbed.append(List.of(record(topic, "a", "a3"), record(topic, "b", "b2")));

        // claims, sends, and dies before it deletes: its rows stay under a lease that runs out
        OutboxRelay dead = testbed.relay(20, Duration.ofMillis(300));
        dead.publish(dead.claim());
        List<String> sentByTheDead = values(awaitRecords(topic, appended.size()));
        assertThat(sentByTheDead).containsExactlyInAnyOrderElementsOf(appended);

        OutboxRelay successor = testbed.relay(20, LONG_LEASE);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> successor.relayOneRound() == 2 && testbed.rows("outbox_batch") == 0);

        // every record twice: sent by the relay that died, then again by the one that took over
        List<ConsumerRecord<byte[], byte[]>> received = awaitRecords(topic, 2 * appended.size());
        assertThat(values(received).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .isEqualTo(appended.stream().collect(Collectors.toMap(Function.identity(), v -> 2L)));
        assertThat(firstOccurrencesByKey(received)).isEqualTo(Map.of("a", List.of("a1", "a2", "a3"), "b", List.of("b1", "b2")));
    }

    @Test
    void aRoundKafkaFailsHandsItsRowsBackAtOnce() {
        String topic = topic("failing");
        testbed.append(List.of(record(topic, "firm", "one")));
        // the broker away (nothing listens on port 1): a failure that may pass, not a refusal
        OutboxRelay failing = testbed.relay(testbed.kafka(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500)), 20, LONG_LEASE);

        assertThatThrownBy(failing::relayOneRound).isInstanceOf(IllegalStateException.class);

        assertThat(testbed.jdbc.queryForMap("SELECT lease_owner, lease_until FROM outbox_batch"))
                .as("the row, free again").containsEntry("lease_owner", null).containsEntry("lease_until", null);
        assertThat(testbed.rows("outbox_parked")).isZero();
        assertThat(testbed.relay(20, LONG_LEASE).relayOneRound()).as("relayed by another relay at once").isEqualTo(1);
        assertThat(values(awaitRecords(topic, 1))).containsExactly("one");
    }

    /** A topic of this test's own, created before anything is produced to it. */
    private static String topic(String name) {
        String topic = "tf.test.outbox-" + name + ".v1";
        OutboxTestbed.createTopic(topic);
        return topic;
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.value())).toList();
    }

    private static Sent asSent(OutboxRecord record) {
        return new Sent(text(record.key()), text(record.value()), record.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> text(e.getValue()))));
    }

    private static Sent asSent(ConsumerRecord<byte[], byte[]> record) {
        return new Sent(text(record.key()), text(record.value()), Arrays.stream(record.headers().toArray())
                .collect(Collectors.toMap(Header::key, h -> text(h.value()))));
    }

    /** A record as text, to compare what was appended with what arrived. */
    private record Sent(String key, String value, Map<String, String> headers) {
    }
}
