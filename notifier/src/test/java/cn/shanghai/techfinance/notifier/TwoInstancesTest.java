package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.TopicSpec;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicReader;
import cn.shanghai.techfinance.infra.TopicWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two notifier instances in one consumer group, sharing one delivery ledger, deliver every result
 * exactly once to the banks' topics, and each bank's in ledger order, even when one of them is
 * killed in the middle of a batch: one is an application in this JVM, the other a process of its
 * own ({@link FreezingNotifier}) that freezes after some sends, holding its lane's claim, and is
 * then killed. Its claim comes back after the lease, at the head of its lane, and the other
 * instance delivers it; nothing overtook it meanwhile. The only repeats on a topic are what the
 * killed process had sent and not yet recorded (the crash window the results' ids de-duplicate).
 *
 * <p>Separate from the shared test context: inbound topics, consumer group, schema and banks of
 * its own, so that the shared notifier neither consumes these outcomes nor writes to these banks.
 */
class TwoInstancesTest {

    private static final String OUTCOMES = "tf.test.two-notifiers.outcomes.v1";
    private static final String CLAIMS = "tf.test.two-notifiers.claims.v1";
    private static final String SCHEMA = "notifier_two";
    private static final List<String> BANKS = List.of("TWO-A", "TWO-B", "TWO-C");
    private static final int PER_BANK = 300;
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final LocalTokens TOKENS = LocalTokens.loadOrCreate(Path.of("target", "test-jwt"));

    private final String group = "notifier-two-" + UUID.randomUUID();

    @Test
    void twoInstancesDeliverEachResultOnceAndInOrderEvenWithOneKilledMidBatch() throws Exception {
        var db = SharedInfrastructure.mariaDb();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(SCHEMA), db.username(), db.password()));
        jdbc.execute("DROP DATABASE IF EXISTS " + SCHEMA);
        SharedInfrastructure.kafka().provision(List.of(new TopicSpec(OUTCOMES, Topics.PARTITIONS), new TopicSpec(CLAIMS, Topics.PARTITIONS)));
        SharedInfrastructure.provisionBanks(BANKS.toArray(String[]::new));
        Path marker = Path.of("target", "freezing-notifier-" + ProcessHandle.current().pid() + ".marker").toAbsolutePath();
        Files.deleteIfExists(marker);

        Process frozen = null;
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(NotifierApplication.class)
                .run(arguments().toArray(String[]::new))) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xmx384m", "-cp", System.getProperty("java.class.path"), FreezingNotifier.class.getName()));
            command.addAll(arguments());
            command.addAll(List.of("--freezing-notifier.after=" + (BATCH + BATCH / 2), "--freezing-notifier.marker=" + marker));
            frozen = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "freezing-notifier.log").toFile()).start();
            awaitBothMembersAssigned();

            List<IntakeOutcome> outcomes = publish();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(marker));
            int stillPending = count(jdbc, "SELECT COUNT(*) FROM delivery WHERE status = 'PENDING'");
            frozen.destroyForcibly().waitFor();
            assertThat(stillPending).as("killed with deliveries still owed").isPositive();

            // the first instance takes over the killed one's partitions and, after its lease, its claim
            await().atMost(LEASE.plusSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count(jdbc, "SELECT COUNT(*) FROM delivery WHERE status = 'DELIVERED'") == outcomes.size());
            assertThat(sent(first)).as("delivered by the instance that lived").isPositive().isLessThan(outcomes.size());

            Map<String, Long> ledgerIds = new HashMap<>();
            jdbc.query("SELECT recipient, event_id, id FROM delivery", rs -> {
                ledgerIds.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
            });
            assertThat(count(jdbc, "SELECT COUNT(*) FROM delivery")).as("one row per result").isEqualTo(outcomes.size());
            assertThat(count(jdbc, "SELECT COUNT(*) FROM delivery WHERE attempts <> 1")).as("each accepted at the first call").isZero();
            String[] killedAt = Files.readString(marker).split(" ");
            int repeats = 0;
            for (String bank : BANKS) {
                List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(SharedInfrastructure.kafka().bootstrapServers(),
                        Topics.bankResults(bank));
                List<String> ids = records.stream().map(r -> ContractJson.read(r.value(), BankResult.class).id()).toList();
                Set<String> expected = outcomes.stream().filter(o -> o.bankCode().equals(bank)).map(o -> "event/" + o.eventId())
                        .collect(Collectors.toSet());
                assertThat(new LinkedHashSet<>(ids)).as("%s: every result, nothing else", bank).containsExactlyInAnyOrderElementsOf(expected);
                repeats += ids.size() - expected.size();
                if (!bank.equals(killedAt[0])) {
                    assertThat(ids).as("%s: no repeat in a lane the killed instance did not hold", bank).hasSize(expected.size());
                }
                for (int partition = 0; partition < Topics.PARTITIONS; partition++) {
                    int p = partition;
                    List<Long> firstSeen = records.stream().filter(r -> r.partition() == p)
                            .map(r -> ledgerIds.get(bank + " " + ContractJson.read(r.value(), BankResult.class).id())).distinct().toList();
                    assertThat(firstSeen).as("%s partition %d: in ledger order", bank, p).isSorted();
                }
            }
            assertThat(repeats).as("repeats: at most what the killed instance's frozen batch had sent").isLessThanOrEqualTo(BATCH);
            System.out.printf("TwoInstancesTest: %d results, %d pending at the kill (frozen at delivery %s of %s), %d sent by the"
                    + " instance that lived, %d repeated on the topics%n", outcomes.size(), stillPending, killedAt[1], killedAt[0],
                    (long) sent(first), repeats);
        } finally {
            if (frozen != null) {
                frozen.destroyForcibly();
            }
        }
    }

    /** The outcomes of PER_BANK events of each bank, interleaved, each keyed by its bank as intake keys them. */
    private static List<IntakeOutcome> publish() throws Exception {
        List<IntakeOutcome> outcomes = IntStream.range(0, PER_BANK).boxed()
                .flatMap(i -> BANKS.stream().map(bank -> TestData.accepted(bank, "two-" + i))).toList();
        try (KafkaProducer<String, byte[]> producer = TopicWriter.producer(SharedInfrastructure.kafka().bootstrapServers())) {
            List<Future<?>> acks = new ArrayList<>();
            for (IntakeOutcome outcome : outcomes) {
                acks.add(producer.send(new ProducerRecord<>(OUTCOMES, outcome.bankCode(), ContractJson.write(outcome))));
            }
            producer.flush();
            for (var ack : acks) {
                ack.get();
            }
        }
        return outcomes;
    }

    /** Both instances hold partitions of the inbound topic: the stream is shared. */
    private void awaitBothMembersAssigned() {
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return g.members().size() == 4 && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())
                        && g.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(OUTCOMES)).count() == Topics.PARTITIONS;
            });
        }
    }

    private static double sent(ConfigurableApplicationContext notifier) {
        return notifier.getBean(MeterRegistry.class).get("notifier.deliveries").tag("channel", "KAFKA").tag("outcome", "sent")
                .counter().count();
    }

    private static int count(JdbcTemplate jdbc, String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    /** The notifier as deployed, on this test's schema, group and inbound topics; small batches, one Kafka lane at a time. */
    private List<String> arguments() {
        var db = SharedInfrastructure.mariaDb();
        return List.of(
                "--spring.profiles.active=test",
                "--server.port=0",
                "--management.server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--management.metrics.use-global-registry=false",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TOKENS.publicKeyLocation(),
                "--spring.datasource.url=" + db.jdbcUrl(SCHEMA),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                "--spring.cloud.stream.bindings.outcomes-in-0.destination=" + OUTCOMES,
                "--spring.cloud.stream.bindings.outcomes-in-0.group=" + group,
                "--spring.cloud.stream.bindings.claims-in-0.destination=" + CLAIMS,
                "--spring.cloud.stream.bindings.claims-in-0.group=" + group,
                // a killed member's partitions pass to the other within seconds
                "--spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms=6000",
                "--spring.cloud.stream.kafka.bindings.outcomes-in-0.consumer.configuration.max.poll.records=50",
                "--notifier.dispatch.batch-size=" + BATCH,
                "--notifier.dispatch.batch-workers=1",
                "--notifier.dispatch.lease=" + LEASE.toSeconds() + "s");
    }
}
