package cn.shanghai.techfinance.subsidy;

import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.identity.LocalIdentityProvider;
import cn.shanghai.techfinance.infra.DatabaseUsers;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicWriter;
import cn.shanghai.techfinance.infra.TopicReader;
import cn.shanghai.techfinance.intake.IntakeApplication;
import cn.shanghai.techfinance.notifier.NotifierApplication;
import cn.shanghai.techfinance.subsidy.console.ConsoleUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The system end to end in one JVM, on a real Kafka broker and a real MariaDB server: banks' events
 * go over Kafka into the real intake service (its own context, its own schema), and subsidy-batch
 * reads the ledger intake wrote; the real notifier (its own context and schema too) takes intake's
 * outcomes and subsidy-batch's claim events off the same broker, as the console's pages of parked
 * notifications and firms' contacts call it. Test classes keep apart by bank code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = SubsidyBatchApplication.class,
        properties = {"spring.config.name=" + SubsidyBatchApplication.CONFIG_NAME, "subsidy.nightly.scheduled=false",
                "subsidy.nightly.partitions=2", "subsidy.nightly.firms-per-chunk=2", "subsidy.nightly.transitions-per-chunk=2",
                "subsidy.nightly.recovery.first-pause=1s",
                "subsidy.business-clock.simulation=true",
                "logging.level.root=WARN", "logging.level.org.apache.kafka=WARN"})
public abstract class EndToEndTest {

    protected static final String LEDGER_SCHEMA = "ledger_e2e";
    private static final String LEDGER_READER_PASSWORD = "ledger-e2e-reader";
    /** The tests' token issuer: both services trust its public key (and nothing else). */
    protected static final LocalTokens TOKENS = LocalTokens.loadOrCreate(Path.of("target", "test-jwt"));
    private static final BankEventCodec CODEC = new BankEventCodec();
    /** The console's issuer (started once per JVM): people sign in there, with the demo users it lists. */
    protected static final String CONSOLE_SECRET = "console-e2e-secret";
    private static LocalIdentityProvider identity;
    private static ConfigurableApplicationContext intake;
    private static ConfigurableApplicationContext notifier;
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    protected JdbcTemplate jdbc;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        startIntake();
        startNotifier();
        var db = SharedInfrastructure.mariaDb();
        SharedInfrastructure.registerProperties(registry, "subsidy_e2e");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
        // the web console, signing in at the tests' issuer, which signs with the same key
        registry.add("spring.security.oauth2.client.registration.console.client-id", () -> LocalIdentityProvider.CONSOLE_CLIENT);
        registry.add("spring.security.oauth2.client.registration.console.client-secret", () -> CONSOLE_SECRET);
        registry.add("spring.security.oauth2.client.registration.console.authorization-grant-type", () -> "authorization_code");
        registry.add("spring.security.oauth2.client.registration.console.scope", () -> "openid,profile");
        registry.add("spring.security.oauth2.client.registration.console.provider", () -> "techfinance");
        registry.add("spring.security.oauth2.client.provider.techfinance.issuer-uri", () -> identity().issuerUri());
        registry.add("console.services.intake-url", () -> "http://127.0.0.1:" + intakePort());
        registry.add("console.services.notifier-url", () -> "http://127.0.0.1:" + notifierPort());
        registry.add("ledger.datasource.url", () -> db.jdbcUrl(LEDGER_SCHEMA));
        // the ledger read as in a deployment: by the user with SELECT on the ledger tables only, so a
        // table LedgerReader reads without a grant in DatabaseUsers fails these tests
        registry.add("ledger.datasource.username", () -> DatabaseUsers.LEDGER_READER);
        registry.add("ledger.datasource.password", () -> LEDGER_READER_PASSWORD);
    }

    /** The real intake service, once per JVM, as the banks' side of every test. */
    static synchronized void startIntake() {
        if (intake != null) {
            return;
        }
        var db = SharedInfrastructure.mariaDb();
        String kafka = SharedInfrastructure.kafka().bootstrapServers();
        // On its own thread: Spring's test context loader hooks every SpringApplication started on its
        // thread. Command-line arguments override the service's own application.yml, as in a deployment.
        intake = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(IntakeApplication.class).run(
                "--spring.config.location=" + ownConfiguration(IntakeApplication.class),
                "--server.port=0",
                "--management.server.port=0",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TOKENS.publicKeyLocation(),
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--spring.datasource.url=" + db.jdbcUrl(LEDGER_SCHEMA),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.batch.job.enabled=false",
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=WARN")).join();
        Runtime.getRuntime().addShutdownHook(new Thread(intake::close));
        // intake has migrated the ledger: its tables exist to be granted
        try (Connection admin = DriverManager.getConnection(db.jdbcUrl(LEDGER_SCHEMA), db.username(), db.password())) {
            DatabaseUsers.createLedgerReader(admin, LEDGER_READER_PASSWORD, LEDGER_SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the ledger reader", e);
        }
        producer = TopicWriter.producer(kafka);
    }

    /**
     * The real notifier, once per JVM, in its own schema: webhooks of the tests are plain HTTP on
     * 127.0.0.1 (which production refuses); no SMTP server, so e-mails to a firm wait or park.
     */
    static synchronized void startNotifier() {
        if (notifier != null) {
            return;
        }
        var db = SharedInfrastructure.mariaDb();
        byte[] sealingKey = new byte[32];
        new SecureRandom().nextBytes(sealingKey);
        notifier = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(NotifierApplication.class).run(
                "--spring.config.location=" + ownConfiguration(NotifierApplication.class),
                "--server.port=0",
                "--management.server.port=0",
                "--management.health.mail.enabled=false",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TOKENS.publicKeyLocation(),
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                "--spring.datasource.url=" + db.jdbcUrl("notifier_e2e"),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--notifier.webhook.secret-key=" + Base64.getEncoder().encodeToString(sealingKey),
                "--notifier.webhook.allow-plain-http=true",
                "--notifier.webhook.allowed-hosts=127.0.0.1",
                "--notifier.webhook.connect-timeout=500ms",
                "--notifier.webhook.read-timeout=2s",
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=WARN")).join();
        Runtime.getRuntime().addShutdownHook(new Thread(notifier::close));
    }

    /**
     * The application.yml of the service's own jar: every service has one at the root of the test
     * classpath, and the class loader would hand each the first it finds.
     */
    private static String ownConfiguration(Class<?> application) {
        String home = application.getProtectionDomain().getCodeSource().getLocation().toString();
        try {
            return Collections.list(application.getClassLoader().getResources("application.yml")).stream().map(URL::toString)
                    .filter(url -> url.contains(home)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no application.yml in " + home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The notifier's main port. */
    protected static int notifierPort() {
        return ((WebServerApplicationContext) notifier).getWebServer().getPort();
    }

    /** The tests' OIDC issuer, once per JVM; a test lets its own console in with {@link LocalIdentityProvider#allowConsoleAt}. */
    protected static synchronized LocalIdentityProvider identity() {
        if (identity == null) {
            identity = LocalIdentityProvider.start(TOKENS, 0, CONSOLE_SECRET, List.of(), ConsoleUsers.STAFF);
            Runtime.getRuntime().addShutdownHook(new Thread(identity::close));
        }
        return identity;
    }

    /** Intake's main port. */
    protected static int intakePort() {
        return ((WebServerApplicationContext) intake).getWebServer().getPort();
    }

    /** The notifier's context (started once per JVM), for a test that reads what it exports. */
    protected static ConfigurableApplicationContext notifier() {
        return notifier;
    }

    /** The intake service's context (started once per JVM), for a test that drives intake's transactions itself. */
    protected static ConfigurableApplicationContext intake() {
        return intake;
    }

    /**
     * Sends the events to their senders' topics (banks', insurers', the credit platform's; all at once, as a bank
     * streams them) and waits until intake accepted every one, asking the ledger for the whole set at each poll.
     */
    protected void sendAndAwaitAccepted(List<BankEvent> events) {
        // each bank's and insurer's topics exist once it is onboarded: before it sends (and before its results go out)
        SharedInfrastructure.provisionBanks(events.stream().map(BankEvent::source).map(EventSource::bankCode)
                .flatMap(Optional::stream).distinct().toArray(String[]::new));
        SharedInfrastructure.provisionInsurers(events.stream().map(BankEvent::source).map(EventSource::insurerCode)
                .flatMap(Optional::stream).distinct().toArray(String[]::new));
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (BankEvent event : events) {
            String topic = EventSource.bankCode(event.source()).map(Topics::bankEvents)
                    .or(() -> EventSource.insurerCode(event.source()).map(Topics::insurerEvents)).orElse(Topics.CREDIT_EVENTS);
            sends.add(producer.send(new ProducerRecord<>(topic, event.id(), CODEC.encode(event))));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        JdbcTemplate ledger = new JdbcTemplate(intake.getBean(DataSource.class));
        Map<String, Set<String>> idsBySource = events.stream()
                .collect(Collectors.groupingBy(BankEvent::source, Collectors.mapping(BankEvent::id, Collectors.toSet())));
        Map<String, String> decided = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Map<String, String> statuses = new HashMap<>();
            idsBySource.forEach((source, ids) -> ledger.query("SELECT event_id, status FROM intake_event WHERE source = ?", rs -> {
                if (ids.contains(rs.getString(1)) && !"PARKED".equals(rs.getString(2))) {
                    statuses.put(source + " " + rs.getString(1), rs.getString(2));
                }
            }, source));
            return statuses;
        }, statuses -> statuses.size() == events.size());
        decided.forEach((event, status) -> {
            if (!status.equals("ACCEPTED")) {
                throw new IllegalStateException("intake did not accept " + event + ": " + status);
            }
        });
    }

    /** A client of subsidy-batch's HTTP API on its random port, as an officer; never throws on an error status. */
    protected RestClient api() {
        return api(TOKENS.token("OFFICER"));
    }

    /** A client that sends this bearer token (none when null); never throws on an error status. */
    protected RestClient api(String token) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { });
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** Every claim event published so far, read from the beginning of tf.subsidy.claims.v1. */
    protected static List<ClaimEvent> publishedClaimEvents() {
        return TopicReader.readAll(SharedInfrastructure.kafka().bootstrapServers(), Topics.SUBSIDY_CLAIMS).stream()
                .map(r -> ContractJson.read(r.value(), ClaimEvent.class)).toList();
    }
}
