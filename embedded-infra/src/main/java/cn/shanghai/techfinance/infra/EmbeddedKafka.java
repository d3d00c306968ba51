package cn.shanghai.techfinance.infra;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node Kafka broker in KRaft mode, in this JVM, for tests and the local run. */
public final class EmbeddedKafka implements AutoCloseable {

    /** New bank topics appear when a bank first produces; four partitions leave room for more consumers. */
    public static final int PARTITIONS = 4;

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts a broker on a free port ({@link #bootstrapServers()} says which). The KRaft test kit
     * binds its listeners itself: a fixed port cannot be asked for (kafkaPorts() is ignored in
     * KRaft mode, and overriding its listeners leaves the broker unreachable).
     */
    public static EmbeddedKafka start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        Map<String, String> properties = Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(PARTITIONS),
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0");
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        return new EmbeddedKafka(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    public void createTopics(String... topics) {
        broker.addTopics(topics);
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
