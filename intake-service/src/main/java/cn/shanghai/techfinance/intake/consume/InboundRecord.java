package cn.shanghai.techfinance.intake.consume;

/**
 * One Kafka record as consumed, before anything is made of its bytes. A record without a value (a
 * tombstone, which a producer can send to any topic) holds no bytes: it is read as an empty record,
 * rejected as not JSON like any other, and kept as a dead letter of no bytes.
 */
public record InboundRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

    private static final byte[] NO_BYTES = new byte[0];

    public InboundRecord {
        value = value == null ? NO_BYTES : value;
    }
}
