package cn.shanghai.techfinance.reliability;

import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.infra.KafkaLogin;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of the banks' and the credit platform's topics intake's consumer group has not
 * committed yet: zero once every record sent, repeats included, is decided and its transaction
 * committed (intake commits an offset only after the ledger's transaction).
 */
final class IntakeLag implements AutoCloseable {

    /** intake-service's consumer group (its application.yml). */
    static final String GROUP = "intake-service";

    private final Admin admin;

    IntakeLag(KafkaLogin adminLogin) {
        this.admin = Admin.create(adminLogin.clientProperties());
    }

    long records() throws ExecutionException, InterruptedException {
        Set<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> t.equals(Topics.CREDIT_EVENTS) || (t.startsWith("tf.bank.") && t.endsWith(".events.v1")))
                .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(ends).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : latest.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
