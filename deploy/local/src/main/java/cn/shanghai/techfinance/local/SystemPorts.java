package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.contracts.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one system's processes listen, all on 127.0.0.1: the broker, the database, and each
 * service's main and management port. The first intake instance and subsidy-batch (standalone or
 * the nightly manager) have ports of their own; further intake instances {@code n} (1-based count
 * after the first) listen on {@code moreIntakes + n}, nightly worker {@code w} on {@code workers + w},
 * each with its management port the same way.
 */
public record SystemPorts(LocalKafkaBroker.Ports kafka, int db, int intake, int intakeManagement, int subsidy, int subsidyManagement,
                          int notifier, int notifierManagement, int moreIntakes, int moreIntakesManagement, int workers,
                          int workersManagement) {

    /** The local run's: Kafka :19092 (controller :19093, admin :19094), MariaDB :13306, services :1808x, actuators :1918x. */
    public static final SystemPorts LOCAL = new SystemPorts(new LocalKafkaBroker.Ports(19092, 19094, 19093), 13306, 18081, 19181,
            18082, 19182, 18083, 19183, 18091, 19191, 18100, 19200);

    /** How the services reach {@code schema} of the database; a service's driver settings for speed are in its own yml. */
    public String jdbcUrl(String schema) {
        return "jdbc:mysql://127.0.0.1:" + db + "/" + schema
                + "?sslMode=DISABLED&rewriteBatchedStatements=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    /** A root connection (no password, as the local server has it) to {@code schema} ("" for none). */
    public Connection rootConnection(String schema) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(schema), "root", "");
    }

    /** Instance {@code instance} of intake (0: the first). */
    public int intake(int instance) {
        return instance == 0 ? intake : moreIntakes + instance;
    }

    public int intakeManagement(int instance) {
        return instance == 0 ? intakeManagement : moreIntakesManagement + instance;
    }

    /** Nightly worker {@code worker} (1-based). */
    public int worker(int worker) {
        return workers + worker;
    }

    public int workerManagement(int worker) {
        return workersManagement + worker;
    }

    /** Every port intake and subsidy-batch use with {@code intakes} instances and {@code workers} nightly workers, main and management. */
    public List<Integer> servicePorts(int intakes, int workers) {
        List<Integer> ports = new ArrayList<>(List.of(subsidy, subsidyManagement));
        for (int instance = 0; instance < intakes; instance++) {
            ports.add(intake(instance));
            ports.add(intakeManagement(instance));
        }
        for (int worker = 1; worker <= workers; worker++) {
            ports.add(worker(worker));
            ports.add(workerManagement(worker));
        }
        return ports;
    }

    /** The broker's, the database's and the notifier's: what every layout uses besides {@link #servicePorts}. */
    public List<Integer> infrastructureAndNotifierPorts() {
        return List.of(kafka.clients(), kafka.controller(), kafka.internal(), db, notifier, notifierManagement);
    }

    /** Every port of the largest layout ({@link Topics#PARTITIONS} intake instances and workers). */
    public List<Integer> all() {
        List<Integer> ports = new ArrayList<>(infrastructureAndNotifierPorts());
        ports.addAll(servicePorts(Topics.PARTITIONS, Topics.PARTITIONS));
        return ports;
    }
}
