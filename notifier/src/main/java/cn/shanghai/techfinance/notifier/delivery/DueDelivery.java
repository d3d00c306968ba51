package cn.shanghai.techfinance.notifier.delivery;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.results.BankResult;
import java.time.Instant;

/**
 * A delivery the dispatcher leased: what to send, to whom, the calls already spent on it against
 * the retry budget (since it was recorded or last redelivered), and until when it holds the row.
 */
public record DueDelivery(long id, String recipient, Channel channel, String eventId, byte[] payload, int budgetSpent,
                          Instant leasedUntil) {

    DueDelivery leasedUntil(Instant until) {
        return new DueDelivery(id, recipient, channel, eventId, payload, budgetSpent, until);
    }

    /** The result this delivery carries; one that cannot be read can never be sent. */
    public BankResult result() {
        try {
            return ContractJson.read(payload, BankResult.class);
        } catch (RuntimeException e) {
            throw new DeliveryRejected("the payload of delivery " + id + " is no readable result: " + e.getMessage(), e);
        }
    }
}
