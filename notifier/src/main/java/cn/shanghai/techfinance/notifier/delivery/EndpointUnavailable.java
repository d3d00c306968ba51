package cn.shanghai.techfinance.notifier.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

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

    /** Whether nothing answered: no connection could be made (refused, no route, unknown host), rather than an answer of failure. */
    public boolean unreachable() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
