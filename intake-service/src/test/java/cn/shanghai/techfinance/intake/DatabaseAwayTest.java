package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database away while intake consumes (the network to it cut: open connections broken, new
 * ones refused) is an unavailability, not a poison record: the batch is retried, its offsets stay
 * uncommitted and nothing is dead-lettered; once the database is back every event is stored once.
 *
 * <p>Its own intake application ({@link OwnIntake}), reaching the shared MariaDB server through a
 * link this test can cut, with its own schema, consumer group and topic, so that the outage touches
 * nothing else.
 */
class DatabaseAwayTest {

    private static final String BANK = IntakeIntegrationTest.OWN_CONSUMER_PREFIX + "AWAY";
    private static final String SOURCE = EventSource.bank(BANK);
    private static final String TOPIC = Topics.bankEvents(BANK);
    private static final String SCHEMA = "intake_away";

    private final String group = "intake-away-" + UUID.randomUUID();
    private JdbcTemplate root;

    @Test
    void whileTheDatabaseIsAwayTheBatchIsRetriedAndNothingIsLostOrSetAside() throws Exception {
        root = OwnIntake.freshSchema(SCHEMA);
        SharedInfrastructure.provisionBanks(BANK);
        List<BankEvent> before = TestEvents.exampleLoan(BANK, "away-b-", 71);
        List<BankEvent> during = TestEvents.exampleLoan(BANK, "away-d-", 72);

        try (DatabaseLink link = DatabaseLink.open(SharedInfrastructure.mariaDb().port());
             ConfigurableApplicationContext app = start(link.port())) {
            produce(before);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> accepted("away-b-") == before.size());

            link.cut();
            double failuresBefore = listenerFailures(app);
            List<RecordMetadata> sent = produce(during);
            try {
                // positive evidence that the consumer took the batch and failed on it, more than once
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> listenerFailures(app) - failuresBefore >= 2);
                assertThat(accepted("away-d-")).isZero();
                assertThat(committed(sent.get(0))).as("not committed past the batch").isLessThanOrEqualTo(sent.get(0).offset());
            } finally {
                link.restore();
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> accepted("away-d-") == during.size());
            RecordMetadata last = sent.get(sent.size() - 1);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> committed(last) > last.offset());
        }
        assertThat(root.queryForObject("SELECT COUNT(*) FROM intake_event", Integer.class)).isEqualTo(before.size() + during.size());
        assertThat(root.queryForObject("SELECT COUNT(*) FROM intake_dead_letter", Integer.class)).isZero();
        assertThat(root.queryForObject("SELECT COUNT(*) FROM loan_settlement", Integer.class)).isEqualTo(2);
    }

    /** The intake application as deployed, through the link, on this test's schema, group and topic. */
    private ConfigurableApplicationContext start(int databasePort) {
        return OwnIntake.start(SharedInfrastructure.mariaDb().jdbcUrl(SCHEMA)
                        .replace(":" + SharedInfrastructure.mariaDb().port() + "/", ":" + databasePort + "/"), TOPIC, group,
                // give up a connection within a second while the link is cut, not after Hikari's 30
                "--spring.datasource.hikari.connection-timeout=1000",
                "--intake.consume.retry-max-interval=1s",
                "--intake.consume.record-retry-window=2s");
    }

    private int accepted(String prefix) {
        Integer n = root.queryForObject("SELECT COUNT(*) FROM intake_event WHERE source = ? AND status = 'ACCEPTED'"
                + " AND event_id LIKE ?", Integer.class, SOURCE, prefix + "%");
        return n == null ? 0 : n;
    }

    /** Batches the listener container saw fail (spring-kafka's own timer). */
    private static double listenerFailures(ConfigurableApplicationContext app) {
        return app.getBean(MeterRegistry.class).find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .mapToDouble(Timer::count).sum();
    }

    /** One loan, keyed by its prefix so that its events stay on one partition in order. */
    private static List<RecordMetadata> produce(List<BankEvent> events) throws Exception {
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = TopicWriter.producer(SharedInfrastructure.kafka().bootstrapServers())) {
            for (BankEvent e : events) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, "loan", TestEvents.json(e).getBytes(StandardCharsets.UTF_8))).get());
            }
        }
        return sent;
    }

    private long committed(RecordMetadata record) throws Exception {
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(record.topic(), record.partition()));
            return offset == null ? -1 : offset.offset();
        }
    }

    /** A TCP relay to the database that can be cut (connections broken, new ones refused) and restored. */
    private static final class DatabaseLink implements AutoCloseable {

        private final int target;
        private final int port;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;

        private DatabaseLink(int target, ServerSocket server) {
            this.target = target;
            this.port = server.getLocalPort();
            this.server = server;
        }

        static DatabaseLink open(int target) throws IOException {
            DatabaseLink link = new DatabaseLink(target, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            link.accept();
            return link;
        }

        int port() {
            return port;
        }

        void cut() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
            sockets.clear();
        }

        void restore() throws IOException {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = again;
            accept();
        }

        private void accept() {
            ServerSocket listening = server;
            daemon(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket client = listening.accept();
                        Socket database = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(client);
                        sockets.add(database);
                        pump(client, database);
                        pump(database, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private void pump(Socket from, Socket to) {
            daemon(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException broken) {
                    // the link was cut, or one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            });
        }

        private static void daemon(Runnable task) {
            Thread thread = new Thread(task, "database-link");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            cut();
        }
    }
}
