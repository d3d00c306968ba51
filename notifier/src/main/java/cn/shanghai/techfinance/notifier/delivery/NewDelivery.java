package cn.shanghai.techfinance.notifier.delivery;

/** A delivery to record: {@code eventId} is the result's CloudEvents id, {@code payload} the result JSON. */
public record NewDelivery(String recipient, Channel channel, String eventId, byte[] payload) {
}
