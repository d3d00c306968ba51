package cn.shanghai.techfinance.reliability;

import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.local.LocalAccess;
import cn.shanghai.techfinance.local.LocalKafkaBroker;
import cn.shanghai.techfinance.local.ServiceProcess;
import cn.shanghai.techfinance.local.SystemLauncher;
import cn.shanghai.techfinance.local.SystemPorts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system as the local run starts it ({@link SystemLauncher}: a Kafka broker with SASL/SCRAM and
 * ACLs, a MariaDB server, each service its own Kafka principal and database user, production's JVM
 * flags) on ports and a data directory of the reliability run's own ({@code reliability/target/data}, or
 * {@code data-<offset>} with a port offset),
 * so that it can run beside the local run and the benchmark. Every scenario starts one afresh: an
 * empty broker log and empty schemas.
 */
final class ReliabilitySystem implements AutoCloseable {

    /**
     * Added to every port below ({@code RELIABILITY_PORT_OFFSET} in run.sh; 1000 is clear of both
     * sets), so that two checkouts, or a small run beside a long one, can go at once; each offset
     * has a data directory of its own.
     */
    static final int PORT_OFFSET = Integer.getInteger("reliability.port-offset", 0);
    /**
     * Below the ephemeral range (32768…) and clear of the local run's (18081–19203, 13306, 19092–19094)
     * and the benchmark's (2xxxx): Kafka 16292–16294, MariaDB 16306, services 16081–16083, actuators
     * 16181–16183; further intake instances 16085…, nightly workers 16091…, their actuators 16185…, 16191…;
     * all plus the offset.
     */
    static final SystemPorts PORTS = new SystemPorts(new LocalKafkaBroker.Ports(16292 + PORT_OFFSET, 16294 + PORT_OFFSET, 16293 + PORT_OFFSET),
            16306 + PORT_OFFSET, 16081 + PORT_OFFSET, 16181 + PORT_OFFSET, 16082 + PORT_OFFSET, 16182 + PORT_OFFSET, 16083 + PORT_OFFSET,
            16183 + PORT_OFFSET, 16084 + PORT_OFFSET, 16184 + PORT_OFFSET, 16090 + PORT_OFFSET, 16190 + PORT_OFFSET);
    /**
     * How long a service may take to get ready, at its first start and after each crash. Longer than
     * the local run's 4 minutes: here a restart is the figure measured, and on a shared 2-core machine
     * (load average 60) intake's took 210 s to start and another 40 s before its Kafka health answered;
     * the bound only stops a run whose service never comes back.
     */
    static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Path dataDir;
    private final LocalTokens tokens;
    private final SystemLauncher launcher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ServiceProcess intake;
    private ServiceProcess notifier;
    private ServiceProcess subsidy;
    private final Map<Integer, ServiceProcess> workers = new HashMap<>();
    private int crashes;

    ReliabilitySystem(Path root) {
        this.dataDir = root.resolve("reliability/target").resolve(PORT_OFFSET == 0 ? "data" : "data-" + PORT_OFFSET);
        this.tokens = LocalTokens.loadOrCreate(dataDir.resolve("jwt"));
        this.launcher = new SystemLauncher(root, dataDir, PORTS, List.of("@" + root.resolve("deploy/jvm/production.options")), tokens);
    }

    /** Kafka and MariaDB, from an empty log and empty schemas. */
    void startInfrastructure() throws Exception {
        SystemLauncher.requireFree(PORTS.all(), "is another reliability run still going?");
        launcher.startInfrastructure();
        launcher.resetSchemas();
    }

    /** intake-service, until ready (its migrations make the ledger tables). */
    void startIntake() throws Exception {
        intake = launcher.startIntake(0);
        intake.awaitHealthy(http, "http://127.0.0.1:" + PORTS.intake(0) + "/readyz", START_TIMEOUT);
    }

    /**
     * SIGKILL of intake-service's own process, mid-work; its log kept beside the next one's
     * ({@code intake-service.crash-N.log}, N counting this system's crashes).
     */
    void crashIntake() throws InterruptedException, IOException {
        crash(intake);
    }

    /** The notifier, until ready, with {@code more} arguments; it reads the outcomes (and claim events) from the topics' start. */
    void startNotifier(String... more) throws Exception {
        notifier = launcher.startNotifier(more);
        notifier.awaitHealthy(http, "http://127.0.0.1:" + PORTS.notifier() + "/readyz", START_TIMEOUT);
    }

    /** SIGKILL of the notifier's own process, mid-delivery; its log kept as for intake. */
    void crashNotifier() throws InterruptedException, IOException {
        crash(notifier);
    }

    /** Answers where the killed process's log is kept. */
    private Path crash(ServiceProcess service) throws InterruptedException, IOException {
        service.kill();
        crashes++;
        Path log = launcher.logs().resolve(service.name() + ".log");
        Path kept = launcher.logs().resolve(service.name() + ".crash-" + crashes + ".log");
        Files.move(log, kept, StandardCopyOption.REPLACE_EXISTING);
        return kept;
    }

    /** subsidy-batch standalone, until ready, once intake has made the ledger tables it reads. */
    void startSubsidyBatch() throws Exception {
        subsidy = launcher.startSubsidyBatch("standalone", 0);
        launcher.grantLedgerReads();
        subsidy.awaitHealthy(http, "http://127.0.0.1:" + PORTS.subsidy() + "/readyz", START_TIMEOUT);
    }

    /** SIGKILL of subsidy-batch's own process (the manager's, in the scaled layout), mid-job; its log kept as for intake. */
    void crashSubsidyBatch() throws InterruptedException, IOException {
        crash(subsidy);
    }

    /**
     * subsidy-batch in the scaled layout ({@code subsidy.nightly.role}): the manager, on
     * subsidy-batch's ports, taking the API calls, and {@code workers} worker processes; each until ready.
     */
    void startScaledSubsidyBatch(int workers) throws Exception {
        subsidy = launcher.startSubsidyBatch("manager", 0);
        launcher.grantLedgerReads();
        subsidy.awaitHealthy(http, "http://127.0.0.1:" + PORTS.subsidy() + "/readyz", START_TIMEOUT);
        for (int worker = 1; worker <= workers; worker++) {
            startWorker(worker);
        }
    }

    /** Nightly worker {@code worker} (1-based), until ready; its log {@code subsidy-batch-worker-<worker>.log}. */
    void startWorker(int worker) throws Exception {
        ServiceProcess process = launcher.startSubsidyBatch("worker", worker);
        workers.put(worker, process);
        process.awaitHealthy(http, "http://127.0.0.1:" + PORTS.worker(worker) + "/readyz", START_TIMEOUT);
    }

    /** SIGKILL of nightly worker {@code worker}'s process, mid-slice; answers where its log is kept. */
    Path crashWorker(int worker) throws InterruptedException, IOException {
        return crash(workers.get(worker));
    }

    /** The database server stopped (cleanly, its files kept): the services lose every connection and cannot make one. */
    void stopDatabase() {
        launcher.stopDatabase();
    }

    /** The database server started again on its files; returns once it serves. */
    void restartDatabase() throws Exception {
        launcher.restartDatabase();
    }

    /** The broker stopped (a controlled shutdown) and started again on its log; returns once its listeners serve. */
    void restartKafka() throws Exception {
        launcher.restartKafka();
    }

    /** Watches a service's health from now on: "intake-service", "subsidy-batch" or "notifier". */
    HealthWatch watchHealth(String service) {
        int port = switch (service) {
            case "intake-service" -> PORTS.intakeManagement(0);
            case "subsidy-batch" -> PORTS.subsidyManagement();
            case "notifier" -> PORTS.notifierManagement();
            default -> throw new IllegalArgumentException("no service " + service);
        };
        return new HealthWatch(service, http, port);
    }

    LocalAccess access() {
        return launcher.access();
    }

    HttpClient http() {
        return http;
    }

    String subsidyBase() {
        return "http://127.0.0.1:" + PORTS.subsidy();
    }

    String notifierBase() {
        return "http://127.0.0.1:" + PORTS.notifier();
    }

    String notifierMetrics() {
        return "http://127.0.0.1:" + PORTS.notifierManagement() + "/actuator/metrics/";
    }

    /** A firm's token, as its contact registration asks. */
    String firmToken(String uscc) {
        return tokens.firmToken(uscc);
    }

    /** A bank's token, as its webhook registration asks. */
    String bankToken(String bankCode) {
        return tokens.bankToken(bankCode);
    }

    /** An officer's token, as the nightly run API asks. */
    String officerToken() {
        return tokens.token("OFFICER");
    }

    /** The approver's token: a person other than the officer who prepares a settlement (maker–checker). */
    String approverToken() {
        return tokens.token("APPROVER");
    }

    Connection rootConnection(String schema) throws SQLException {
        return PORTS.rootConnection(schema);
    }

    Path logs() {
        return launcher.logs();
    }

    /** Services before the infrastructure they use. */
    @Override
    public void close() {
        launcher.close();
    }
}
