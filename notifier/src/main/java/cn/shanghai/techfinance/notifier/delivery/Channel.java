package cn.shanghai.techfinance.notifier.delivery;

import java.util.Locale;

/**
 * How a recipient is told. Each channel has its own resilience4j configuration (retry, circuit
 * breaker, rate limiter, bulkhead), named {@link #configName()} in application.yml.
 */
public enum Channel {
    /** The bank's results topic, tf.bank.&lt;bankCode&gt;.results.v1. */
    KAFKA,
    /** The bank's registered HTTPS endpoint, signed. */
    WEBHOOK,
    /** The firm's registered address (SMTP). */
    EMAIL;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of one of this channel's endpoints, e.g. {@code webhook-ICBC-SH}. */
    public String endpoint(String qualifier) {
        return configName() + "-" + qualifier;
    }

    /** Whether the named endpoint (circuit breaker, rate limiter …) is one of this channel's. */
    public boolean owns(String endpoint) {
        return endpoint.equals(configName()) || endpoint.startsWith(configName() + "-");
    }
}
