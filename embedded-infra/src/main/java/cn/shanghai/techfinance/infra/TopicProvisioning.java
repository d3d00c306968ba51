package cn.shanghai.techfinance.infra;

import cn.shanghai.techfinance.contracts.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics before anyone produces to them, with the partitions they have in production
 * ({@link cn.shanghai.techfinance.contracts.Topics}), for the tests and the local run.
 *
 * <p>Why up front: an idempotent producer that writes to a partition the broker is still creating
 * can have its first request refused (not yet leader) while the next one is appended; the first
 * is then retried with {@code OutOfOrderSequenceException} until it expires, and its records are
 * lost (KAFKA-15591). So the brokers here do not create topics on first use, and a topic counts as
 * ready only once its leader answers for every partition.
 */
public final class TopicProvisioning {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private TopicProvisioning() {
    }

    /**
     * Creates those of {@code topics} that do not exist and returns once every partition of every
     * one of them is served by its leader. An existing topic with another partition count is an
     * error: it was created by hand, or by a broker that still creates topics on first use.
     */
    public static void provision(String bootstrapServers, Collection<TopicSpec> topics) {
        provision(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
    }

    /**
     * {@link #provision(String, Collection)} on a broker that wants a login: {@code adminConfig} is
     * the admin client's configuration ({@link KafkaLogin#clientProperties()} of a principal allowed
     * to create topics).
     */
    public static void provision(Map<String, Object> adminConfig, Collection<TopicSpec> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        String bootstrapServers = String.valueOf(config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty())).toList();
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another provisioner creating the same topic at the same time is fine
                    }
                }
            }
            awaitServed(admin, topics);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not provision " + names(topics), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning " + names(topics), e);
        }
    }

    /**
     * A created topic is not yet a served one: for a moment after creation the broker does not know
     * it, then knows it but answers for its partitions with "this server does not host this
     * topic-partition" — the window in which a producer loses records. So the topics are described
     * and their offsets listed (answered by each partition's leader itself) until both succeed.
     */
    private static void awaitServed(Admin admin, Collection<TopicSpec> topics) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics.stream().map(TopicSpec::name).toList())
                        .allTopicNames().get();
                requirePartitions(topics, described);
                admin.listOffsets(described.values().stream()
                        .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private static void requirePartitions(Collection<TopicSpec> topics, Map<String, TopicDescription> described) {
        for (TopicSpec topic : topics) {
            int partitions = described.get(topic.name()).partitions().size();
            if (partitions != topic.partitions()) {
                throw new IllegalStateException("topic " + topic.name() + " has " + partitions
                        + " partitions, not the " + topic.partitions() + " it is provisioned with");
            }
        }
    }

    private static String names(Collection<TopicSpec> topics) {
        return topics.stream().map(TopicSpec::name).collect(Collectors.joining(", "));
    }
}
