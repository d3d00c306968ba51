package cn.shanghai.techfinance.intake;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An intake application of a test's own, apart from the shared test context: the application as
 * deployed (its own application.yml), on a schema, consumer group and topic of the test's (a
 * {@code RESTART-} bank's, see {@link IntakeIntegrationTest#OWN_CONSUMER_PREFIX}, which the shared
 * context leaves alone), on the shared MariaDB server and Kafka broker.
 */
final class OwnIntake {

    private OwnIntake() {
    }

    /**
     * Starts intake on {@code jdbcUrl}, consuming only {@code topic} in {@code group}; {@code settings}
     * are further {@code --name=value} arguments, e.g. smaller polls.
     */
    static ConfigurableApplicationContext start(String jdbcUrl, String topic, String group, String... settings) {
        List<String> arguments = List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + IntakeIntegrationTest.TOKENS.publicKeyLocation(),
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--management.metrics.use-global-registry=false",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + SharedInfrastructure.mariaDb().username(),
                "--spring.datasource.password=" + SharedInfrastructure.mariaDb().password(),
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                "--spring.cloud.stream.bindings.intake-in-0.destination=" + topic.replace(".", "\\."),
                "--spring.cloud.stream.bindings.intake-in-0.group=" + group);
        return new SpringApplicationBuilder(IntakeApplication.class)
                .run(Stream.concat(arguments.stream(), Stream.of(settings)).toArray(String[]::new));
    }

    /** Starts intake on {@code schema} of the shared server. */
    static ConfigurableApplicationContext startOn(String schema, String topic, String group, String... settings) {
        return start(SharedInfrastructure.mariaDb().jdbcUrl(schema), topic, group, settings);
    }

    /** A template on {@code schema}, which is dropped: the next connection creates it again, the first intake started on it migrates it. */
    static JdbcTemplate freshSchema(String schema) {
        var db = SharedInfrastructure.mariaDb();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(schema), db.username(), db.password()));
        jdbc.execute("DROP DATABASE IF EXISTS " + schema);
        return jdbc;
    }

    /**
     * Sends the events as the bank would, without waiting for each acknowledgement: keyed by the
     * loan (one firm per loan, and every event id of a loan starts with the loan's prefix), so each
     * loan's events stay in order on one partition.
     */
    static void produceByLoan(String topic, List<BankEvent> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = TopicWriter.producer(SharedInfrastructure.kafka().bootstrapServers())) {
            List<Future<?>> acks = new ArrayList<>();
            for (BankEvent e : events) {
                String key = e.id().substring(0, e.id().indexOf('-'));
                acks.add(producer.send(new ProducerRecord<>(topic, key, TestEvents.json(e).getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }
}
