package cn.shanghai.techfinance.notifier.delivery;

/**
 * One recipient's deliveries by one channel: the dispatcher sends them in ledger order, one
 * dispatcher at a time, and a lane that waits (its oldest delivery leased, or due again later)
 * holds up no other.
 */
public record Lane(String recipient, Channel channel) {
}
