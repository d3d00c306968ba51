package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.infra.DatabaseUsers;
import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.infra.Secrets;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts the system's processes as the local run and the benchmark both do, on the ports of a
 * {@link SystemPorts} and with the services' JVM flags given (the local run's start-up flags, or
 * production's): a Kafka broker (SASL/SCRAM, ACLs) and a MariaDB server each in a process of its
 * own, the services each logging in as its own Kafka principal and database user, their passwords
 * and keys kept under the data directory and passed in their environment, off their command lines.
 * {@link #close} stops what it started, services before the infrastructure they use.
 */
public final class SystemLauncher implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path root;
    private final Path dataDir;
    private final Path logs;
    private final SystemPorts ports;
    private final List<String> serviceJvmFlags;
    private final LocalTokens tokens;
    /** The services' database passwords, kept like the Kafka principals' (LocalAccess). */
    private final Secrets dbPasswords;
    private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();
    private LocalAccess access;
    private ServiceProcess kafka;
    private ServiceProcess mariaDb;
    /** Infrastructure restarts so far: numbers the logs of the runs before. */
    private int restarts;
    /** Where subsidy-batch's web console signs people in, when the run has one (the benchmark has none). */
    private Console console;

    /** The web console's client at its OIDC issuer. */
    public record Console(String issuerUri, String clientId, String clientSecret) {
    }

    /**
     * @param serviceJvmFlags the services' JVM flags, before their own system properties
     * @param tokens          the token issuer whose public key the services trust
     */
    public SystemLauncher(Path root, Path dataDir, SystemPorts ports, List<String> serviceJvmFlags, LocalTokens tokens) {
        this.root = root;
        this.dataDir = dataDir;
        this.logs = dataDir.resolve("logs");
        this.ports = ports;
        this.serviceJvmFlags = List.copyOf(serviceJvmFlags);
        this.tokens = tokens;
        this.dbPasswords = new Secrets(dataDir.resolve("secrets").resolve("mysql"));
    }

    public SystemPorts ports() {
        return ports;
    }

    public Path logs() {
        return logs;
    }

    /** What is running, in the order it started. */
    public List<ServiceProcess> started() {
        return List.copyOf(started);
    }

    /** subsidy-batch (standalone or the nightly manager) serves the web console, signing people in at this issuer. */
    public void withConsole(Console console) {
        this.console = console;
    }

    /** Available once {@link #startInfrastructure} has set up the broker's principals. */
    public LocalAccess access() {
        return access;
    }

    /** Fails, naming the port and {@code hint}, unless every port is free. */
    public static void requireFree(List<Integer> ports, String hint) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is in use: " + hint + " (find it with: ss -ltnp | grep " + port + ")");
            }
        }
    }

    /**
     * The broker (its log formatted afresh) and MariaDB (its files and install kept), each until it
     * serves; then the platform's topics, principals and ACLs and every bank onboarded before
     * ({@link LocalAccess#setUp}); returns those banks. The broker creates no topic on first use:
     * the platform's exist before any service starts.
     */
    public List<String> startInfrastructure() throws Exception {
        Files.createDirectories(dataDir);
        kafka = start(LocalKafkaBroker.start(dataDir.resolve("kafka"), logs, classpath(), ports.kafka(),
                LocalAccess.adminPassword(dataDir), START_TIMEOUT));
        mariaDb = start(startMariaDb());
        mariaDb.awaitLogLine("READY", START_TIMEOUT);
        awaitKafka();
        access = new LocalAccess(dataDir, ports.kafka());
        return access.setUp();
    }

    private static String classpath() {
        return System.getProperty("java.class.path");
    }

    private ServiceProcess startMariaDb() throws IOException {
        return ServiceProcess.startJava("mariadb", logs, List.of("-Xmx256m", "-cp", classpath(),
                "cn.shanghai.techfinance.infra.LocalMariaDb", String.valueOf(ports.db()), dataDir.resolve("mariadb").toString()));
    }

    private void awaitKafka() throws InterruptedException {
        kafka.awaitPort(ports.kafka().clients(), START_TIMEOUT);
        kafka.awaitPort(ports.kafka().internal(), START_TIMEOUT);
    }

    /** Stops the database server (SIGTERM: MariaDB shuts down cleanly), its files kept: an outage for the services to ride out. */
    public void stopDatabase() {
        mariaDb.stop();
    }

    /** Starts the database server again on its kept files, until it serves; the log of its earlier run kept as {@code mariadb.<n>.log}. */
    public void restartDatabase() throws Exception {
        mariaDb.stop();
        mariaDb = replace(mariaDb, this::startMariaDb);
        mariaDb.awaitLogLine("READY", START_TIMEOUT);
    }

    /** Starts the broker again on its kept log (topics, offsets, principals, ACLs), until both its listeners serve. */
    public void restartKafka() throws Exception {
        kafka.stop();
        kafka = replace(kafka, () -> LocalKafkaBroker.restart(dataDir.resolve("kafka"), logs, classpath()));
        awaitKafka();
    }

    private interface Starter {
        ServiceProcess start() throws IOException;
    }

    /** A stopped process started again in its place (stopped in the same order); its last log kept beside the new one. */
    private ServiceProcess replace(ServiceProcess stopped, Starter starter) throws IOException {
        restarts++;
        Path log = logs.resolve(stopped.name() + ".log");
        if (Files.exists(log)) {
            Files.move(log, logs.resolve(stopped.name() + "." + restarts + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
        ServiceProcess process = starter.start();
        started.set(started.indexOf(stopped), process);
        return process;
    }

    /**
     * Empty schemas for every service, and {@code extraSchemas} besides; the server's files are
     * reused. The services' users are created (or given their kept passwords again), each owning its schema.
     */
    public void resetSchemas(String... extraSchemas) throws SQLException {
        try (Connection c = rootConnection(""); Statement s = c.createStatement()) {
            List<String> schemas = new ArrayList<>(DatabaseUsers.SCHEMA_OWNERS);
            schemas.addAll(List.of(extraSchemas));
            for (String schema : schemas) {
                s.execute("DROP DATABASE IF EXISTS " + schema);
                s.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
            }
            Map<String, String> passwords = new TreeMap<>();
            for (String user : List.of(DatabaseUsers.INTAKE, DatabaseUsers.SUBSIDY, DatabaseUsers.NOTIFIER, DatabaseUsers.LEDGER_READER)) {
                passwords.put(user, dbPasswords.passwordOf(user));
            }
            DatabaseUsers.createUsers(c, passwords);
        }
    }

    /**
     * Grants subsidy-batch's ledger reader intake's ledger tables: once intake's migrations have
     * made them (subsidy-batch is not ready, its ledger health down, until then).
     */
    public void grantLedgerReads() throws SQLException {
        try (Connection c = rootConnection("")) {
            DatabaseUsers.grantLedgerReads(c, "intake");
        }
    }

    /** A root connection (no password, as the local server has it) to {@code schema} ("" for none). */
    public Connection rootConnection(String schema) throws SQLException {
        return ports.rootConnection(schema);
    }

    public String jdbcUrl(String schema) {
        return ports.jdbcUrl(schema);
    }

    /** Intake instance {@code instance} (0: the first); all of them are one consumer group. Started, not yet waited for. */
    public ServiceProcess startIntake(int instance) throws IOException {
        return start(ServiceProcess.startJava(instance == 0 ? "intake-service" : "intake-service-" + (instance + 1), logs,
                serviceArguments(ports.intakeManagement(instance), "intake-service", "intake-service-0.1.0-SNAPSHOT-exec.jar",
                        ports.intake(instance), "--spring.datasource.url=" + jdbcUrl("intake")),
                credentials(KafkaAccess.INTAKE, Map.of("INTAKE_DB", DatabaseUsers.INTAKE))));
    }

    /**
     * A subsidy-batch process of a nightly role ({@code subsidy.nightly.role}: standalone, manager —
     * both on subsidy-batch's ports, taking the API calls — or worker {@code worker}, 1-based, on its
     * own), the nights started through the run API only, the business clock in simulation mode.
     */
    public ServiceProcess startSubsidyBatch(String role, int worker) throws IOException {
        boolean isWorker = role.equals("worker");
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl("subsidy"),
                "--ledger.datasource.url=" + jdbcUrl("intake"), "--subsidy.nightly.scheduled=false",
                "--subsidy.business-clock.simulation=true", "--subsidy.nightly.role=" + role));
        Map<String, String> environment = credentials(KafkaAccess.SUBSIDY,
                Map.of("SUBSIDY_DB", DatabaseUsers.SUBSIDY, "LEDGER_DB", DatabaseUsers.LEDGER_READER));
        if (console != null && !isWorker) {
            // the console's client registration; its secret in the environment, off the command line
            String registration = "--spring.security.oauth2.client.registration.console.";
            arguments.addAll(List.of(registration + "client-id=" + console.clientId(),
                    registration + "authorization-grant-type=authorization_code", registration + "scope=openid,profile",
                    registration + "provider=techfinance",
                    "--spring.security.oauth2.client.provider.techfinance.issuer-uri=" + console.issuerUri(),
                    "--console.services.intake-url=http://127.0.0.1:" + ports.intake(),
                    "--console.services.notifier-url=http://127.0.0.1:" + ports.notifier()));
            environment.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_CONSOLE_CLIENT_SECRET", console.clientSecret());
        }
        return start(ServiceProcess.startJava(isWorker ? "subsidy-batch-worker-" + worker : "subsidy-batch", logs,
                serviceArguments(isWorker ? ports.workerManagement(worker) : ports.subsidyManagement(), "subsidy-batch",
                        "subsidy-batch-0.1.0-SNAPSHOT.jar", isWorker ? ports.worker(worker) : ports.subsidy(),
                        arguments.toArray(String[]::new)),
                environment));
    }

    /**
     * The notifier. No SMTP server locally: firms have no registered address either, so e-mails wait
     * as NO_CONTACT; a webhook receiver on this machine may be registered as {@code http://localhost:…}.
     * {@code more} arguments come after its own (an SMTP server's {@code --spring.mail.host}, …).
     */
    public ServiceProcess startNotifier(String... more) throws IOException {
        Map<String, String> environment = credentials(KafkaAccess.NOTIFIER, Map.of("NOTIFIER_DB", DatabaseUsers.NOTIFIER));
        // the key that seals banks' webhook secrets (AES-256, base64): made once, kept like the passwords
        environment.put("NOTIFIER_WEBHOOK_SECRET_KEY", new Secrets(dataDir.resolve("secrets")).keyOf("notifier-webhook-secret", 32));
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl("notifier"),
                "--management.health.mail.enabled=false", "--notifier.webhook.allowed-hosts=localhost",
                "--notifier.webhook.allow-plain-http=true"));
        arguments.addAll(List.of(more));
        return start(ServiceProcess.startJava("notifier", logs,
                serviceArguments(ports.notifierManagement(), "notifier", "notifier-0.1.0-SNAPSHOT-exec.jar", ports.notifier(),
                        arguments.toArray(String[]::new)),
                environment));
    }

    /** A service's command line: the JVM flags, its actuator's port, the key it trusts, its jar, its port and broker, then {@code more}. */
    private List<String> serviceArguments(int managementPort, String module, String jarName, int port, String... more) {
        List<String> arguments = new ArrayList<>(serviceJvmFlags);
        arguments.addAll(List.of("-Dmanagement.server.port=" + managementPort,
                "-Dspring.security.oauth2.resourceserver.jwt.public-key-location=" + tokens.publicKeyLocation(),
                "-jar", jar(module, jarName).toString(),
                "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + ports.kafka().clientsBootstrap()));
        arguments.addAll(List.of(more));
        return arguments;
    }

    /**
     * A service's logins as environment variables, off its command line: its Kafka principal's, and
     * for each {@code <PREFIX>} of {@code databaseUsers} its {@code <PREFIX>_USER} and {@code <PREFIX>_PASSWORD}.
     */
    private Map<String, String> credentials(String kafkaPrincipal, Map<String, String> databaseUsers) {
        Map<String, String> environment = new TreeMap<>(access.login(kafkaPrincipal).springEnvironment());
        databaseUsers.forEach((prefix, user) -> {
            environment.put(prefix + "_USER", user);
            environment.put(prefix + "_PASSWORD", dbPasswords.passwordOf(user));
        });
        return environment;
    }

    private Path jar(String module, String name) {
        Path jar = root.resolve(module).resolve("target").resolve(name);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the project first (./mvnw -DskipTests package)");
        }
        return jar;
    }

    private ServiceProcess start(ServiceProcess process) {
        started.add(process);
        return process;
    }

    /** Stops what it started, services before the infrastructure they use. */
    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stop);
        started.clear();
    }
}
