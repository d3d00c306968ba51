package cn.shanghai.techfinance.intake.consume;

/** One Kafka record as consumed, before anything is made of its bytes. */
public record InboundRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
