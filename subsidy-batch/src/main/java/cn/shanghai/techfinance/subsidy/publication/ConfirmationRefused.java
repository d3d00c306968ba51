package cn.shanghai.techfinance.subsidy.publication;

/** A firm's confirmation that its claim's state or deadline does not allow; the claim is unchanged. */
public class ConfirmationRefused extends RuntimeException {

    public ConfirmationRefused(String message) {
        super(message);
    }
}
