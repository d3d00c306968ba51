package cn.shanghai.techfinance.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How a client logs in to a SASL listener: the standard Kafka client properties {@code
 * bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}.
 * The same four a bank puts in its client file, a service gets as environment, a test passes to
 * its producer.
 */
public record KafkaLogin(String bootstrapServers, String mechanism, String user, String password) {

    public static final String SCRAM_SHA_512 = "SCRAM-SHA-512";
    public static final String PLAIN = "PLAIN";

    public KafkaLogin {
        if (user.contains("\"") || password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("a user or password with quotes or backslashes cannot be put in a JAAS entry");
        }
    }

    public static KafkaLogin scram(String bootstrapServers, String user, String password) {
        return new KafkaLogin(bootstrapServers, SCRAM_SHA_512, user, password);
    }

    public static KafkaLogin plain(String bootstrapServers, String user, String password) {
        return new KafkaLogin(bootstrapServers, PLAIN, user, password);
    }

    /** The login module entry for {@code sasl.jaas.config}. */
    public String jaasConfig() {
        String module = PLAIN.equals(mechanism) ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** The four client properties, to be merged into a producer's, consumer's or admin client's configuration. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put(SaslConfigs.SASL_MECHANISM, mechanism);
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
        return properties;
    }

    /** {@link #clientProperties()} with {@code more} on top: a client's own settings. */
    public Map<String, Object> with(Map<String, Object> more) {
        Map<String, Object> properties = clientProperties();
        properties.putAll(more);
        return properties;
    }

    /**
     * The same properties as environment variables of a Spring Boot service ({@code
     * spring.kafka.properties.*}, which the Cloud Stream Kafka binder takes too): the password stays
     * off the command line.
     */
    public Map<String, String> springEnvironment() {
        return Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", mechanism,
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaasConfig());
    }

    /** Writes the client properties file (readable by its owner only, where the file system allows). */
    public void writeTo(Path file) {
        StringBuilder text = new StringBuilder("# Kafka client login of " + user + "\n");
        clientProperties().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Secrets.writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "KafkaLogin[" + user + " (" + mechanism + ") at " + bootstrapServers + "]";
    }
}
