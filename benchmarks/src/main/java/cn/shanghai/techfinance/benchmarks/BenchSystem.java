package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.local.LocalAccess;
import cn.shanghai.techfinance.local.LocalKafkaBroker;
import cn.shanghai.techfinance.local.ServiceProcess;
import cn.shanghai.techfinance.local.SystemLauncher;
import cn.shanghai.techfinance.local.SystemPorts;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system as the local run starts it ({@link SystemLauncher}: a Kafka broker with SASL/SCRAM and
 * ACLs, a MariaDB server, each service its own Kafka principal and database user) but on the
 * benchmark's own ports and data directory ({@code benchmarks/target/data}), and the services with
 * production's JVM flags ({@code deploy/jvm/production.options}) instead of the local run's start-up
 * flags. A stage that needs an empty system of its own closes this one and starts another.
 */
final class BenchSystem implements AutoCloseable {

    /**
     * Added to every port below ({@code BENCH_PORT_OFFSET} in run.sh, in hundreds), so that two
     * checkouts can each run a small benchmark at once; their figures then share the cores, of course.
     */
    private static final int PORT_OFFSET = Integer.getInteger("bench.port-offset", 0);
    /**
     * The local run's ports plus 10,000 (Kafka 29092–29094, MariaDB 23306, services 28081–28083,
     * actuators 29181–29183), plus the offset; the scaled layout's further processes next to them
     * (intake instances 28084–28086, workers 28087–28090, actuators 29184–29190), below the ports of
     * the next offset's broker (29192…).
     */
    static final SystemPorts PORTS = new SystemPorts(new LocalKafkaBroker.Ports(29092 + PORT_OFFSET, 29094 + PORT_OFFSET, 29093 + PORT_OFFSET),
            23306 + PORT_OFFSET, 28081 + PORT_OFFSET, 29181 + PORT_OFFSET, 28082 + PORT_OFFSET, 29182 + PORT_OFFSET, 28083 + PORT_OFFSET,
            29183 + PORT_OFFSET, 28083 + PORT_OFFSET, 29183 + PORT_OFFSET, 28086 + PORT_OFFSET, 29186 + PORT_OFFSET);
    static final Duration START_TIMEOUT = SystemLauncher.START_TIMEOUT;

    /** How many processes of the scalable services: intake instances in one consumer group, nightly workers (0: standalone). */
    record Layout(int intakes, int workers) {

        static final Layout SINGLE = new Layout(1, 0);
        /** The spec's scaled layout: two intake instances, a nightly manager and two workers. */
        static final Layout SCALED = new Layout(2, 2);

        String describe() {
            return intakes + " intake instance" + (intakes == 1 ? "" : "s") + ", "
                    + (workers == 0 ? "subsidy-batch standalone" : "a nightly manager and " + workers + " workers");
        }
    }

    private final Path dataDir;
    private final LocalTokens tokens;
    private final SystemLauncher launcher;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The services by name, for their memory figures. */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** The services' actuator ports by name. */
    private final Map<String, Integer> managementPorts = new ConcurrentHashMap<>();

    BenchSystem(Path root) {
        this.dataDir = root.resolve("benchmarks/target/data");
        this.tokens = LocalTokens.loadOrCreate(dataDir.resolve("jwt"));
        this.launcher = new SystemLauncher(root, dataDir, PORTS, List.of("@" + root.resolve("deploy/jvm/production.options")), tokens);
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * Kafka and MariaDB only, from empty topics and schemas (and the ceilings' own schema): the
     * ceilings are measured on them before anything else runs.
     */
    void startInfrastructure() throws Exception {
        SystemLauncher.requireFree(PORTS.all(), "is another benchmark still running?");
        launcher.startInfrastructure();
        launcher.resetSchemas("bench");
    }

    /**
     * intake-service and subsidy-batch (standalone, or the nightly manager), each until ready, as the
     * local run starts them; then the layout's further intake instances and nightly workers, which
     * find their schemas migrated. The notifier comes later ({@link #startNotifier}): it is measured
     * draining what they left it.
     */
    void startServices(Layout layout) throws Exception {
        ServiceProcess intake = service(launcher.startIntake(0), PORTS.intakeManagement(0));
        ServiceProcess subsidy = service(launcher.startSubsidyBatch(layout.workers() == 0 ? "standalone" : "manager", 0),
                PORTS.subsidyManagement());
        intake.awaitHealthy(http, "http://127.0.0.1:" + PORTS.intake(0) + "/readyz", START_TIMEOUT);
        launcher.grantLedgerReads();
        subsidy.awaitHealthy(http, "http://127.0.0.1:" + PORTS.subsidy() + "/readyz", START_TIMEOUT);
        for (int instance = 1; instance < layout.intakes(); instance++) {
            service(launcher.startIntake(instance), PORTS.intakeManagement(instance));
        }
        for (int worker = 1; worker <= layout.workers(); worker++) {
            service(launcher.startSubsidyBatch("worker", worker), PORTS.workerManagement(worker));
        }
        for (int instance = 1; instance < layout.intakes(); instance++) {
            services.get("intake-service-" + (instance + 1)).awaitHealthy(http, "http://127.0.0.1:" + PORTS.intake(instance) + "/readyz",
                    START_TIMEOUT);
        }
        for (int worker = 1; worker <= layout.workers(); worker++) {
            services.get("subsidy-batch-worker-" + worker).awaitHealthy(http, "http://127.0.0.1:" + PORTS.worker(worker) + "/readyz",
                    START_TIMEOUT);
        }
    }

    /** The notifier, until ready; it reads the outcomes and claim events from the topics' start. */
    ServiceProcess startNotifier() throws Exception {
        ServiceProcess notifier = service(launcher.startNotifier(), PORTS.notifierManagement());
        notifier.awaitHealthy(http, "http://127.0.0.1:" + PORTS.notifier() + "/readyz", START_TIMEOUT);
        return notifier;
    }

    LocalAccess access() {
        return launcher.access();
    }

    LocalTokens tokens() {
        return tokens;
    }

    HttpClient http() {
        return http;
    }

    /** The services started so far, by name (intake-service, intake-service-2, subsidy-batch, subsidy-batch-worker-1, notifier). */
    Map<String, ServiceProcess> services() {
        return services;
    }

    Map<String, Integer> managementPorts() {
        return managementPorts;
    }

    /** A root connection to a schema of the benchmark's MariaDB server (the ceilings' own, or a service's, to count its rows). */
    static Connection rootConnection(String schema) throws SQLException {
        return PORTS.rootConnection(schema);
    }

    private ServiceProcess service(ServiceProcess process, int managementPort) {
        services.put(process.name(), process);
        managementPorts.put(process.name(), managementPort);
        return process;
    }

    /** Services before the infrastructure they use. */
    @Override
    public void close() {
        launcher.close();
    }
}
