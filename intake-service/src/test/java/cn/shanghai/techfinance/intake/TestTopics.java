package cn.shanghai.techfinance.intake;

import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.infra.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/** Topics made before anything is produced to them: producing to one the broker creates on the fly fails here. */
final class TestTopics {

    private TestTopics() {
    }

    /**
     * Creates those of {@code topics} that do not exist, with the broker's default partitions, and
     * waits until every partition has a leader.
     */
    static void create(String... topics) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Set.of(topics).stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.empty(), Optional.empty())).toList();
            admin.createTopics(missing).all().get();
            // a produce request right after creation can meet NOT_LEADER_OR_FOLLOWER and then an out-of-order sequence
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> admin.describeTopics(List.of(topics)).allTopicNames().get().values().stream()
                            .map(TopicDescription::partitions).flatMap(List::stream).allMatch(p -> p.leader() != null));
        } catch (Exception e) {
            throw new IllegalStateException("topics not created: " + List.of(topics), e);
        }
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()));
    }
}
