package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.infra.KafkaLogin;
import cn.shanghai.techfinance.infra.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, the broker of the project's own Kafka jars) in a process
 * of its own, its log formatted afresh at each start, with authentication and authorization on as
 * in production:
 * <ul>
 *   <li>{@code CLIENTS} ({@link Ports#clients()}): banks, the credit platform and the services, SASL/SCRAM-SHA-512 only;</li>
 *   <li>{@code INTERNAL} ({@link Ports#internal()}): the broker itself and the local run's administration,
 *       SASL/PLAIN as {@code admin}, the one super user;</li>
 *   <li>{@code CONTROLLER} ({@link Ports#controller()}): the KRaft controller, SASL/PLAIN as {@code admin}.</li>
 * </ul>
 * {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: a principal may do
 * only what an ACL allows it ({@link KafkaAccess}). SCRAM users live in the cluster's metadata, so
 * they are created again after each start (with the passwords kept by the caller).
 */
public final class LocalKafkaBroker {

    /** The broker's three ports, all on 127.0.0.1. */
    public record Ports(int clients, int internal, int controller) {

        public String clientsBootstrap() {
            return "127.0.0.1:" + clients;
        }

        public String internalBootstrap() {
            return "127.0.0.1:" + internal;
        }
    }

    private LocalKafkaBroker() {
    }

    /** The super user's login, on the internal listener. */
    static KafkaLogin adminLogin(Ports ports, String adminPassword) {
        return KafkaLogin.plain(ports.internalBootstrap(), KafkaAccess.ADMIN, adminPassword);
    }

    /**
     * Formats a fresh log under {@code kafkaDir} and starts the broker; the caller waits for its
     * port. The admin password is written to {@code kafkaDir/server.properties} (owner-only), never
     * to a command line.
     */
    public static ServiceProcess start(Path kafkaDir, Path logs, String classpath, Ports ports, String adminPassword, Duration timeout)
            throws IOException, InterruptedException {
        Path logDirs = kafkaDir.resolve("logs");
        if (Files.exists(logDirs)) {
            try (var files = Files.walk(logDirs)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(kafkaDir);
        Path properties = kafkaDir.resolve("server.properties");
        String adminJaas = KafkaLogin.plain("", KafkaAccess.ADMIN, adminPassword).jaasConfig()
                .replace(";", " user_" + KafkaAccess.ADMIN + "=\"" + adminPassword + "\";");
        String text = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=CLIENTS://127.0.0.1:" + ports.clients() + ",INTERNAL://127.0.0.1:" + ports.internal()
                        + ",CONTROLLER://127.0.0.1:" + ports.controller(),
                "advertised.listeners=CLIENTS://127.0.0.1:" + ports.clients() + ",INTERNAL://127.0.0.1:" + ports.internal(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=INTERNAL",
                "listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "listener.name.clients.sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.clients.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.internal.sasl.enabled.mechanisms=PLAIN",
                "listener.name.internal.plain.sasl.jaas.config=" + adminJaas,
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=" + adminJaas,
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + KafkaAccess.ADMIN,
                "allow.everyone.if.no.acl.found=false",
                "controller.quorum.voters=1@127.0.0.1:" + ports.controller(),
                "log.dirs=" + logDirs,
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0") + "\n";
        Secrets.writeOwnerOnly(properties, text.getBytes(StandardCharsets.UTF_8));
        ServiceProcess format = ServiceProcess.startJava("kafka-format", logs, List.of("-cp", classpath, "kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()));
        format.awaitSuccess(timeout);
        return restart(kafkaDir, logs, classpath);
    }

    /**
     * Starts the broker on the log and configuration {@link #start} left under {@code kafkaDir}: its
     * topics, offsets, principals and ACLs kept, as a broker restarted in production; the caller
     * waits for its port.
     */
    public static ServiceProcess restart(Path kafkaDir, Path logs, String classpath) throws IOException {
        return ServiceProcess.startJava("kafka", logs, List.of("-Xmx1g", "-cp", classpath, "kafka.Kafka",
                kafkaDir.resolve("server.properties").toString()));
    }
}
