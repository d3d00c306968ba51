package cn.shanghai.techfinance.notifier.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

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

    /**
     * Whether nothing answered: no connection could be made (refused, no route, unknown host) or no
     * answer came in time (a socket, HTTP or Kafka timeout, or the sender's own wait) — as opposed to
     * an answer of failure (HTTP 5xx, 408, 429). It says the endpoint is away, not that the delivery fails.
     */
    public boolean unreachable() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                    || cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
