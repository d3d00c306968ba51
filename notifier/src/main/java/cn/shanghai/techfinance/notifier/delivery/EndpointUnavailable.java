package cn.shanghai.techfinance.notifier.delivery;

/**
 * The recipient's side could not take the delivery now (connection refused, timeout, HTTP 5xx,
 * 408 or 429, SMTP unreachable): retried with backoff, and counted by the endpoint's circuit breaker.
 */
public class EndpointUnavailable extends RuntimeException {

    public EndpointUnavailable(String message) {
        super(message);
    }

    public EndpointUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
