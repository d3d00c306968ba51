package cn.shanghai.techfinance.infra;

import cn.shanghai.techfinance.contracts.TopicSpec;
import cn.shanghai.techfinance.contracts.Topics;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker in KRaft mode, in this JVM, for tests. Like a production
 * cluster it creates no topic on first use: {@link #start()} provisions the platform's topics, a
 * test provisions its banks' topics ({@link #provisionBanks}) before anything produces to them.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts a broker on a free port ({@link #bootstrapServers()} says which) with the platform's
     * topics. The KRaft test kit binds its listeners itself: a fixed port cannot be asked for
     * (kafkaPorts() is ignored in KRaft mode, and overriding its listeners leaves the broker unreachable).
     */
    public static EmbeddedKafka start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, Topics.PARTITIONS);
        Map<String, String> properties = Map.of(
                "auto.create.topics.enable", "false",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0");
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        EmbeddedKafka kafka = new EmbeddedKafka(broker);
        kafka.provision(Topics.platformTopics());
        return kafka;
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** An admin client of this broker, for a test to look at topics and consumer groups; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates the topics that do not exist yet; returns once every partition is served. */
    public void provision(Collection<TopicSpec> topics) {
        TopicProvisioning.provision(bootstrapServers(), topics);
    }

    /** Creates the banks' events and results topics, as a bank's onboarding does. */
    public void provisionBanks(String... bankCodes) {
        provision(Arrays.stream(bankCodes).flatMap(code -> Topics.bankTopics(code).stream()).toList());
    }

    /** Creates the insurers' events and results topics (科技保险), as an insurer's onboarding does. */
    public void provisionInsurers(String... insurerCodes) {
        provision(Arrays.stream(insurerCodes).flatMap(code -> Topics.insurerTopics(code).stream()).toList());
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
