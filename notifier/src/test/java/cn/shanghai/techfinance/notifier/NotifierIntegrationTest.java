package cn.shanghai.techfinance.notifier;

import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicWriter;
import cn.shanghai.techfinance.infra.TopicReader;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The notifier as it runs, against real infrastructure shared by every test class of the JVM: the
 * embedded Kafka broker and MariaDB server, a GreenMail SMTP server and a WireMock HTTP server
 * standing in for banks' webhooks. Test classes keep apart by bank code, USCC and webhook path;
 * they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = NotifierApplication.class,
        properties = {"logging.level.root=WARN", "logging.level.org.apache.kafka=WARN",
                "logging.level.cn.shanghai.techfinance=INFO"})
@ActiveProfiles("test")
public abstract class NotifierIntegrationTest {

    protected static final String SCHEMA = "notifier_it";
    /** One SMTP server per JVM, on a fixed port so that a test can stop it and start it again. */
    protected static final GreenMail MAIL = startMail();
    /** The banks' webhooks: one HTTP server per JVM, each bank under /hooks/&lt;bankCode&gt;. */
    protected static final WireMockServer BANKS = startBanks();

    /** The tests' token issuer: the service trusts its public key (and nothing else). */
    protected static final LocalTokens TOKENS = LocalTokens.loadOrCreate(Path.of("target", "test-jwt"));

    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.registerProperties(registry, SCHEMA);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
    }

    @BeforeAll
    static void openProducer() {
        producer = TopicWriter.producer(SharedInfrastructure.kafka().bootstrapServers());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "greenmail-stop"));
        return mail;
    }

    private static WireMockServer startBanks() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        return server;
    }

    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- what comes in ----

    /** Publishes outcomes on tf.intake.outcomes.v1 as intake does: keyed by bank code. */
    protected static List<RecordMetadata> publish(IntakeOutcome... outcomes) {
        // the notifier writes each bank's results to the bank's own topic, created when the bank joined
        SharedInfrastructure.provisionBanks(Arrays.stream(outcomes).map(IntakeOutcome::bankCode).toArray(String[]::new));
        return Arrays.stream(outcomes)
                .map(o -> send(Topics.INTAKE_OUTCOMES, o.bankCode(), ContractJson.write(o))).toList();
    }

    /** Publishes claim events on tf.subsidy.claims.v1 as subsidy-batch does: keyed by the firm's USCC. */
    protected static List<RecordMetadata> publish(ClaimEvent... claims) {
        SharedInfrastructure.provisionBanks(Arrays.stream(claims).map(ClaimEvent::bankCode).toArray(String[]::new));
        return Arrays.stream(claims)
                .map(c -> send(Topics.SUBSIDY_CLAIMS, c.uscc(), ContractJson.write(c))).toList();
    }

    protected static RecordMetadata send(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- registrations, over the notifier's HTTP API ----

    /** A client of the notifier's HTTP API, as an officer; never throws on an error status. */
    protected RestClient api() {
        return api(TOKENS.token("OFFICER"));
    }

    /** A client that sends this bearer token (none when null); never throws on an error status. */
    protected RestClient api(String token) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { });
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** The management port (actuator): open, never exposed outside the cluster. */
    protected RestClient management() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + managementPort)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    /** Registers as the bank itself: only a bank registers its webhook. */
    protected ResponseEntity<String> registerWebhook(String bankCode, String url, String keyId, String secret) {
        return api(TOKENS.bankToken(bankCode)).put().uri("/api/v1/banks/{bank}/webhook", bankCode).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", url, "keyId", keyId, "secret", secret)).retrieve().toEntity(String.class);
    }

    /** Registers a WireMock path as the bank's webhook: {@code /hooks/<bankCode>}. */
    protected void registerWebhook(String bankCode, String secret) {
        ResponseEntity<String> answer = registerWebhook(bankCode, BANKS.baseUrl() + hookPath(bankCode), "k1", secret);
        if (!answer.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException("webhook registration refused: " + answer);
        }
    }

    protected static String hookPath(String bankCode) {
        return "/hooks/" + bankCode;
    }

    /** Registers as the firm itself: only a firm registers its contact address. */
    protected ResponseEntity<String> registerContact(String uscc, String email) {
        return api(TOKENS.firmToken(uscc)).put().uri("/api/v1/firms/{uscc}/contact", uscc).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email)).retrieve().toEntity(String.class);
    }

    // ---- what goes out ----

    /** The requests the bank's webhook received, oldest first. */
    protected static List<ServeEvent> webhookCalls(String bankCode) {
        List<ServeEvent> calls = new ArrayList<>(BANKS.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(hookPath(bankCode))).toList());
        calls.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
        return calls;
    }

    /** Every mail GreenMail received for the address. */
    protected static List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            try {
                if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                    mails.add(m);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    /** Every record on the bank's results topic so far, read from the beginning. */
    protected static List<ConsumerRecord<byte[], byte[]>> results(String bankCode) {
        return TopicReader.readAll(SharedInfrastructure.kafka().bootstrapServers(), Topics.bankResults(bankCode));
    }

    // ---- the ledger ----

    protected record Row(String recipient, String channel, String eventId, String status, int attempts) {
    }

    protected List<Row> ledgerRows(String recipient) {
        return jdbc.query("SELECT recipient, channel, event_id, status, attempts FROM delivery WHERE recipient = ? ORDER BY id",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                recipient);
    }

    /** Waits until the recipient has {@code count} deliveries and none of them is pending any more. */
    protected List<Row> awaitSettled(String recipient, int count) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ledgerRows(recipient),
                        rows -> rows.size() == count && rows.stream().noneMatch(r -> r.status().equals("PENDING")));
    }

    protected static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
