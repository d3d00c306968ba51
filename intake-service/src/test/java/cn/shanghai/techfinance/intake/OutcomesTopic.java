package cn.shanghai.techfinance.intake;

import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.infra.TopicReader;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code tf.intake.outcomes.v1} as a bank's integrator would: every outcome, from the beginning. */
final class OutcomesTopic {

    private OutcomesTopic() {
    }

    /** Every outcome published on the broker at {@code bootstrapServers} so far. */
    static List<IntakeOutcome> read(String bootstrapServers) {
        return TopicReader.readAll(bootstrapServers, Topics.INTAKE_OUTCOMES).stream()
                .map(r -> ContractJson.read(r.value(), IntakeOutcome.class)).toList();
    }

    /** The outcomes of {@code source}'s events among {@code eventIds}, by id. */
    static Map<String, List<IntakeOutcome>> byEventId(List<IntakeOutcome> outcomes, String source, Collection<String> eventIds) {
        Set<String> wanted = new HashSet<>(eventIds);
        Map<String, List<IntakeOutcome>> byId = new HashMap<>();
        for (IntakeOutcome o : outcomes) {
            if (source.equals(o.source()) && wanted.contains(o.eventId())) {
                byId.computeIfAbsent(o.eventId(), k -> new ArrayList<>()).add(o);
            }
        }
        return byId;
    }

    /** Waits until the topic holds an outcome for each of {@code eventIds} of {@code source}; returns them by id. */
    static Map<String, List<IntakeOutcome>> awaitPublished(String bootstrapServers, String source, Collection<String> eventIds,
                                                           Duration atMost) {
        Set<String> wanted = new HashSet<>(eventIds);
        return await().atMost(atMost).pollInterval(Duration.ofMillis(300))
                .until(() -> byEventId(read(bootstrapServers), source, wanted), byId -> byId.keySet().containsAll(wanted));
    }
}
