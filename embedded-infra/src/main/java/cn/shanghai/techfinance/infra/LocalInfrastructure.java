package cn.shanghai.techfinance.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local run's infrastructure as one process: a Kafka broker (KRaft, on a free port) and a
 * MariaDB server on a fixed port, MariaDB's files kept under a data directory between runs. Prints
 * {@code READY kafka=<bootstrap servers> mariadb=<host:port>} once both serve, and stops both on
 * SIGTERM or Ctrl-C.
 *
 * <p>Usage: {@code LocalInfrastructure <dbPort> <dataDir>}
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws InterruptedException {
        int dbPort = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(dataDir.resolve("mariadb"), dbPort);
        EmbeddedKafka kafka = EmbeddedKafka.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            mariaDb.close();
            stopped.countDown();
        }, "local-infrastructure-stop"));
        System.out.println("READY kafka=" + kafka.bootstrapServers() + " mariadb=127.0.0.1:" + mariaDb.port());
        System.out.flush();
        stopped.await();
    }
}
