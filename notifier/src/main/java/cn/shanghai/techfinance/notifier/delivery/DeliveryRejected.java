package cn.shanghai.techfinance.notifier.delivery;

/**
 * The recipient's side answered and refused (HTTP 4xx, a mailbox that does not exist): sending
 * the same again cannot help, so the delivery is parked at once for an officer to look at.
 */
public class DeliveryRejected extends RuntimeException {

    public DeliveryRejected(String message) {
        super(message);
    }

    public DeliveryRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
