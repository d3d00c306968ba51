package cn.shanghai.techfinance.notifier.delivery;

import java.time.Instant;

/** One ledger row as officers and the local run see it (without the payload). */
public record DeliveryEntry(long id, String recipient, Channel channel, String eventId, DeliveryStatus status,
                            int attempts, String lastError, Instant createdAt, Instant nextAttemptAt,
                            Instant deliveredAt) {
}
