package cn.shanghai.techfinance.outbox;

import java.util.Map;

/** A Kafka record waiting in the outbox for its transaction to commit. */
public record OutboxRecord(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {

    public OutboxRecord {
        headers = Map.copyOf(headers);
    }
}
