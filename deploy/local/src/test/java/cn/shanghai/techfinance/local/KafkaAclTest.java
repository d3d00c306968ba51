package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.infra.KafkaLogin;
import cn.shanghai.techfinance.infra.Secrets;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's broker (SASL/SCRAM-SHA-512, {@code StandardAuthorizer}, nothing allowed without an
 * ACL) on free ports, two banks onboarded through {@link LocalAccess} as bank.sh does: what one
 * bank's credentials can and cannot do. The services working end to end over SASL is
 * LocalReplayTest's to show.
 */
class KafkaAclTest {

    private static final String A = "BANK-A";
    private static final String B = "BANK-B";
    private static final String INSURER = "INS-C";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    static ServiceProcess broker;
    static LocalAccess access;

    @BeforeAll
    static void startBrokerAndOnboardTwoBanks() throws Exception {
        int[] free = distinctFreePorts(3);
        LocalKafkaBroker.Ports ports = new LocalKafkaBroker.Ports(free[0], free[1], free[2]);
        Path dataDir = work.resolve("data");
        broker = LocalKafkaBroker.start(work.resolve("kafka"), work.resolve("logs"), System.getProperty("java.class.path"), ports,
                LocalAccess.adminPassword(dataDir), TIMEOUT);
        broker.awaitPort(ports.clients(), TIMEOUT);
        broker.awaitPort(ports.internal(), TIMEOUT);
        access = new LocalAccess(dataDir, ports);
        access.setUp();
        access.onboard(A);
        access.onboard(B);
        access.onboardInsurer(INSURER);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aBankWritesItsOwnEventsTopicAndNotAnotherBanks() throws Exception {
        try (KafkaProducer<String, String> producer = producer(access.login(A))) {
            assertThat(producer.send(new ProducerRecord<>(Topics.bankEvents(A), "k", "{}")).get().offset()).isNotNegative();

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.bankEvents(B), "k", "{}")).get())
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(Topics.bankEvents(B));
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.CREDIT_EVENTS, "k", "{}")).get())
                    .as("nor the credit platform's").cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aBankReadsItsOwnResultsWithItsGroupPrefixAndNotAnotherBanks() throws Exception {
        // the notifier writes both banks' results, as it does once they are onboarded
        try (KafkaProducer<String, String> notifier = producer(access.login(KafkaAccess.NOTIFIER))) {
            notifier.send(new ProducerRecord<>(Topics.bankResults(A), "e1", "result for A")).get();
            notifier.send(new ProducerRecord<>(Topics.bankResults(B), "e1", "result for B")).get();
        }

        try (KafkaConsumer<String, String> consumer = consumer(access.login(A), A + ".results")) {
            consumer.subscribe(List.of(Topics.bankResults(A)));
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            }
            assertThat(read).containsExactly("result for A");
            consumer.commitSync();
        }

        try (KafkaConsumer<String, String> consumer = consumer(access.login(A), A + ".peek")) {
            consumer.subscribe(List.of(Topics.bankResults(B)));
            assertThatThrownBy(() -> pollUntilRefused(consumer)).isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(Topics.bankResults(B));
        }
        try (KafkaConsumer<String, String> consumer = consumer(access.login(A), "results-of-" + A)) {
            consumer.subscribe(List.of(Topics.bankResults(A)));
            assertThatThrownBy(() -> pollUntilRefused(consumer)).as("a group outside its prefix")
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(access.login(A), A + ".outcomes")) {
            consumer.subscribe(List.of(Topics.INTAKE_OUTCOMES));
            assertThatThrownBy(() -> pollUntilRefused(consumer)).as("nor the platform's own topics")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void anUnknownPrincipalOrAWrongPasswordCannotConnect() {
        String bootstrap = access.login(A).bootstrapServers();
        for (KafkaLogin login : List.of(KafkaLogin.scram(bootstrap, "NOBODY-SH", "whatever"),
                KafkaLogin.scram(bootstrap, A, "not-the-password"),
                KafkaLogin.scram(bootstrap, KafkaAccess.ADMIN, "not-the-password"))) {
            try (Admin admin = Admin.create(login.clientProperties())) {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get()).as(login.toString())
                        .cause().isInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void theNotifierIsRefusedAtOnceOnABankThatWasNeverOnboarded() {
        try (KafkaProducer<String, String> notifier = producer(access.login(KafkaAccess.NOTIFIER))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> notifier.send(new ProducerRecord<>(Topics.bankResults("NEVER-SH"), "e1", "result")).get())
                    .cause().isInstanceOf(TopicAuthorizationException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not after max.block.ms").isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void onboardingIsIdempotentAndLeavesAStandardClientFile() throws Exception {
        Path file = access.onboard(A);
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        assertThat(properties.stringPropertyNames())
                .containsExactlyInAnyOrder("bootstrap.servers", "security.protocol", "sasl.mechanism", "sasl.jaas.config");
        assertThat(properties.getProperty("sasl.jaas.config")).contains("username=\"" + A + "\"");
        assertThat(access.registeredBanks()).containsExactly(A, B);

        Map<String, Object> fromFile = new LinkedHashMap<>();
        properties.forEach((key, value) -> fromFile.put((String) key, value));
        fromFile.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        fromFile.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(fromFile)) {
            assertThat(producer.send(new ProducerRecord<>(Topics.bankEvents(A), "k", "{}")).get().topic()).isEqualTo(Topics.bankEvents(A));
        }
        assertThat(new Secrets(work.resolve("data/secrets/kafka")).passwordOf(A)).as("kept, not generated again")
                .isEqualTo(access.login(A).password());
    }

    /** 科技保险: an insurer is onboarded as a bank is, on its own tf.insurer.* topics, in the banks' namespace of codes. */
    @Test
    void anInsurerWritesItsOwnEventsAndReadsItsOwnResultsOnly() throws Exception {
        Path file = access.onboardInsurer(INSURER);
        assertThat(file.getFileName()).hasToString("insurer-" + INSURER + ".properties");
        assertThat(access.registeredInsurers()).containsExactly(INSURER);
        assertThat(access.registeredBanks()).doesNotContain(INSURER);
        try (KafkaProducer<String, String> producer = producer(access.login(INSURER))) {
            assertThat(producer.send(new ProducerRecord<>(Topics.insurerEvents(INSURER), "k", "{}")).get().offset()).isNotNegative();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.bankEvents(A), "k", "{}")).get())
                    .as("not a bank's").cause().isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> notifier = producer(access.login(KafkaAccess.NOTIFIER))) {
            notifier.send(new ProducerRecord<>(Topics.insurerResults(INSURER), "e1", "result for the insurer")).get();
        }
        try (KafkaConsumer<String, String> consumer = consumer(access.login(INSURER), INSURER + ".results")) {
            consumer.subscribe(List.of(Topics.insurerResults(INSURER)));
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
            }
            assertThat(read).containsExactly("result for the insurer");
        }
        try (KafkaConsumer<String, String> consumer = consumer(access.login(A), A + ".peek-insurer")) {
            consumer.subscribe(List.of(Topics.insurerResults(INSURER)));
            assertThatThrownBy(() -> pollUntilRefused(consumer)).as("a bank does not read an insurer's results")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        assertThatThrownBy(() -> access.onboardInsurer(A)).hasMessageContaining("one namespace");
        assertThatThrownBy(() -> access.onboard(INSURER)).hasMessageContaining("one namespace");
    }

    private static void pollUntilRefused(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                throw new AssertionError("read " + record.topic() + ": " + record.value());
            }
        }
    }

    private static KafkaProducer<String, String> producer(KafkaLogin login) {
        return new KafkaProducer<>(login.with(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000)));
    }

    private static KafkaConsumer<String, String> consumer(KafkaLogin login, String group) {
        return new KafkaConsumer<>(login.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
    }

    /**
     * Ports the kernel gave while all were held at once: asked one after another, a port just closed
     * can come back, and two listeners on one port make the broker's storage format refuse its config.
     */
    private static int[] distinctFreePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
