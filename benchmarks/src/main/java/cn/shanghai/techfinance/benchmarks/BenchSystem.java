package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.infra.DatabaseUsers;
import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.infra.Secrets;
import cn.shanghai.techfinance.local.LocalAccess;
import cn.shanghai.techfinance.local.LocalKafkaBroker;
import cn.shanghai.techfinance.local.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The system as the local run starts it — a Kafka broker (SASL/SCRAM, ACLs) and a MariaDB server,
 * each in its own process, then intake-service, subsidy-batch and notifier, each its own Kafka
 * principal and database user — but on the benchmark's own ports and data directory
 * ({@code benchmarks/target/data}), and the services with production's JVM flags
 * ({@code deploy/jvm/production.options}) instead of the local run's start-up flags.
 */
final class BenchSystem implements AutoCloseable {

    /**
     * Added to every port below ({@code BENCH_PORT_OFFSET} in run.sh), so that two checkouts can
     * each run a small benchmark at once; their figures then share the cores, of course.
     */
    private static final int PORT_OFFSET = Integer.getInteger("bench.port-offset", 0);
    static final LocalKafkaBroker.Ports KAFKA_PORTS = new LocalKafkaBroker.Ports(29092 + PORT_OFFSET, 29094 + PORT_OFFSET,
            29093 + PORT_OFFSET);
    static final int DB_PORT = 23306 + PORT_OFFSET;
    static final int INTAKE_PORT = 28081 + PORT_OFFSET;
    static final int SUBSIDY_PORT = 28082 + PORT_OFFSET;
    static final int NOTIFIER_PORT = 28083 + PORT_OFFSET;
    static final int INTAKE_MANAGEMENT_PORT = 29181 + PORT_OFFSET;
    static final int SUBSIDY_MANAGEMENT_PORT = 29182 + PORT_OFFSET;
    static final int NOTIFIER_MANAGEMENT_PORT = 29183 + PORT_OFFSET;
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path root;
    private final Path dataDir;
    private final Path logs;
    private final Secrets dbPasswords;
    private final LocalTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceProcess> started = new ArrayList<>();
    /** The services by name, for their memory figures. */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private LocalAccess access;

    BenchSystem(Path root) {
        this.root = root;
        this.dataDir = root.resolve("benchmarks/target/data");
        this.logs = dataDir.resolve("logs");
        this.dbPasswords = new Secrets(dataDir.resolve("secrets").resolve("mysql"));
        this.tokens = LocalTokens.loadOrCreate(dataDir.resolve("jwt"));
    }

    Path dataDir() {
        return dataDir;
    }

    /** Kafka and MariaDB only: the ceilings are measured on them before anything else runs. */
    void startInfrastructure() throws Exception {
        for (int port : new int[] {KAFKA_PORTS.clients(), KAFKA_PORTS.internal(), KAFKA_PORTS.controller(), DB_PORT, INTAKE_PORT, SUBSIDY_PORT,
                NOTIFIER_PORT, INTAKE_MANAGEMENT_PORT, SUBSIDY_MANAGEMENT_PORT, NOTIFIER_MANAGEMENT_PORT}) {
            requireFree(port);
        }
        Files.createDirectories(dataDir);
        String classpath = System.getProperty("java.class.path");
        ServiceProcess kafka = start(LocalKafkaBroker.start(dataDir.resolve("kafka"), logs, classpath, KAFKA_PORTS,
                LocalAccess.adminPassword(dataDir), START_TIMEOUT));
        ServiceProcess mariaDb = start(ServiceProcess.startJava("mariadb", logs, List.of("-Xmx256m", "-cp", classpath,
                "cn.shanghai.techfinance.infra.LocalMariaDb", String.valueOf(DB_PORT), dataDir.resolve("mariadb").toString())));
        mariaDb.awaitLogLine("READY", START_TIMEOUT);
        kafka.awaitPort(KAFKA_PORTS.clients(), START_TIMEOUT);
        kafka.awaitPort(KAFKA_PORTS.internal(), START_TIMEOUT);
        access = new LocalAccess(dataDir, KAFKA_PORTS);
        access.setUp();
        resetSchemas();
    }

    /**
     * intake-service and subsidy-batch side by side, each until ready, as the local run starts them.
     * The notifier comes later ({@link #startNotifier}): it is measured draining what they left it.
     */
    void startServices() throws Exception {
        String options = "@" + root.resolve("deploy/jvm/production.options");
        String publicKey = "-Dspring.security.oauth2.resourceserver.jwt.public-key-location=" + tokens.publicKeyLocation();
        String kafka = "--spring.kafka.bootstrap-servers=" + KAFKA_PORTS.clientsBootstrap();
        ServiceProcess intake = service("intake-service", List.of(options, "-Dmanagement.server.port=" + INTAKE_MANAGEMENT_PORT, publicKey,
                "-jar", jar("intake-service", "intake-service-0.1.0-SNAPSHOT-exec.jar"),
                "--server.port=" + INTAKE_PORT, kafka, "--spring.datasource.url=" + jdbcUrl("intake")),
                credentials(KafkaAccess.INTAKE, Map.of("INTAKE_DB", DatabaseUsers.INTAKE)));
        ServiceProcess subsidy = service("subsidy-batch", List.of(options, "-Dmanagement.server.port=" + SUBSIDY_MANAGEMENT_PORT, publicKey,
                "-jar", jar("subsidy-batch", "subsidy-batch-0.1.0-SNAPSHOT.jar"),
                "--server.port=" + SUBSIDY_PORT, kafka, "--spring.datasource.url=" + jdbcUrl("subsidy"),
                "--ledger.datasource.url=" + jdbcUrl("intake"),
                "--subsidy.nightly.scheduled=false", "--subsidy.business-clock.simulation=true"),
                credentials(KafkaAccess.SUBSIDY, Map.of("SUBSIDY_DB", DatabaseUsers.SUBSIDY, "LEDGER_DB", DatabaseUsers.LEDGER_READER)));
        intake.awaitHealthy(http, "http://127.0.0.1:" + INTAKE_PORT + "/readyz", START_TIMEOUT);
        try (Connection c = rootConnection()) {
            DatabaseUsers.grantLedgerReads(c, "intake");
        }
        subsidy.awaitHealthy(http, "http://127.0.0.1:" + SUBSIDY_PORT + "/readyz", START_TIMEOUT);
    }

    /** The notifier, until ready; it reads the outcomes and claim events from the topics' start. */
    ServiceProcess startNotifier() throws Exception {
        String options = "@" + root.resolve("deploy/jvm/production.options");
        String publicKey = "-Dspring.security.oauth2.resourceserver.jwt.public-key-location=" + tokens.publicKeyLocation();
        String kafka = "--spring.kafka.bootstrap-servers=" + KAFKA_PORTS.clientsBootstrap();
        Map<String, String> notifierEnvironment = credentials(KafkaAccess.NOTIFIER, Map.of("NOTIFIER_DB", DatabaseUsers.NOTIFIER));
        notifierEnvironment.put("NOTIFIER_WEBHOOK_SECRET_KEY", new Secrets(dataDir.resolve("secrets")).keyOf("notifier-webhook-secret", 32));
        ServiceProcess notifier = service("notifier", List.of(options, "-Dmanagement.server.port=" + NOTIFIER_MANAGEMENT_PORT, publicKey,
                "-jar", jar("notifier", "notifier-0.1.0-SNAPSHOT.jar"),
                "--server.port=" + NOTIFIER_PORT, kafka, "--spring.datasource.url=" + jdbcUrl("notifier"),
                "--management.health.mail.enabled=false", "--notifier.webhook.allowed-hosts=localhost"),
                notifierEnvironment);
        notifier.awaitHealthy(http, "http://127.0.0.1:" + NOTIFIER_PORT + "/readyz", START_TIMEOUT);
        return notifier;
    }

    LocalAccess access() {
        return access;
    }

    LocalTokens tokens() {
        return tokens;
    }

    HttpClient http() {
        return http;
    }

    Map<String, ServiceProcess> services() {
        return services;
    }

    /** A root connection to a schema of the benchmark's MariaDB server (the ceilings' own, or a service's, to count its rows). */
    static Connection rootConnection(String schema) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + DB_PORT + "/" + schema
                + "?sslMode=DISABLED&rewriteBatchedStatements=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true", "root", "");
    }

    private static Connection rootConnection() throws SQLException {
        return rootConnection("");
    }

    /** Each run starts from empty schemas, the services' users created (or given their kept passwords again). */
    private void resetSchemas() throws SQLException {
        try (Connection c = rootConnection(); Statement s = c.createStatement()) {
            for (String schema : DatabaseUsers.SCHEMA_OWNERS) {
                s.execute("DROP DATABASE IF EXISTS " + schema);
                s.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
            }
            s.execute("DROP DATABASE IF EXISTS bench");
            s.execute("CREATE DATABASE bench CHARACTER SET utf8mb4");
            Map<String, String> passwords = new TreeMap<>();
            for (String user : List.of(DatabaseUsers.INTAKE, DatabaseUsers.SUBSIDY, DatabaseUsers.NOTIFIER, DatabaseUsers.LEDGER_READER)) {
                passwords.put(user, dbPasswords.passwordOf(user));
            }
            DatabaseUsers.createUsers(c, passwords);
        }
    }

    private Map<String, String> credentials(String kafkaPrincipal, Map<String, String> databaseUsers) {
        Map<String, String> environment = new TreeMap<>(access.login(kafkaPrincipal).springEnvironment());
        databaseUsers.forEach((prefix, user) -> {
            environment.put(prefix + "_USER", user);
            environment.put(prefix + "_PASSWORD", dbPasswords.passwordOf(user));
        });
        return environment;
    }

    private static String jdbcUrl(String schema) {
        return "jdbc:mysql://127.0.0.1:" + DB_PORT + "/" + schema
                + "?sslMode=DISABLED&rewriteBatchedStatements=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    private String jar(String module, String name) {
        Path jar = root.resolve(module).resolve("target").resolve(name);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: benchmarks/run.sh builds it (./mvnw -DskipTests package)");
        }
        return jar.toString();
    }

    private ServiceProcess service(String name, List<String> javaArguments, Map<String, String> environment) throws IOException {
        ServiceProcess process = start(ServiceProcess.startJava(name, logs, javaArguments, environment));
        services.put(name, process);
        return process;
    }

    private ServiceProcess start(ServiceProcess process) {
        started.add(process);
        return process;
    }

    /** Services before the infrastructure they use. */
    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stop);
        started.clear();
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use: is another benchmark still running? (ss -ltnp | grep " + port + ")");
        }
    }
}
