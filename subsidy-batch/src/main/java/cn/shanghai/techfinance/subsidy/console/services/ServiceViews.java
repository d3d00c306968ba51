package cn.shanghai.techfinance.subsidy.console.services;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the console reads from intake's and the notifier's APIs, as their JSON has it (fields a newer
 * service adds are ignored), with the times as Shanghai reads them.
 */
final class ServiceViews {

    private static final DateTimeFormatter SHANGHAI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private ServiceViews() {
    }

    static String shanghai(Instant instant) {
        return instant == null ? "" : SHANGHAI_TIME.format(instant);
    }

    /** intake: one reason an event was rejected. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Violation(String field, String code, String message) {
    }

    /** intake: {@code GET /api/v1/rejections}, one item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rejection(long id, String source, String bank, String eventId, String type, List<Violation> violations,
                     Instant receivedAt) {

        public String receivedAtShanghai() {
            return shanghai(receivedAt);
        }
    }

    /** intake: {@code GET /api/v1/rejections}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RejectionPage(List<Rejection> items, int page, int size, long total) {

        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    /** intake: {@code GET /api/v1/rejections/summary}, one count. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RejectionCount(String source, String bank, String reason, long events) {

        /** The bank's code, or the source for a sender that is no bank (the credit platform). */
        public String sender() {
            return bank != null ? bank : source;
        }
    }

    /** intake: {@code GET /api/v1/rejections/summary}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RejectionSummary(List<RejectionCount> counts) {
    }

    /** The notifier: one row of its delivery ledger ({@code GET /api/v1/deliveries}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delivery(long id, String recipient, String channel, String eventId, String status, int attempts, String lastError,
                    Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {

        public String createdAtShanghai() {
            return shanghai(createdAt);
        }

        public boolean parked() {
            return "PARKED".equals(status);
        }
    }

    /** The notifier: a firm's notice address ({@code /api/v1/firms/{uscc}/contact}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FirmContact(String uscc, String email, Instant registeredAt) {

        public String registeredAtShanghai() {
            return shanghai(registeredAt);
        }
    }

    /** The body the notifier sends to set a firm's address. */
    record ContactRegistration(String email) {
    }
}
