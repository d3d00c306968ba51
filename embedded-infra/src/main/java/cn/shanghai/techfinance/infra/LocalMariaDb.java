package cn.shanghai.techfinance.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local run's database as a process of its own: a MariaDB server on a fixed port, its files
 * kept under a data directory between runs. Prints {@code READY mariadb=<host:port>} once it serves,
 * and stops the server on SIGTERM or Ctrl-C.
 *
 * <p>Usage: {@code LocalMariaDb <port> <dataDir>}
 */
public final class LocalMariaDb {

    private LocalMariaDb() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mariaDb.close();
            stopped.countDown();
        }, "local-mariadb-stop"));
        System.out.println("READY mariadb=127.0.0.1:" + mariaDb.port());
        System.out.flush();
        stopped.await();
    }
}
