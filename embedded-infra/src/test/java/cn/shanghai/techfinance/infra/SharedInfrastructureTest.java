package cn.shanghai.techfinance.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.contracts.TopicSpec;
import cn.shanghai.techfinance.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    @Test
    void mariaDbServesSqlOverJdbcWithSchemaCreatedOnConnect() throws Exception {
        EmbeddedMariaDb db = SharedInfrastructure.mariaDb();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("infra_check"), db.username(), db.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY, amount DECIMAL(18,2))");
            s.execute("INSERT INTO probe VALUES (1, 12345.67)");
            try (ResultSet rs = s.executeQuery("SELECT amount, VERSION() FROM probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("12345.67");
                assertThat(rs.getString(2)).contains("MariaDB");
            }
        }
        assertThat(SharedInfrastructure.mariaDb()).isSameAs(db);
    }

    @Test
    void kafkaBrokerCarriesRecordsOnAProvisionedTopic() {
        SharedInfrastructure.provisionBanks("INFRA-SH");
        String topic = Topics.bankEvents("INFRA-SH");
        try (var producer = TopicWriter.producer(servers())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello".getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(servers(), topic);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void thePlatformAndABanksTopicsHaveTheirProductionPartitions() throws Exception {
        SharedInfrastructure.provisionBanks("PARTS-SH");
        List<TopicSpec> expected = new ArrayList<>(Topics.platformTopics());
        expected.addAll(Topics.bankTopics("PARTS-SH"));
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(expected.stream().map(TopicSpec::name).toList())
                    .allTopicNames().get();
            for (TopicSpec topic : expected) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
            }
        }
    }

    @Test
    void provisioningAgainChangesNothingAndAWrongPartitionCountIsRefused() {
        SharedInfrastructure.provisionBanks("AGAIN-SH");
        SharedInfrastructure.provisionBanks("AGAIN-SH");
        assertThatIllegalStateException()
                .isThrownBy(() -> SharedInfrastructure.kafka().provision(List.of(new TopicSpec(Topics.bankEvents("AGAIN-SH"), 7))))
                .withMessageContaining("has 4 partitions, not the 7");
    }

    @Test
    void theBrokerCreatesNoTopicOnFirstUse() throws Exception {
        String unknown = Topics.bankEvents("NOT-ONBOARDED");
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(unknown, "k", "v")).get())
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("not present in metadata");
        }
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(unknown);
        }
    }

    private static String servers() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }
}
