package cn.shanghai.techfinance.notifier.consume;

/** One Kafka record of a consumed batch. */
public record ConsumedRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
